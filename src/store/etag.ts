// Entity tags: the one definition of isoplan's ETags. Revision 12 of a project or an issue is the strong
// tag `"r12"`. The API sends them and answers If-None-Match with the weak comparison (RFC 9110 §13.1.2);
// the store checks If-Match with the strong comparison (§13.1.1) inside the write's own transaction, so
// that the check and the write are one step even when another process writes the same database.
import { PreconditionFailedError } from '../domain/errors.js';

/**
 * `"r12"`; with a `version` of something that changes without the revision (a project's latest validation
 * run for its goal badge, the forecast's day 0 for its forecast badge), `"r12-v7"`.
 */
export function etagOf(revision: number, version?: string): string {
  return version === undefined ? `"r${revision}"` : `"r${revision}-v${version}"`;
}

/** The tag of the same representation sent with a content coding (`"r7"` → `"r7-gzip"`): its own strong tag. */
export function codedEtagOf(tag: string, coding: string): string {
  return `${tag.slice(0, -1)}-${coding}"`;
}

interface ParsedTags {
  any: boolean;
  tags: Array<{ weak: boolean; opaque: string }>;
}

/** Parses `*` or a comma-separated list of entity tags; malformed members are ignored. */
export function parseEntityTags(header: string): ParsedTags {
  if (header.trim() === '*') return { any: true, tags: [] };
  const tags: ParsedTags['tags'] = [];
  for (const match of header.matchAll(/(W\/)?("[^"]*")/g)) {
    tags.push({ weak: match[1] !== undefined, opaque: match[2] as string });
  }
  return { any: false, tags };
}

/** If-None-Match: true when the client's copy is current (answer 304); `current` is a revision or an ETag. */
export function isNotModified(header: string | undefined, current: number | string): boolean {
  if (header === undefined) return false;
  const { any, tags } = parseEntityTags(header);
  const tag = typeof current === 'number' ? etagOf(current) : current;
  return any || tags.some((t) => t.opaque === tag);
}

/**
 * If-Match for a write to a target at `revision`: no precondition without a header or with `*` (any
 * existing target); else PreconditionFailedError unless a listed tag strongly matches the current one.
 */
export function checkIfMatch(header: string | undefined, revision: number): void {
  if (header === undefined) return;
  const { any, tags } = parseEntityTags(header);
  if (any) return;
  const current = etagOf(revision);
  if (!tags.some((t) => !t.weak && t.opaque === current)) {
    throw new PreconditionFailedError(header.trim(), current);
  }
}
