import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ConflictError, DependencyCycleError, PROBLEM_BASE } from '../../../src/domain/errors.js';
import { DatabaseBusyError } from '../../../src/store/database-busy.js';
import { createTestApp, PROBLEM_JSON, type TestApp } from '../test-app.js';

let t: TestApp;
let app: FastifyInstance;

// Routes that exist only in this test, each throwing one kind of error.
function addThrowingRoutes(root: FastifyInstance): void {
  const r = root.withTypeProvider<ZodTypeProvider>();
  const config = { scope: 'public' } as const;
  // It declares `x`: a query parameter a route does not declare is refused (strict-query.ts).
  r.get('/boom/conflict', { config, schema: { querystring: z.object({ x: z.string() }) } }, async () => {
    throw new ConflictError('the slug is taken', { slug: 'x' });
  });
  r.get('/boom/cycle', { config }, async () => {
    throw new DependencyCycleError(['a', 'b', 'c', 'a']);
  });
  r.get('/boom/busy', { config }, async () => {
    throw new DatabaseBusyError();
  });
  r.get('/boom/crash', { config }, async () => {
    throw new Error('secret internals at /srv/db');
  });
  r.get(
    '/boom/serialize',
    { config, schema: { response: { 200: z.object({ n: z.number() }) } } },
    async () => ({
      n: 'not a number' as unknown as number,
    }),
  );
  r.post(
    '/boom/validate/:id',
    {
      config,
      bodyLimit: 200,
      schema: {
        params: z.object({ id: z.coerce.number().int() }),
        querystring: z.object({ limit: z.coerce.number().max(10).optional() }),
        body: z.strictObject({ title: z.string().min(1), estimate: z.number(), labels: z.array(z.string()) }),
      },
    },
    async () => ({ ok: true }),
  );
}

beforeAll(async () => {
  t = await createTestApp();
  app = t.app;
  addThrowingRoutes(app);
  await app.ready();
});
afterAll(() => t.close());

