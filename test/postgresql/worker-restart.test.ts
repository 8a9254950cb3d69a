// A rolling restart of the workers: `isoplan worker` stopped (SIGTERM) while its job is still running 5 s
// later hands the job back, and the job must not spend one of its attempts for it. A job on its last
// attempt used to fail for good there (the caller got a 503 job-failed); it now runs again on the next
// worker and the caller gets its validation.
import { describe, expect, it } from 'vitest';
import { json, slowProject, useProcessesOnDatabase } from './processes.js';

const on = useProcessesOnDatabase();

describe('a worker stopped while it runs a job on its last attempt', () => {
  it('hands the job back unspent: the next worker runs it and the caller gets its validation', async () => {
    // The caller waits for two runs of a long validation (past a minute on a loaded machine: the stall
    // timeout's default, which counts the client's silences only, src/api/plugins/stall-timeout.ts).
    const replica = await on.start('serve', { ISOPLAN_JOBS: 'enqueue' });
    // Long enough to be still running 5 s after the signal (HAND_BACK_WITHIN_MS): sixteen slow checks.
    const project = await slowProject(replica.url, 'restart', 16);
    const first = await on.start('worker');
    const answer = json(`${project}/validations`, { method: 'POST' });
    const job = await on.activeJob('validation');
    // Its attempts spent but this one (earlier workers restarted under it, say).
    await on.sql.query('UPDATE pgboss.job SET retry_limit = retry_count WHERE id = $1', [job.id]);

    await first.stop('SIGTERM');
    const handedBack = await on.sql.query<{ state: string; retry_count: number; retry_limit: number }>(
      'SELECT state::text, retry_count, retry_limit FROM pgboss.job WHERE id = $1',
      [job.id],
    );
    // Handed back, not finished (else this test would show nothing), and still to be run.
    expect(handedBack.rows[0]?.state).toBe('retry');

    await on.start('worker');
    const { status, body } = await answer;
    expect(status).toBe(201);
    expect(body.id).toBeDefined();
    const done = await on.sql.query<{ state: string; retry_count: number }>(
      `SELECT state::text, retry_count FROM pgboss.job WHERE id = $1
       UNION ALL SELECT state::text, retry_count FROM pgboss.archive WHERE id = $1`,
      [job.id],
    );
    expect(done.rows[0]).toEqual({ state: 'completed', retry_count: handedBack.rows[0]!.retry_limit });
  }, 300_000);
});
