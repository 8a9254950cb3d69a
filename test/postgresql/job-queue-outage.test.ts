// A validation queued on PostgreSQL's job queue while the database goes away: the replica that asked for it
// keeps waiting for its result through a short outage (the job is safe in the database) and answers it once
// a worker has run it, instead of failing the request the moment a poll meets no database; through a long
// one it answers 503 database-unavailable once the outage outlasts its patience, instead of hanging on. A
// worker that meets no database in the middle of a job fails that attempt, and the queue runs it again.
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/api/app.js';
import { JOB_NAMES } from '../../src/services/jobs.js';
import { createServices, type Services } from '../../src/services/services.js';
import { type Database, openDatabase } from '../../src/store/database.js';
import { type JobQueue, openPostgresJobQueue } from '../../src/store/job-queue.js';
import { createEmptyDatabase } from '../store/temp-database.js';
import { type FaultProxy, startFaultProxy } from './fault-proxy.js';

let empty: Awaited<ReturnType<typeof createEmptyDatabase>>;
let proxy: FaultProxy;
/** The replica: reaches the database through the proxy, only enqueues. */
let replica: { database: Database; jobs: JobQueue; app: FastifyInstance } | undefined;
/** The worker: reaches the database directly. */
let worker: { database: Database; jobs: JobQueue; services: Services } | undefined;

/** How long the replica waits through an outage before it answers 503 (the default is longer). */
const UNREACHABLE_GRACE_MS = 4000;

const queue = (url: string) =>
  openPostgresJobQueue({
    url,
    names: JOB_NAMES,
    expireInSeconds: 30,
    pollingIntervalSeconds: 0.5,
    unreachableGraceMs: UNREACHABLE_GRACE_MS,
  });

beforeAll(async () => {
  empty = await createEmptyDatabase();
  proxy = await startFaultProxy(empty.url);
  const database = await openDatabase({ url: proxy.url });
  const jobs = await queue(proxy.url);
  const app = await buildApp({ apiToken: undefined, rateLimit: 0 }, { database, jobs });
  replica = { database, jobs, app };
}, 60_000);

afterAll(async () => {
  await proxy?.restore();
  await replica?.app.close();
  await replica?.jobs.close();
  await replica?.database.close();
  await worker?.jobs.close();
  await worker?.services.close();
  await worker?.database.close();
  await proxy?.close();
  await empty?.drop();
}, 60_000);

describe("a replica waiting for a queued job's result", () => {
  /**
   * Asks the replica to validate `slug` (a new project), and resolves once the job is queued (no worker yet)
   * with the answer to come: wrapped, as an async function would otherwise wait for the answer itself.
   */
  async function askQueued(slug: string): Promise<{ answer: Promise<LightMyRequestResponse> }> {
    const created = await replica!.app.inject({
      method: 'POST',
      url: '/v1/projects',
      payload: { slug, name: slug },
    });
    expect(created.statusCode).toBe(201);
    const answer = replica!.app.inject({ method: 'POST', url: `/v1/projects/${slug}/validations` });
    const sql = await openDatabase({ url: empty.url, migrate: false });
    try {
      for (let i = 0; ; i++) {
        const queued = await sql.prisma.$queryRawUnsafe<unknown[]>(
          `SELECT 1 FROM pgboss.job WHERE name = 'validation' AND data->>'project' = $1`,
          slug,
        );
        if (queued.length > 0) break;
        if (i > 300) throw new Error('the replica did not queue the validation within 30 s');
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    } finally {
      await sql.close();
    }
    return { answer };
  }

  it('answers 503 database-unavailable with Retry-After once the database stays away longer than it waits', async () => {
    const { answer } = await askQueued('queued-long');
    await proxy.cut();
    try {
      const res = await answer;
      expect(res.statusCode).toBe(503);
      expect(res.headers['retry-after']).toMatch(/^[1-9]\d*$/);
      expect(res.json()).toMatchObject({ type: 'https://isoplan.dev/problems/database-unavailable' });
    } finally {
      await proxy.restore();
    }
  }, 60_000);

  it("answers it once a worker ran it again, though that worker's own database went away during its first attempt", async () => {
    // A worker whose stores reach the database through a proxy of their own, its queue directly.
    const cutOff = await startFaultProxy(empty.url);
    const database = await openDatabase({ url: cutOff.url, migrate: false });
    const jobs = await queue(empty.url);
    const services = createServices({ stores: database.stores, jobs });
    const sql = await openDatabase({ url: empty.url, migrate: false });
    try {
      await cutOff.cut();
      await services.workJobs();
      const { answer } = await askQueued('worker-cut-off');
      let answered = false;
      void answer.finally(() => (answered = true));
      // The first attempt meets no database: the job is retried (or, refused for good, answered at once).
      for (let i = 0; !answered; i++) {
        const [job] = await sql.prisma.$queryRawUnsafe<Array<{ retries: number }>>(
          `SELECT retry_count AS retries FROM pgboss.job WHERE name = 'validation' AND data->>'project' = 'worker-cut-off'`,
        );
        if ((job?.retries ?? 0) >= 1) break;
        if (i > 300) throw new Error('the first attempt did not end within 30 s');
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      await cutOff.restore();

      const res = await answer;
      expect(res.statusCode).toBe(201);
      expect(res.json()).toMatchObject({ projectRevision: 1 });
    } finally {
      await cutOff.restore();
      await sql.close();
      await jobs.close();
      await services.close();
      await database.close();
      await cutOff.close();
    }
  }, 60_000);

  it('answers it once a worker ran it, though the database went away and came back meanwhile', async () => {
    const { answer } = await askQueued('queued');
    await proxy.cut();
    await new Promise((resolve) => setTimeout(resolve, 1500));
    await proxy.restore();

    const database = await openDatabase({ url: empty.url, migrate: false });
    const jobs = await queue(empty.url);
    const services = createServices({ stores: database.stores, jobs });
    worker = { database, jobs, services };
    await services.workJobs();

    const res = await answer;
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ projectRevision: 1 });
  }, 60_000);
});
