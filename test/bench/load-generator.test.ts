import { Readable } from 'node:stream';
import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateLoad } from '../../bench/load-generator.js';

// The plan-api benchmark's load generator reads HTTP/1.1 itself: each kind of answer it must count.
let server: FastifyInstance;
let base: string;
const body = Buffer.alloc(40_000, 'x');

beforeAll(async () => {
  server = Fastify();
  server.get('/sized', async (_request, reply) => reply.type('application/octet-stream').send(body));
  // Chunked: a stream of unknown length, in chunks of several sizes.
  server.get('/chunked', async (_request, reply) =>
    reply.send(Readable.from([body.subarray(0, 1), body.subarray(1, 20_000), body.subarray(20_000)])),
  );
  server.get('/empty', async (_request, reply) => reply.code(200).send());
  base = await server.listen({ host: '127.0.0.1', port: 0 });
});
afterAll(() => server.close());

describe('generateLoad', () => {
  it('counts answers sized by Content-Length, with their body bytes', async () => {
    const result = await generateLoad(`${base}/sized`, 4, 0.3);
    expect(result.requestsPerSecond).toBeGreaterThan(0);
    expect(result.bodyBytes).toBe(body.length);
    expect(result.errors).toBe(0);
  });

  it('counts chunked answers, with their bytes less the chunk framing', async () => {
    const result = await generateLoad(`${base}/chunked`, 4, 0.3);
    expect(result.requestsPerSecond).toBeGreaterThan(0);
    expect(result.bodyBytes).toBe(body.length);
    expect(result.errors).toBe(0);
  });

  it('counts answers without a body', async () => {
    const result = await generateLoad(`${base}/empty`, 2, 0.3);
    expect(result.requestsPerSecond).toBeGreaterThan(0);
    expect(result.bodyBytes).toBe(0);
    expect(result.errors).toBe(0);
  });

  it('counts an answer other than 200 as an error, not as a request done', async () => {
    const result = await generateLoad(`${base}/missing`, 2, 0.3);
    expect(result.requestsPerSecond).toBe(0);
    expect(result.errors).toBeGreaterThan(0);
  });
});

describe('generateLoad against a server that stops answering', () => {
  it('ends its run on time, counting the connections whose answer never came as stuck', async () => {
    const stalled = Fastify({ forceCloseConnections: true });
    let answered = 0;
    // The first answers come, then none: a route stuck on a lock, a deadlock, a lost promise.
    stalled.get('/', async (_request, reply) =>
      ++answered <= 20 ? reply.send('ok') : new Promise(() => {}),
    );
    const url = await stalled.listen({ host: '127.0.0.1', port: 0 });
    try {
      const outcome = await Promise.race([
        generateLoad(`${url}/`, 2, 0.3, 0.5),
        new Promise<'still running'>((resolve) => setTimeout(() => resolve('still running'), 3000).unref()),
      ]);
      expect(outcome).not.toBe('still running');
      expect(outcome).toMatchObject({ stuck: 2, errors: 0 });
    } finally {
      stalled.server.closeAllConnections();
      await stalled.close();
    }
  });
});

describe('generateLoad against a server whose last answers are slow but come', () => {
  it('counts an answer that arrives a while after the run as a request done, not as an error', async () => {
    // A correct server under load (a large plan written again for each request, 32 connections queued on
    // one event loop) can take longer than the grace period to answer the requests in flight at the end.
    const slow = Fastify({ forceCloseConnections: true });
    slow.get('/', async (_request, reply) => {
      await new Promise((resolve) => setTimeout(resolve, 1_600));
      return reply.send('ok');
    });
    const url = await slow.listen({ host: '127.0.0.1', port: 0 });
    try {
      const result = await generateLoad(`${url}/`, 1, 0.2);
      expect(result).toMatchObject({ errors: 0, stuck: 0, requests: 1 });
    } finally {
      await slow.close();
    }
  });
});
