// A request body sent with a content coding (`Content-Encoding: gzip`) is refused with 415 before it is
// read, as RFC 9110 §8.4 and §15.5.16 ask of a server that does not decode it, with `Accept-Encoding:
// identity` saying what it takes. The service decodes none: without this, the parser read the compressed
// bytes as the body and answered "Body is not valid JSON", which sent the client looking for a fault in
// its JSON.
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { DomainError } from '../../domain/errors.js';

async function bodyCoding(app: FastifyInstance): Promise<void> {
  app.addHook('preParsing', async (request, reply) => {
    const coding = request.headers['content-encoding']?.trim().toLowerCase();
    if (coding === undefined || coding === '' || coding === 'identity') return;
    const length = request.headers['content-length'];
    const hasBody = request.headers['transfer-encoding'] !== undefined || Number(length) > 0;
    if (!hasBody) return;
    reply.header('accept-encoding', 'identity');
    throw new DomainError({
      type: 'unsupported-media-type',
      title: 'Unsupported media type',
      status: 415,
      detail: `content coding '${request.headers['content-encoding']}' is not supported: send the request body uncompressed (no Content-Encoding)`,
    });
  });
}

export default fp(bodyCoding, { name: 'isoplan-body-coding', fastify: '5.x' });
