// Percent-encoded bytes in a query string that are not UTF-8 (`?label=%E9`, Latin-1's é, as a legacy
// client encodes it): Fastify's parser keeps such a value as its literal text ("%E9"), so a filter matched
// nothing and a name was stored as "%E9", without a word. They are refused (request-checks.ts), a 400 naming
// the parameter, as a path with them is (malformed-url). A `%` not followed by two hex digits stays the
// literal `%` it is read as (the WHATWG URL rules): it is not a byte, and its meaning is not in doubt.
import type { InvalidItem } from '../../domain/errors.js';

const LONE_PERCENT = /%(?![0-9A-Fa-f]{2})/g;

/** The text `raw` (a name or a value of a query string) encodes, or undefined when its bytes are not UTF-8. */
function decoded(raw: string): string | undefined {
  try {
    return decodeURIComponent(raw.replace(/\+/g, ' ').replace(LONE_PERCENT, '%25'));
  } catch {
    return undefined;
  }
}

/** A problem per query parameter of `url` whose name or value holds percent-encoded bytes that are not UTF-8. */
export function queryEncodingProblems(url: string): InvalidItem[] {
  const start = url.indexOf('?');
  if (start < 0 || !url.includes('%', start)) return [];
  const items: InvalidItem[] = [];
  for (const pair of url.slice(start + 1).split('&')) {
    const eq = pair.indexOf('=');
    const rawName = eq < 0 ? pair : pair.slice(0, eq);
    const rawValue = eq < 0 ? '' : pair.slice(eq + 1);
    const bad = [rawName, rawValue].find((raw) => decoded(raw) === undefined);
    if (bad === undefined) continue;
    items.push({
      path: `querystring.${decoded(rawName) ?? rawName}`,
      message: `holds percent-encoded bytes that are not UTF-8 (${bad}): encode the text's UTF-8 bytes (é is %C3%A9, not %E9)`,
    });
  }
  return items;
}
