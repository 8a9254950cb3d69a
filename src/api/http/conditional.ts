// Conditional GETs (RFC 9110 §13.1.2): the one way a route answers If-None-Match. The ETag (src/store/etag.ts)
// is the tag of the representation the request selects (its query included), sent on the 200 and on the 304
// alike (§15.4.5).
import type { FastifyReply, FastifyRequest } from 'fastify';
import { isNotModified } from '../../store/etag.js';

/** Sends `etag`; true when the client's copy is current: the route answers 304 with no body. */
export function notModified(request: FastifyRequest, reply: FastifyReply, etag: string): boolean {
  reply.header('etag', etag);
  return isNotModified(request.headers['if-none-match'], etag);
}
