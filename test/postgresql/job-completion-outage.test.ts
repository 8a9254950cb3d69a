// `isoplan worker` whose database goes away at the moment an attempt of a job ends: pg-boss 10 records that
// end (its complete() or fail()) without awaiting it, so the refused statement was an unhandled rejection and
// Node ended the worker, the job then left active until its expiry. The worker now stays up, records the
// attempt's end once the database is back, and the job ends exactly once: completed with the result of the
// attempt that ran, or failed and run again per its retry policy.
import { once } from 'node:events';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, describe, expect, it } from 'vitest';
import { type FaultProxy, startFaultProxy } from './fault-proxy.js';
import {
  type Answer,
  type IsoplanProcess,
  json,
  found as until,
  useProcessesOnDatabase,
} from './processes.js';

const on = useProcessesOnDatabase();
const JOBS = { ISOPLAN_JOB_EXPIRE_SECONDS: '60' };

let proxy: FaultProxy | undefined;
afterEach(async () => {
  await proxy?.close();
  proxy = undefined;
});

/** A replica that only enqueues, and a worker that reaches the database through a proxy the test cuts. */
async function replicaAndCutOffWorker(): Promise<{ replica: IsoplanProcess; worker: IsoplanProcess }> {
  proxy = await startFaultProxy(on.url);
  const replica = await on.start('serve', { ...JOBS, ISOPLAN_JOBS: 'enqueue' });
  const worker = await on.start('worker', { ...JOBS, DATABASE_URL: proxy.url });
  return { replica, worker };
}

async function createProject(replica: IsoplanProcess, slug: string): Promise<void> {
  const created = await json(`${replica.url}/v1/projects`, {
    method: 'POST',
    body: JSON.stringify({ slug, name: slug }),
  });
  expect(created.status).toBe(201);
}

/** The outage's length: the worker meets no database for this long once it is cut off. */
const OUTAGE_MS = 3000;

/** Waits out the outage, failing at once should the worker exit meanwhile, then brings the database back. */
async function outlive(worker: IsoplanProcess): Promise<void> {
  const exited = once(worker.child, 'exit').then(() => 'exited' as const);
  const outcome = await Promise.race([exited, sleep(OUTAGE_MS).then(() => 'alive' as const)]);
  expect(outcome, `the worker exited during the outage:\n${worker.log()}`).toBe('alive');
  await proxy!.restore();
}

async function attemptsOf(slug: string): Promise<Array<{ state: string; retry_count: number }>> {
  const { rows } = await on.sql.query<{ state: string; retry_count: number }>(
    `SELECT state::text, retry_count FROM pgboss.job WHERE name = 'validation' AND data->>'project' = $1
     UNION ALL
     SELECT state::text, retry_count FROM pgboss.archive WHERE name = 'validation' AND data->>'project' = $1`,
    [slug],
  );
  return rows;
}

async function storedRuns(slug: string): Promise<number> {
  const { rows } = await on.sql.query(
    'SELECT 1 FROM "ValidationRun" r JOIN "Project" p ON p.id = r."projectId" WHERE p.slug = $1',
    [slug],
  );
  return rows.length;
}

/** pg-boss's complete(): the statement that marks the job completed. */
const COMPLETE = /SET completed_on = now\(\),\s+state = 'completed'/;

/**
 * Asks the replica for a validation of a new project `slug` and cuts the worker off once it sends a
 * statement matching `at`; resolves then, with the answer to come (wrapped, else it would be awaited).
 */
async function validationCutAt(
  slug: string,
  at: RegExp,
): Promise<{ worker: IsoplanProcess; answer: { promise: Promise<Answer> } }> {
  const { replica, worker } = await replicaAndCutOffWorker();
  await createProject(replica, slug);
  const cut = proxy!.cutAt(at);
  const promise = json(`${replica.url}/v1/projects/${slug}/validations`, { method: 'POST' });
  await cut;
  return { worker, answer: { promise } };
}

/** The caller got its validation, the worker is up, the job ended once after `retries` spent attempts. */
async function expectValidatedOnce(
  slug: string,
  worker: IsoplanProcess,
  answer: Promise<Answer>,
  retries: number,
): Promise<void> {
  const { status, body } = await answer;
  expect(status).toBe(201);
  expect(body.id).toBeDefined();
  expect(worker.child.exitCode).toBeNull();
  expect(await attemptsOf(slug)).toEqual([{ state: 'completed', retry_count: retries }]);
  expect(await storedRuns(slug)).toBe(1);
}

describe('a worker whose database goes away as an attempt of a job ends', () => {
  it('stays up and records the completed job once the database is back: the job ran once', async () => {
    const { worker, answer } = await validationCutAt('cut-at-complete', COMPLETE);
    await outlive(worker);
    await expectValidatedOnce('cut-at-complete', worker, answer.promise, 0);
  }, 120_000);

  it('stays up, fails the attempt once the database is back, and the job runs again per its policy', async () => {
    // The handler's own write of the validation run: the attempt crashes, pg-boss's fail() ends it.
    const { worker, answer } = await validationCutAt(
      'cut-in-handler',
      /INSERT INTO "public"\."ValidationRun"/,
    );
    await outlive(worker);
    await expectValidatedOnce('cut-in-handler', worker, answer.promise, 1);
  }, 120_000);

  it("stays up and does not record the end on another process's attempt, the job started again meanwhile", async () => {
    const { worker, answer } = await validationCutAt('cut-then-elsewhere', COMPLETE);
    // The caller is not answered here (the other attempt is made up): its request ends with the replica.
    answer.promise.catch(() => {});
    // Meanwhile the job expired and another process started it again (what pg-boss's maintenance and fetch
    // do: its retry count one more, active again).
    await on.sql.query(
      `UPDATE pgboss.job SET retry_count = retry_count + 1, started_on = now()
       WHERE name = 'validation' AND data->>'project' = 'cut-then-elsewhere' AND state = 'active'`,
    );
    await outlive(worker);

    await until(
      'the worker says it did not record the end',
      async () => (worker.log().includes('started again elsewhere meanwhile') ? true : undefined),
      30_000,
    );
    expect(worker.child.exitCode).toBeNull();
    const { rows } = await on.sql.query(
      `SELECT state::text, retry_count, output FROM pgboss.job
       WHERE name = 'validation' AND data->>'project' = 'cut-then-elsewhere'`,
    );
    expect(rows).toEqual([{ state: 'active', retry_count: 1, output: null }]);
  }, 120_000);
});
