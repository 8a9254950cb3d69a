// The conditional request headers (If-Match, If-None-Match) are entity-tag lists or `*`, on every route:
// a malformed one is a 400 naming it (store/etag.ts parseEntityTags, the one parser), before any handler
// runs, even on a route that takes no precondition, rather than a 412 to every retry (If-Match read as
// naming no tag) or a full answer every time (If-None-Match never matching) without a word.
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { type PreconditionHeader, parseEntityTags } from '../../store/etag.js';

const HEADERS: PreconditionHeader[] = ['if-match', 'if-none-match'];

async function preconditionHeaders(app: FastifyInstance): Promise<void> {
  app.addHook('preValidation', async (request) => {
    for (const name of HEADERS) {
      const value = request.headers[name];
      if (value !== undefined) parseEntityTags(value, name);
    }
  });
}

export default fp(preconditionHeaders, { name: 'isoplan-precondition-headers', fastify: '5.x' });
