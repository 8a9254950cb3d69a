// A replica stopped (SIGTERM) while it runs a job hands the job back before it exits, whatever its requests
// do: here the request that asked for the validation outlasts the shutdown grace (it waits for the job), so
// the replica exits at the end of the grace with the request cut; the job must not sit in the queue as the
// dead replica's until it expires (120 s), but be run at once by the worker that is up.
import { describe, expect, it } from 'vitest';
import { found, json, slowProject, useProcessesOnDatabase } from './processes.js';

const on = useProcessesOnDatabase();

describe('a replica stopped while it runs a job', () => {
  it('hands the job back before it exits, so that a worker runs it at once, not after its expiry', async () => {
    const replica = await on.start('serve', {
      ISOPLAN_SHUTDOWN_GRACE_MS: '2000',
      ISOPLAN_JOB_EXPIRE_SECONDS: '120',
    });
    const project = await slowProject(replica.url, 'slow', 4);

    // The request waits for the job's result: it outlasts the grace, and is cut when the replica exits.
    const asked = json(`${project}/validations`, { method: 'POST' }).catch((error: unknown) => error);
    const job = await on.activeJob('validation');
    await on.start('worker');

    const stopped = Date.now();
    await replica.stop('SIGTERM');
    expect(replica.child.exitCode).toBe(1); // the request was cut at the end of the grace
    await asked;

    // The worker takes it again long before the first attempt would have expired, as the same attempt:
    // one handed back is not spent (src/store/job-release.ts).
    const retaken = await found(
      'the worker takes the job again',
      async () =>
        (
          await on.sql.query<{ retry_count: number }>(
            `SELECT retry_count FROM pgboss.job WHERE id = $1 AND state IN ('active', 'completed')
             UNION ALL SELECT retry_count FROM pgboss.archive WHERE id = $1`,
            [job.id],
          )
        ).rows[0],
      30_000,
    );
    expect(retaken.retry_count).toBe(0);
    expect(Date.now() - stopped).toBeLessThan(60_000);
    await found(
      'the worker completes it',
      async () =>
        (
          await on.sql.query(
            `SELECT 1 FROM pgboss.job WHERE id = $1 AND state = 'completed'
             UNION ALL SELECT 1 FROM pgboss.archive WHERE id = $1`,
            [job.id],
          )
        ).rows[0],
      60_000,
    );
    expect((await on.sql.query('SELECT 1 FROM "ValidationRun"')).rowCount).toBeGreaterThanOrEqual(1);
  }, 180_000);
});
