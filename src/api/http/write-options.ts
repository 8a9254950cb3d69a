// What a write request tells the store besides its content: who writes (the audit trail's actor and whom
// it acts for, src/api/plugins/auth.ts) and the client's If-Match, which the store checks in the write's
// own transaction (src/store/etag.ts).
import type { FastifyRequest } from 'fastify';
import type { WriteOptions } from '../../store/types.js';
import { actorOf } from '../plugins/auth.js';

export function writeOptionsOf(request: FastifyRequest): WriteOptions {
  return { ...actorOf(request), ifMatch: request.headers['if-match'] };
}
