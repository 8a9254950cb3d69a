// Sends JSON bytes that are shared between requests (serialized once per revision: plans, exports) with
// backpressure: the body is a stream of views into the one buffer, each pushed only when the client has
// taken the previous one, so a client that reads slowly (or never) holds a view, not a copy, and nothing
// is serialized again. Fastify does not serialize a stream: the route's response schema documents the
// body, and its tests check it.
import { Readable } from 'node:stream';
import type { FastifyReply } from 'fastify';

/** Bytes handed to the socket at a time. */
export const SHARED_JSON_CHUNK = 64 * 1024;

export function sendSharedJson(reply: FastifyReply, body: Buffer): FastifyReply {
  reply.type('application/json; charset=utf-8').header('content-length', body.length);
  return reply.send(chunksOf(body));
}

/** A stream of `body` in views of `SHARED_JSON_CHUNK` bytes, each made when the reader asks for it. */
export function chunksOf(body: Buffer, chunkSize = SHARED_JSON_CHUNK): Readable {
  let offset = 0;
  return new Readable({
    highWaterMark: chunkSize,
    read() {
      if (offset >= body.length) {
        this.push(null);
        return;
      }
      const end = Math.min(body.length, offset + chunkSize);
      this.push(body.subarray(offset, end));
      offset = end;
    },
  });
}
