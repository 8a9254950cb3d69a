// Entity tags: the one definition of isoplan's ETags. A tag names one project or issue and its revision:
// revision 12 of the project created at 2026-12-07T14:58:00.123Z is the strong tag `"r12-mxdea8u3"` (the
// creation time in milliseconds, base 36). The creation time tells two of the same name apart: a project
// deleted and created again, or imported into another store, starts again at revision 1, and a client's
// tag of the old one must not match the new one when it reaches the same revision (a 304 with other
// content, or a write let through by a stale If-Match). A representation that depends on more than the
// revision (the day, the query) adds it as a variant: `"r12-mxdea8u3-v2026-12-07.q3f9a01c2e4b"`.
// The API sends them and answers If-None-Match with the weak comparison (RFC 9110 §13.1.2); the store checks
// If-Match with the strong comparison (§13.1.1) inside the write's own transaction, so that the check and
// the write are one step even when another process writes the same database.
import { createHash } from 'node:crypto';
import { InvalidInputError, PreconditionFailedError } from '../domain/errors.js';

/** What a tag names: a project or an issue at one revision; `createdAt` as a Date, an ISO text or ms. */
export interface Tagged {
  revision: number;
  createdAt: Date | string | number;
}

/**
 * `"r12-mxdea8u3"`; with a `variant` of the representation (something that changes without the revision,
 * e.g. a project's latest validation run for its goal badge, the day and the query of a forecast),
 * `"r12-mxdea8u3-v7"`. A variant is made of `[A-Za-z0-9._-]` (queryVariant makes one of any query).
 */
export function etagOf(entity: Tagged, variant?: string): string {
  const created = new Date(entity.createdAt).getTime().toString(36);
  const tag = `r${entity.revision}-${created}`;
  return variant === undefined ? `"${tag}"` : `"${tag}-v${variant}"`;
}

/**
 * The variant of a representation selected by a query: `q` and a digest of `options`, the query as the
 * route normalized it (defaults filled in, lists in one order), so that equal queries spelled differently
 * share the tag and different ones never do.
 */
export function queryVariant(options: unknown): string {
  return `q${createHash('sha256').update(JSON.stringify(options)).digest('hex').slice(0, 12)}`;
}

/** The content codings a representation is sent in besides none (src/api/http/json-bytes.ts). */
export type ContentCoding = 'gzip';

/** The tag of the same representation sent with a content coding (`"r7-…"` → `"r7-…-gzip"`): its own strong tag. */
export function codedEtagOf(tag: string, coding: ContentCoding): string {
  return `${tag.slice(0, -1)}-${coding}"`;
}

/** The tag of the content a (possibly coded) tag names: `"r7-…-gzip"` → `"r7-…"`; an uncoded tag as it is. */
function contentEtagOf(tag: string): string {
  return tag.endsWith('-gzip"') ? `${tag.slice(0, -'-gzip"'.length)}"` : tag;
}

interface ParsedTags {
  any: boolean;
  tags: Array<{ weak: boolean; opaque: string }>;
}

/** The conditional request headers, as the refusal of a malformed one names them. */
export type PreconditionHeader = 'if-match' | 'if-none-match';

/** One member of an entity-tag list (RFC 9110 §8.8.3): `W/`, then a quoted run of etagc, then OWS. */
const ENTITY_TAG = /[ \t]*(W\/)?("[\x21\x23-\x7E\x80-\uFFFF]*")[ \t]*/y;

/**
 * Parses `*` or a comma-separated list of entity tags (RFC 9110 §13.1.1, §13.1.2: `"*" / #entity-tag`;
 * empty members of the list are skipped, §5.6.1). Anything else is refused, an InvalidInputError naming the
 * header: a malformed If-Match read as naming no tag would answer 412 to every retry of a client that
 * sends the ETag unquoted, as if someone else kept changing the target, and a malformed If-None-Match
 * would never answer 304 without a word.
 */
export function parseEntityTags(header: string, name: PreconditionHeader): ParsedTags {
  if (header.trim() === '*') return { any: true, tags: [] };
  const tags: ParsedTags['tags'] = [];
  let at = 0;
  while (at <= header.length) {
    ENTITY_TAG.lastIndex = at;
    const match = ENTITY_TAG.exec(header);
    if (match !== null) {
      tags.push({ weak: match[1] !== undefined, opaque: match[2] as string });
      at = ENTITY_TAG.lastIndex;
    } else {
      // An empty member: only blanks before the next comma or the end.
      while (header[at] === ' ' || header[at] === '\t') at++;
    }
    if (at === header.length) break;
    if (header[at] !== ',') return malformed(header, name);
    at++;
  }
  return tags.length === 0 ? malformed(header, name) : { any: false, tags };
}

function malformed(header: string, name: PreconditionHeader): never {
  const example = name === 'if-match' ? 'If-Match: "r12-mxdea8u3"' : 'If-None-Match: "r12-mxdea8u3"';
  throw new InvalidInputError(
    `the ${name === 'if-match' ? 'If-Match' : 'If-None-Match'} header is malformed`,
    [
      {
        path: `headers.${name}`,
        message:
          `is not '*' or a list of entity tags: send an ETag as it was received, quotes included (${example})` +
          (header.length > 0 && header.length <= 100 ? `, not ${header}` : ''),
      },
    ],
  );
}

/** If-None-Match: true when the client's copy is current (answer 304); `current` is the representation's ETag. */
export function isNotModified(header: string | undefined, current: string): boolean {
  if (header === undefined) return false;
  const { any, tags } = parseEntityTags(header, 'if-none-match');
  return any || tags.some((t) => t.opaque === current);
}

/**
 * If-None-Match names `current` itself (the weak comparison), `*` aside: a tag this service sent with a
 * 200, so the answer it names was made, and its query was valid, at that revision, day and query. Only
 * such a header may answer 304 before the answer is made; `*` says nothing of the query, so a 304 to it
 * waits until the answer is made (a query that is refused gets its 4xx, RFC 9110 §13.1.2: no current
 * representation, no match).
 */
export function namesTag(header: string | undefined, current: string): boolean {
  return (
    header !== undefined && parseEntityTags(header, 'if-none-match').tags.some((t) => t.opaque === current)
  );
}

/**
 * If-Match (RFC 9110 §13.1.1) on a representation whose tag is `current`, the one home of the comparison
 * for writes and reads alike: it holds without a header, with `*` (the target exists: it has a tag), or
 * when a listed tag strongly matches; else PreconditionFailedError (412). A content coding is not a change
 * of the content: `"r7-…"` and `"r7-…-gzip"` match each other (NON-SPEC: §8.8.3.2 makes them two tags, but
 * whether a read gets the gzip depends on the client's Accept-Encoding and on when the service made it, and
 * a client guarding a read with the tag of what it read before must not be told that the content changed
 * when only its coding did; Apache's mod_deflate compares so too).
 */
export function checkIfMatchTag(header: string | undefined, current: string): void {
  if (header === undefined) return;
  const { any, tags } = parseEntityTags(header, 'if-match');
  if (any) return;
  const content = contentEtagOf(current);
  if (!tags.some((t) => !t.weak && contentEtagOf(t.opaque) === content)) {
    throw new PreconditionFailedError(header.trim(), current);
  }
}

/** If-Match for a write to `target` (a project or an issue as stored): checkIfMatchTag on its own tag. */
export function checkIfMatch(header: string | undefined, target: Tagged): void {
  if (header !== undefined) checkIfMatchTag(header, etagOf(target));
}
