// Replicas that only enqueue (ISOPLAN_JOBS=enqueue) with no worker running: a validation or CI check asked
// for is answered 503 `no-worker` once no process has taken jobs for the grace (30 s by default), not after
// the job's whole deadline (minutes); the job stays queued for a worker that starts later. Each working
// process counts while it works (a shared advisory lock on a connection of its own), and /readyz says
// `degraded` while none does.
import { afterAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/api/app.js';
import { JOB_NAMES } from '../../src/services/jobs.js';
import { openDatabase } from '../../src/store/database.js';
import { type JobQueue, NoWorkerError, openPostgresJobQueue } from '../../src/store/job-queue.js';
import { useEmptyDatabase } from './empty-database.js';

const empty = useEmptyDatabase();
const opened: JobQueue[] = [];

async function queue(noWorkerGraceMs = 30_000): Promise<JobQueue> {
  const jobs = await openPostgresJobQueue({
    url: empty.url,
    names: JOB_NAMES,
    expireInSeconds: 30,
    pollingIntervalSeconds: 0.5,
    noWorkerGraceMs,
  });
  opened.push(jobs);
  return jobs;
}

async function until(what: string, probe: () => Promise<boolean>, ms = 20_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await probe())) {
    if (Date.now() > deadline) throw new Error(`${what}: not within ${ms} ms`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

afterAll(async () => {
  await Promise.all(opened.map((jobs) => jobs.close()));
}, 60_000);

describe('a job asked for while no process takes jobs', () => {
  it('is answered 503 no-worker once none has taken jobs for the grace, and stays queued', async () => {
    const replica = await queue(1500);
    const started = Date.now();
    const error = await replica.run('validation', { project: 'nobody' }, 'nobody').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NoWorkerError);
    expect((error as NoWorkerError).status).toBe(503);
    expect((error as NoWorkerError).detail).toMatch(
      /no process has taken jobs for 2 s: the validation job waits/,
    );
    expect(Date.now() - started).toBeLessThan(15_000);
    const { rows } = await empty.sql.query(
      `SELECT state FROM pgboss.job WHERE name = 'validation' AND singleton_key = 'nobody'`,
    );
    expect(rows).toEqual([{ state: 'created' }]);
  }, 60_000);

  it('is a 503 no-worker problem with Retry-After at the API', async () => {
    const database = await openDatabase({ url: empty.url });
    const app = await buildApp({ apiToken: undefined, rateLimit: 0 }, { database, jobs: await queue(1500) });
    try {
      const created = await app.inject({
        method: 'POST',
        url: '/v1/projects',
        payload: { slug: 'idle', name: 'idle' },
      });
      expect(created.statusCode).toBe(201);
      const res = await app.inject({ method: 'POST', url: '/v1/projects/idle/validations' });
      expect(res.statusCode).toBe(503);
      expect(res.headers['retry-after']).toBe('30');
      expect(res.json()).toMatchObject({
        type: 'https://isoplan.dev/problems/no-worker',
        title: 'No worker',
      });
    } finally {
      await app.close();
      await database.close();
    }
  }, 60_000);

  it('is answered by a worker that starts within the grace', async () => {
    const replica = await queue(20_000);
    const answer = replica.run('validation', { project: 'late' }, 'late');
    await new Promise((resolve) => setTimeout(resolve, 1500));
    const worker = await queue();
    await worker.work({ validation: async (data) => ({ ran: (data as { project: string }).project }) });
    await expect(answer).resolves.toEqual({ ran: 'late' });
    await worker.close();
  }, 60_000);
});

describe('the processes that take jobs', () => {
  it('count while they work, and no longer once they stop', async () => {
    const replica = await queue();
    const before = (await replica.status()).workers!;
    const worker = await queue();
    await worker.work({ validation: async () => null });
    await until('the worker counts', async () => (await replica.status()).workers === before + 1);
    await worker.close();
    expect((await replica.status()).workers).toBe(before);
  }, 60_000);

  it('count again once a worker has taken the lock again after its connection was lost', async () => {
    const replica = await queue();
    const worker = await queue();
    await worker.work({ validation: async () => null });
    await until('the worker counts', async () => (await replica.status()).workers === 1);
    await empty.sql.query(
      `SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'isoplan-worker' AND datname = current_database()`,
    );
    await until('the lost connection no longer counts', async () => (await replica.status()).workers === 0);
    await until('the worker counts again', async () => (await replica.status()).workers === 1);
    await worker.close();
  }, 60_000);
});

describe('GET /readyz of a replica that only enqueues', () => {
  it('is degraded, saying so, while no process takes jobs, and ready once a worker does', async () => {
    const database = await openDatabase({ url: empty.url });
    const jobs = await queue();
    const app = await buildApp({ apiToken: undefined, rateLimit: 0 }, { database, jobs });
    try {
      const idle = await app.inject({ method: 'GET', url: '/readyz' });
      expect(idle.statusCode).toBe(200);
      expect(idle.json()).toMatchObject({
        status: 'degraded',
        detail: 'degraded: no process takes queued jobs (start `isoplan worker`)',
        queue: { kind: 'postgresql', ready: true, workers: 0 },
      });
      const worker = await queue();
      await worker.work({ validation: async () => null });
      await until(
        'ready',
        async () => (await app.inject({ method: 'GET', url: '/readyz' })).json().status === 'ready',
      );
      expect((await app.inject({ method: 'GET', url: '/readyz' })).json().queue).toEqual({
        kind: 'postgresql',
        ready: true,
        workers: 1,
      });
      await worker.close();
    } finally {
      await app.close();
      await database.close();
    }
  }, 60_000);
});
