// Entity tags: the one definition of isoplan's ETags. Revision 12 of a project or an issue is the strong
// tag `"r12"`. The API sends them and answers If-None-Match with the weak comparison (RFC 9110 §13.1.2);
// the store checks If-Match with the strong comparison (§13.1.1) inside the write's own transaction, so
// that the check and the write are one step even when another process writes the same database.
import { PreconditionFailedError } from '../domain/errors.js';

export function etagOf(revision: number): string {
  return `"r${revision}"`;
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

/** If-None-Match: true when the client's copy is current (answer 304). */
export function isNotModified(header: string | undefined, revision: number): boolean {
  if (header === undefined) return false;
  const { any, tags } = parseEntityTags(header);
  const current = etagOf(revision);
  return any || tags.some((t) => t.opaque === current);
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
