// Entity tags derived from revisions: strong (`"r12"`), because If-Match uses
// the strong comparison (RFC 9110 §13.1.1); If-None-Match uses the weak one (§13.1.2).
import { PreconditionFailedError } from '../../domain/errors.js';

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
 * If-Match for a write: returns the revision the store must still see (so the
 * check is atomic with the write), or undefined when there is no precondition
 * (no header, or `*`: any existing resource). Throws PreconditionFailedError when
 * no listed tag strongly matches the current revision.
 */
export function ifMatchRevision(header: string | undefined, currentRevision: number): number | undefined {
  if (header === undefined) return undefined;
  const { any, tags } = parseEntityTags(header);
  if (any) return undefined;
  const current = etagOf(currentRevision);
  if (tags.some((t) => !t.weak && t.opaque === current)) return currentRevision;
  throw new PreconditionFailedError(header.trim(), current);
}
