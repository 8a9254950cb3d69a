// Conditional reads (RFC 9110 §13.1.1, §13.1.2, evaluated in §13.2.2's order): the one way a read with an
// ETag answers If-Match and If-None-Match. The ETag (src/store/etag.ts) is the tag of the representation the
// request selects (its query included), sent on the 200, the 304 and the 412 alike (§15.4.5). Every route
// that calls this says `honoursIfMatch` (src/api/plugins/precondition-headers.ts refuses If-Match on a read
// that sends no ETag: nothing there for it to match).
import type { FastifyReply, FastifyRequest } from 'fastify';
import { checkIfMatchTag, isNotModified } from '../../store/etag.js';

/**
 * Sends `etag`. If-Match first: a 412 (PreconditionFailedError, thrown) unless it is `*` or names `etag`
 * (the strong comparison). Then If-None-Match: true when the client's copy is current, and the route answers
 * 304 with no body.
 */
export function notModified(request: FastifyRequest, reply: FastifyReply, etag: string): boolean {
  reply.header('etag', etag);
  checkIfMatchTag(request.headers['if-match'], etag);
  return isNotModified(request.headers['if-none-match'], etag);
}
