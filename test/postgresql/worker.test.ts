// Jobs on PostgreSQL's queue: a replica that only enqueues, workers that run them. A worker killed with
// SIGKILL in the middle of a validation leaves its job unfinished; the job expires, runs again on another
// worker, and its result is stored once.
import { describe, expect, it } from 'vitest';
import { type Answer, json, startIsoplan, found as until, useProcessesOnDatabase } from './processes.js';

const on = useProcessesOnDatabase();
// A killed worker's job runs again once it expires. The expiry must still exceed one whole validation of
// the demo on a loaded machine (several seconds), else the second worker's attempt expires too.
const JOBS = { ISOPLAN_JOB_EXPIRE_SECONDS: '15' };

function start(command: 'serve' | 'worker', env: NodeJS.ProcessEnv = {}) {
  return on.start(command, { ...JOBS, ...env });
}

describe('isoplan worker', () => {
  it('runs again a validation whose worker was killed in the middle, and stores its result once', async () => {
    // The replica loads the demo and only enqueues; the validation must wait for a worker.
    const replica = await start('serve', { ISOPLAN_DEMO: '1', ISOPLAN_JOBS: 'enqueue' });
    const first = await start('worker');
    const answer = json(`${replica.url}/v1/projects/per-interpreter-gil/validations`, { method: 'POST' });

    const job = await on.activeJob('validation');
    await first.stop('SIGKILL');
    expect((await on.sql.query('SELECT 1 FROM "ValidationRun"')).rowCount).toBe(0);

    await start('worker');
    const { status, body } = await answer;
    expect(status).toBe(201);
    expect(body.reused).toBeFalsy();
    const runs = await on.sql.query<{ id: number }>('SELECT id FROM "ValidationRun"');
    expect(runs.rows.map((r) => String(r.id))).toEqual([body.id]);
    const attempts = await on.sql.query<{ retry_count: number; state: string }>(
      'SELECT retry_count, state FROM pgboss.job WHERE id = $1 UNION ALL SELECT retry_count, state FROM pgboss.archive WHERE id = $1',
      [job.id],
    );
    expect(attempts.rows[0]).toMatchObject({ state: 'completed' });
    expect(attempts.rows[0]!.retry_count).toBeGreaterThanOrEqual(1);

    // The same project again: the stored run, reused, without a job.
    const again = await json(`${replica.url}/v1/projects/per-interpreter-gil/validations`, {
      method: 'POST',
    });
    expect(again.body).toMatchObject({ id: body.id, reused: true });
    expect((await on.sql.query('SELECT 1 FROM "ValidationRun"')).rowCount).toBe(1);
    // Three processes start, a job expires (15 s) and runs again: more than the default 30 s (72 s seen on a
    // machine shared by eight engineers).
  }, 180_000);

  /** A replica that only enqueues, an empty project `slug` on it, and `ask` sent to it: its answer waits for a worker. */
  async function askQueued(slug: string, ask: string, body?: unknown): Promise<{ answer: Promise<Answer> }> {
    const replica = await start('serve', { ISOPLAN_JOBS: 'enqueue' });
    const created = await json(`${replica.url}/v1/projects`, {
      method: 'POST',
      body: JSON.stringify({ slug, name: slug }),
    });
    expect(created.status).toBe(201);
    const init = { method: 'POST', body: body === undefined ? undefined : JSON.stringify(body) };
    return { answer: json(`${replica.url}/v1/projects/${slug}/${ask}`, init) };
  }

  /** The data of job `name` for project `slug`, once the replica has enqueued it. */
  async function enqueued(name: string, slug: string): Promise<unknown> {
    const job = await until(
      `the replica enqueues the ${name} job`,
      async () =>
        (
          await on.sql.query<{ data: unknown }>(
            `SELECT data FROM pgboss.job WHERE name = $1 AND data->>'project' = $2`,
            [name, slug],
          )
        ).rows[0],
      30_000,
    );
    return job.data;
  }

  /** A request without a token, while no token exists: `anonymous`. */
  const ANONYMOUS = { actor: 'anonymous', onBehalfOf: null, tokenId: null };

  it("carries the caller's client key and requester in a queued validation, for the worker's per-client share and the stored run", async () => {
    const { answer } = await askQueued('queued-caller', 'validations');
    expect(await enqueued('validation', 'queued-caller')).toEqual({
      project: 'queued-caller',
      caller: { client: 'address:127.0.0.1', requester: ANONYMOUS },
    });
    await start('worker');
    const { status, body } = await answer;
    expect(status).toBe(201);
    expect(body.requestedBy).toEqual(ANONYMOUS);
  }, 120_000);

  it("carries the caller's client key and requester in a queued CI check, for the worker's per-client share and the stored run", async () => {
    const { answer } = await askQueued('queued-check', 'checks', { sha: 'abcdef1', done: [] });
    expect(await enqueued('ci-check', 'queued-check')).toEqual({
      project: 'queued-check',
      done: [],
      sha: 'abcdef1',
      caller: { client: 'address:127.0.0.1', requester: ANONYMOUS },
    });
    await start('worker');
    const { status, body } = await answer;
    expect(status).toBe(201);
    expect(body.requestedBy).toEqual(ANONYMOUS);
  }, 120_000);

  it('refuses to start on SQLite, where jobs run in the service process', async () => {
    await expect(startIsoplan('worker', 'file:/tmp/isoplan-worker-refused.db', {})).rejects.toThrow(
      /needs a PostgreSQL database/,
    );
  });
});