describe('the error handler', () => {
  it('turns a domain error into problem+json with its status, type and extensions', async () => {
    const res = await app.inject({ method: 'GET', url: '/boom/conflict?x=1' });
    expect(res.statusCode).toBe(409);
    expect(res.headers['content-type']).toBe(PROBLEM_JSON);
    expect(res.json()).toEqual({
      type: `${PROBLEM_BASE}conflict`,
      title: 'Conflict',
      status: 409,
      detail: 'the slug is taken',
      instance: '/boom/conflict?x=1',
      slug: 'x',
    });
  });

  it('answers a busy database with 503 and Retry-After, so that clients try again', async () => {
    const res = await app.inject({ method: 'GET', url: '/boom/busy' });
    expect(res.statusCode).toBe(503);
    expect(res.headers['retry-after']).toBe('1');
    expect(res.json()).toMatchObject({ type: `${PROBLEM_BASE}database-busy`, retryAfterSeconds: 1 });
  });

  it('carries the cycle of a dependency-cycle error', async () => {
    const res = await app.inject({ method: 'GET', url: '/boom/cycle' });
    expect(res.statusCode).toBe(409);
    expect(res.json()).toMatchObject({
      type: `${PROBLEM_BASE}dependency-cycle`,
      cycle: ['a', 'b', 'c', 'a'],
    });
  });

  it('lists each failing body field with its path', async () => {
    const res = await app.inject({
      method: 'POST',
      url: '/boom/validate/1',
      payload: { title: '', labels: ['ok', 3], extra: true },
    });
    expect(res.statusCode).toBe(400);
    expect(res.headers['content-type']).toBe(PROBLEM_JSON);
    const body = res.json();
    expect(body.type).toBe(`${PROBLEM_BASE}validation-error`);
    expect(body.errors.map((e: { path: string }) => e.path).sort()).toEqual([
      'body.estimate',
      'body.extra',
      'body.labels[1]',
      'body.title',
    ]);
    for (const e of body.errors) expect(e.message).toEqual(expect.any(String));
  });

  it('names query string and path parameters in validation errors', async () => {
    const query = await app.inject({
      method: 'POST',
      url: '/boom/validate/1?limit=99',
      payload: { title: 't', estimate: 1, labels: [] },
    });
    expect(query.statusCode).toBe(400);
    expect(query.json().errors).toEqual([{ path: 'querystring.limit', message: expect.any(String) }]);

    const params = await app.inject({ method: 'POST', url: '/boom/validate/abc', payload: {} });
    expect(params.statusCode).toBe(400);
    expect(params.json().errors[0].path).toBe('params.id');
  });

  it('answers 400 problem+json to a malformed JSON body', async () => {
    const res = await app.inject({
      method: 'POST',
      url: '/boom/validate/1',
      headers: { 'content-type': 'application/json' },
      payload: '{"title": ',
    });
    expect(res.statusCode).toBe(400);
    expect(res.headers['content-type']).toBe(PROBLEM_JSON);
    expect(res.json().type).toBe(`${PROBLEM_BASE}malformed-body`);
  });

  it('answers 415 problem+json to an unsupported media type', async () => {
    const res = await app.inject({
      method: 'POST',
      url: '/boom/validate/1',
      headers: { 'content-type': 'application/xml' },
      payload: '<title/>',
    });
    expect(res.statusCode).toBe(415);
    expect(res.json().type).toBe(`${PROBLEM_BASE}unsupported-media-type`);
    expect(res.json().detail).toBe("content type 'application/xml' is not supported: send application/json");
  });

  it('names every type the route takes in a 415: the GitHub webhook takes its form too', async () => {
    const res = await app.inject({
      method: 'POST',
      url: '/v1/github/webhook',
      headers: { 'content-type': 'application/xml' },
      payload: '<zen/>',
    });
    expect(res.statusCode).toBe(415);
    expect(res.json().detail).toBe(
      "content type 'application/xml' is not supported: send application/json or application/x-www-form-urlencoded",
    );
  });

  it('answers 413 problem+json to a body over the limit', async () => {
    const res = await app.inject({
      method: 'POST',
      url: '/boom/validate/1',
      payload: { title: 'x'.repeat(500), estimate: 1, labels: [] },
    });
    expect(res.statusCode).toBe(413);
    expect(res.json().type).toBe(`${PROBLEM_BASE}payload-too-large`);
    expect(res.json().detail).toBe(
      'the request body is larger than this route takes: at most 200 bytes (200 B)',
    );
  });

  it('answers 500 without leaking internals to an unexpected error', async () => {
    const res = await app.inject({ method: 'GET', url: '/boom/crash' });
    expect(res.statusCode).toBe(500);
    expect(res.headers['content-type']).toBe(PROBLEM_JSON);
    expect(res.json().type).toBe(`${PROBLEM_BASE}internal-error`);
    expect(res.body).not.toContain('secret');
    expect(res.body).not.toContain('/srv/db');
  });

  it('answers 500 when a handler breaks its own response schema', async () => {
    const res = await app.inject({ method: 'GET', url: '/boom/serialize' });
    expect(res.statusCode).toBe(500);
    expect(res.json()).toMatchObject({ type: `${PROBLEM_BASE}internal-error`, status: 500 });
  });

  it('answers 400 problem+json to a path with a malformed percent-encoding', async () => {
    const res = await app.inject({ method: 'GET', url: '/v1/projects/%E0%A4%A' });
    expect(res.statusCode).toBe(400);
    expect(res.headers['content-type']).toBe(PROBLEM_JSON);
    expect(res.json()).toMatchObject({ type: `${PROBLEM_BASE}malformed-url`, status: 400 });
  });

  it('answers problem+json to a path parameter longer than the router takes', async () => {
    const res = await app.inject({ method: 'GET', url: `/v1/projects/p/issues/${'k'.repeat(200)}` });
    expect(res.statusCode).toBe(414);
    expect(res.headers['content-type']).toBe(PROBLEM_JSON);
    expect(res.json()).toMatchObject({ type: `${PROBLEM_BASE}uri-too-long`, status: 414 });
  });

  it('answers 404 problem+json to an unknown route', async () => {
    const res = await app.inject({ method: 'GET', url: '/no/such/route?q=1' });
    expect(res.statusCode).toBe(404);
    expect(res.headers['content-type']).toBe(PROBLEM_JSON);
    expect(res.json()).toMatchObject({
      type: `${PROBLEM_BASE}route-not-found`,
      status: 404,
      instance: '/no/such/route?q=1',
      detail: 'no route for GET /no/such/route',
    });
  });

  it('answers 405 problem+json with Allow to a method a known path does not take', async () => {
    const res = await app.inject({ method: 'DELETE', url: '/v1/projects?limit=1' });
    expect(res.statusCode).toBe(405);
    expect(res.headers['content-type']).toBe(PROBLEM_JSON);
    expect(res.headers.allow).toBe('GET, HEAD, POST');
    expect(res.json()).toMatchObject({
      type: `${PROBLEM_BASE}method-not-allowed`,
      status: 405,
      detail: '/v1/projects takes GET, HEAD, POST, not DELETE',
    });
  });

  it('reads the path parameters of a route path for its methods: one issue, one badge', async () => {
    const issue = await app.inject({ method: 'POST', url: '/v1/projects/p/issues/k' });
    expect(issue.headers.allow).toBe('DELETE, GET, HEAD, PATCH');
    const badge = await app.inject({ method: 'PUT', url: '/v1/projects/p/badges/progress.svg' });
    expect(badge.headers.allow).toBe('GET, HEAD');
  });
});
