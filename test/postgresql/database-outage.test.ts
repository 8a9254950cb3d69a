// The database goes away under a running service (PostgreSQL restarted, the network cut) and comes back:
// meanwhile every request that needs it is a 503 `database-unavailable` problem with Retry-After, at once
// (never a 500, never a hang), and once the database answers again the same service serves without a
// restart of its own. The service's own refusals stay what they are, whatever text of the client's they carry.
import { Writable } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/api/app.js';
import { type Database, openDatabase } from '../../src/store/database.js';
import { PROBLEM_JSON } from '../api/test-app.js';
import { createEmptyDatabase } from '../store/temp-database.js';
import { type FaultProxy, startFaultProxy } from './fault-proxy.js';

const PROBLEM_BASE = 'https://isoplan.dev/problems/';

let empty: Awaited<ReturnType<typeof createEmptyDatabase>>;
let proxy: FaultProxy;
let database: Database;
let app: FastifyInstance;
/** The service's log lines, as JSON. */
let logs = '';

beforeAll(async () => {
  empty = await createEmptyDatabase();
  proxy = await startFaultProxy(empty.url);
  database = await openDatabase({ url: proxy.url });
  const stream = new Writable({
    write(chunk, _encoding, done) {
      logs += chunk.toString();
      done();
    },
  });
  app = await buildApp(
    { apiToken: undefined, rateLimit: 0 },
    { database },
    { logger: { level: 'info', stream } },
  );
  const created = await app.inject({
    method: 'POST',
    url: '/v1/projects',
    payload: { slug: 'outage', name: 'Outage' },
  });
  expect(created.statusCode).toBe(201);
}, 60_000);

afterEach(() => proxy.restore());

afterAll(async () => {
  await app?.close();
  await database?.close();
  await proxy?.close();
  await empty?.drop();
});

function expectUnavailable(res: Awaited<ReturnType<FastifyInstance['inject']>>): void {
  expect(res.statusCode).toBe(503);
  expect(res.headers['content-type']).toBe(PROBLEM_JSON);
  expect(res.headers['retry-after']).toMatch(/^[1-9]\d*$/);
  expect(res.json()).toMatchObject({ type: `${PROBLEM_BASE}database-unavailable`, status: 503 });
}

describe('a service whose PostgreSQL database goes away', () => {
  it('answers reads 503 database-unavailable with Retry-After while the database cannot be reached', async () => {
    await proxy.cut();
    expectUnavailable(await app.inject({ method: 'GET', url: '/v1/projects/outage/plan' }));
  });

  it('answers writes 503 database-unavailable with Retry-After while the database cannot be reached', async () => {
    await proxy.cut();
    expectUnavailable(
      await app.inject({
        method: 'POST',
        url: '/v1/projects/outage/issues',
        payload: { key: 'during', title: 'Written while the database was away' },
      }),
    );
  });

  it('says not ready on /readyz while the database cannot be reached', async () => {
    await proxy.cut();
    const res = await app.inject({ method: 'GET', url: '/readyz' });
    expect(res.statusCode).toBe(503);
    expect(res.json().type).toBe(`${PROBLEM_BASE}not-ready`);
  });

  it("logs the driver's reason beside the 503, and sends none of it", async () => {
    await proxy.cut();
    logs = '';
    const res = await app.inject({ method: 'GET', url: '/v1/projects/outage/plan' });
    expectUnavailable(res);
    const line = logs
      .split('\n')
      .filter((l) => l !== '')
      .map((l) => JSON.parse(l) as { problem?: string; cause?: string })
      .find((l) => l.problem === `${PROBLEM_BASE}database-unavailable`);
    expect(line?.cause).toEqual(expect.any(String));
    expect(line?.cause).not.toBe('');
    expect(res.body).not.toContain(line?.cause);
  });

  it('serves reads and writes again once the database answers, without a restart', async () => {
    await proxy.cut();
    expectUnavailable(await app.inject({ method: 'GET', url: '/v1/projects/outage/issues' }));
    await proxy.restore();
    const written = await app.inject({
      method: 'POST',
      url: '/v1/projects/outage/issues',
      payload: { key: 'after', title: 'Written once the database was back' },
    });
    expect(written.statusCode).toBe(201);
    const read = await app.inject({ method: 'GET', url: '/v1/projects/outage/issues' });
    expect(read.statusCode).toBe(200);
    expect(read.json().items.map((i: { key: string }) => i.key)).toEqual(['after']);
  });
});

describe('a service on PostgreSQL refusing a write of its own accord', () => {
  /** PATCHes a new issue with a stale If-Match whose tag reads like one of the database's own messages. */
  async function patchWithStaleTag(key: string, tag: string) {
    const created = await app.inject({
      method: 'POST',
      url: '/v1/projects/outage/issues',
      payload: { key, title: 'Tagged' },
    });
    expect(created.statusCode).toBe(201);
    return app.inject({
      method: 'PATCH',
      url: `/v1/projects/outage/issues/${key}`,
      headers: { 'if-match': `"${tag}"` },
      payload: { title: 'Changed' },
    });
  }

  // The database's own words hold spaces, which no entity tag may (RFC 9110 §8.8.3): such an If-Match is
  // refused as malformed before any write, and the client's words are never read as the database's.
  it('answers 400 naming the If-Match, not database-unavailable, whatever words the client put in it', async () => {
    const res = await patchWithStaleTag('tagged-terminated', 'Connection terminated');
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ type: `${PROBLEM_BASE}invalid-input` });
    expect(JSON.stringify(res.json())).toContain('headers.if-match');
  });

  it('answers 400 naming the If-Match, not database-busy, whatever words the client put in it', async () => {
    const res = await patchWithStaleTag('tagged-lock', 'lock timeout');
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ type: `${PROBLEM_BASE}invalid-input` });
    expect(JSON.stringify(res.json())).toContain('headers.if-match');
  });

  it('answers 412 precondition-failed, not database-unavailable, to a stale tag in the form the service gives', async () => {
    const res = await patchWithStaleTag('tagged-stale', 'r999-Connection-terminated');
    expect(res.statusCode).toBe(412);
    expect(res.json()).toMatchObject({ type: `${PROBLEM_BASE}precondition-failed` });
  });
});
