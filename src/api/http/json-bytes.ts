// Sends JSON that is already serialized: text or bytes kept whole (e.g. per revision), or chunks streamed as
// they are written. Bytes shared between requests (an export, once per revision) go as a stream of views
// into the one buffer, each pushed only when the client has taken the previous one (sendSharedJson): a
// client that reads slowly (or never) holds a view, not a copy.
// Fastify sends a Buffer or a stream body as is, so the route's response serializer does not run; the
// route's response schema still documents it.
import { Readable } from 'node:stream';
import { gzip } from 'node:zlib';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { codedEtagOf } from '../../store/etag.js';
import { acceptsEncoding } from './accept-encoding.js';

const JSON_TYPE = 'application/json; charset=utf-8';

/** Below this, gzip saves less than a packet. */
const MIN_GZIP_BYTES = 1400;
const COMPRESSING = Symbol('compressing');
/** The gzip of bytes kept per revision, made once, beside them: it goes when they go. */
const gzipped = new WeakMap<Uint8Array, Buffer | typeof COMPRESSING>();

export function sendJsonText(reply: FastifyReply, json: string): FastifyReply {
  return reply.type(JSON_TYPE).send(json);
}

/** What one request gets of bytes kept whole: the bytes, or their gzip (`coding`). */
export interface JsonBytesRepresentation {
  body: Buffer;
  coding?: 'gzip';
}

/**
 * The representation of bytes kept whole (per revision) that this request selects: gzip-encoded for a
 * client that takes gzip once their gzip is made. It is made off the event loop (zlib's thread pool) after
 * the first request for them, which gets them plain: a read right after a write waits for no compression,
 * and every later one sends about a tenth as many bytes. Chosen before any If-None-Match is answered, so
 * that a 304 carries the tag of what a 200 would send (representationEtag); the caller sends
 * `Vary: accept-encoding` on every answer for these bytes, its 304s included.
 */
export function jsonBytesFor(request: FastifyRequest, json: Uint8Array): JsonBytesRepresentation {
  if (json.byteLength >= MIN_GZIP_BYTES && acceptsEncoding(request.headers['accept-encoding'], 'gzip')) {
    const made = gzipped.get(json);
    if (made instanceof Buffer) return { body: made, coding: 'gzip' };
    if (made === undefined) {
      gzipped.set(json, COMPRESSING);
      // zlib's default level, once per revision: against level 1 (a 1k-issue plan, 256 KB: 35 -> 27 KB
      // for 1.6 -> 4 ms on a pool thread), each answer's write and the client's read shrink with the bytes.
      // plan-api, A/B on a quiet machine (two runs each): the unchanged plan's median 2.9-3.8 -> 2.6-2.7 ms
      // on SQLite, the client's CPU a cached plan 22-23 -> 18-21 us; throughput against a bare route within
      // the runs' noise (SQLite 0.45-0.52x -> 0.47-0.49x, PostgreSQL 0.32-0.39x -> 0.41x).
      gzip(json, { level: 6 }, (error, out) => {
        if (error === null) gzipped.set(json, out);
        else gzipped.delete(json);
      });
    }
  }
  return { body: Buffer.from(json.buffer, json.byteOffset, json.byteLength) };
}

/** The ETag of a representation: another content coding, another strong tag (RFC 9110 §8.8.3). */
export function representationEtag(etag: string, representation: JsonBytesRepresentation): string {
  return representation.coding === undefined ? etag : codedEtagOf(etag, representation.coding);
}

export function sendJsonBytes(reply: FastifyReply, representation: JsonBytesRepresentation): FastifyReply {
  reply.type(JSON_TYPE);
  if (representation.coding !== undefined) reply.header('content-encoding', representation.coding);
  return reply.send(representation.body);
}

/** Chunked: the chunks are pulled as the socket drains, so that only a few are in memory at a time. */
export function sendJsonStream(reply: FastifyReply, chunks: Iterable<Uint8Array>): FastifyReply {
  return reply.type(JSON_TYPE).send(Readable.from(chunks));
}

/** Bytes handed to the socket at a time. */
export const SHARED_JSON_CHUNK = 64 * 1024;

export function sendSharedJson(reply: FastifyReply, body: Buffer): FastifyReply {
  reply.type(JSON_TYPE).header('content-length', body.length);
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
