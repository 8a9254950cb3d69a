// Sends JSON that is already serialized: text or bytes kept whole (e.g. per revision), or chunks streamed as
// they are written.
// Fastify sends a Buffer or a stream body as is, so the route's response serializer does not run; the
// route's response schema still documents it.
import { Readable } from 'node:stream';
import type { FastifyReply } from 'fastify';

const JSON_TYPE = 'application/json; charset=utf-8';

export function sendJsonText(reply: FastifyReply, json: string): FastifyReply {
  return reply.type(JSON_TYPE).send(json);
}

export function sendJsonBytes(reply: FastifyReply, json: Uint8Array): FastifyReply {
  return reply.type(JSON_TYPE).send(Buffer.from(json.buffer, json.byteOffset, json.byteLength));
}

/** Chunked: the chunks are pulled as the socket drains, so that only a few are in memory at a time. */
export function sendJsonStream(reply: FastifyReply, chunks: Iterable<Uint8Array>): FastifyReply {
  return reply.type(JSON_TYPE).send(Readable.from(chunks));
}
