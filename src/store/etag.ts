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
import { PreconditionFailedError } from '../domain/errors.js';

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

/** The tag of the same representation sent with a content coding (`"r7-…"` → `"r7-…-gzip"`): its own strong tag. */
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

/** If-None-Match: true when the client's copy is current (answer 304); `current` is the representation's ETag. */
export function isNotModified(header: string | undefined, current: string): boolean {
  if (header === undefined) return false;
  const { any, tags } = parseEntityTags(header);
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
  return header !== undefined && parseEntityTags(header).tags.some((t) => t.opaque === current);
}

/**
 * If-Match for a write to `target` (a project or an issue as stored): no precondition without a header or
 * with `*` (any existing target); else PreconditionFailedError unless a listed tag strongly matches its own.
 */
export function checkIfMatch(header: string | undefined, target: Tagged): void {
  if (header === undefined) return;
  const { any, tags } = parseEntityTags(header);
  if (any) return;
  const current = etagOf(target);
  if (!tags.some((t) => !t.weak && t.opaque === current)) {
    throw new PreconditionFailedError(header.trim(), current);
  }
}
