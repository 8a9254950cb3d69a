// The issues a pull request would close: GitHub's closing keywords in its description.
//
// GitHub's rule ("Linking a pull request to an issue using a keyword", docs.github.com): one of close,
// closes, closed, fix, fixes, fixed, resolve, resolves, resolved (any case, optionally followed by a
// colon), then an issue of the same repository (`#10`), of another one (`octo-org/octo-repo#100`), or
// an issue's URL. Each issue needs its own keyword (`Resolves #10, resolves #123`). Only what GitHub
// renders counts: keywords inside code (fenced blocks, inline spans) and HTML comments (pull request
// templates are full of them) close nothing. GitHub acts on them only when the pull request targets
// the repository's default branch; the caller checks that.
import type { IssueRef } from './repository.js';

const KEYWORD = '(?:close[sd]?|fix(?:e[sd])?|resolve[sd]?)';
const OWNER = '[A-Za-z0-9][A-Za-z0-9-]{0,38}';
const NAME = '[A-Za-z0-9._-]{1,100}';
// One reference: `#N`, `OWNER/REPO#N`, or `https://host/OWNER/REPO/issues/N`; a number never runs into
// more word characters (`#12abc` is no reference).
const REFERENCE = new RegExp(
  `(?<![\\w/])${KEYWORD}:?[ \\t]+(?:(?:(${OWNER}/${NAME}))?#(\\d+)|https?://[^/\\s]+/(${OWNER})/(${NAME})/issues/(\\d+))(?![\\w/])`,
  'gi',
);

const FENCE = /^ {0,3}(`{3,}|~{3,})/;

/** Text GitHub does not render as prose: HTML comments, fenced code blocks and inline code spans. */
function renderedProse(markdown: string): string {
  const lines: string[] = [];
  let fence: string | null = null; // the opening fence while inside a fenced block
  for (const line of markdown.replace(/<!--[\s\S]*?(?:-->|$)/g, ' ').split(/\r?\n/)) {
    const marker = FENCE.exec(line)?.[1];
    if (fence === null) {
      if (marker !== undefined) fence = marker;
      else lines.push(line);
    } else if (marker !== undefined && marker[0] === fence[0] && marker.length >= fence.length) {
      fence = null;
    }
  }
  return lines.join('\n').replace(/(`+)[\s\S]*?\1/g, ' ');
}

/** The issues `body` closes, each once, in order of first mention; `#N` is an issue of `repository`. */
export function closingReferences(body: string | null | undefined, repository: string): IssueRef[] {
  if (!body) return [];
  const refs: IssueRef[] = [];
  const seen = new Set<string>();
  for (const match of renderedProse(body).matchAll(REFERENCE)) {
    const [, fullName, shortNumber, urlOwner, urlName, urlNumber] = match;
    const ref =
      urlNumber !== undefined
        ? { repository: `${urlOwner}/${urlName}`, number: Number(urlNumber) }
        : { repository: fullName ?? repository, number: Number(shortNumber) };
    if (!Number.isSafeInteger(ref.number) || ref.number < 1) continue;
    const id = `${ref.repository.toLowerCase()}#${ref.number}`;
    if (seen.has(id)) continue;
    seen.add(id);
    refs.push(ref);
  }
  return refs;
}
