// A job given back to pg-boss's queue by the process that runs it, without spending one of its attempts:
// the process stops (SIGTERM, a rolling restart), the job was never attempted to the end. pg-boss 10 has no
// release: its fail() counts the attempt, and a job on its last attempt failed for good (the caller's 503
// job-failed) when several workers restarted one after another.
//
// Written against pg-boss 10.4.2's own SQL (node_modules/pg-boss/src/plans.js), which this relies on:
// - fetchNextJob starts a job whose state < 'active' and start_after < now(), and counts the attempt before
//   it there: `retry_count = CASE WHEN started_on IS NOT NULL THEN retry_count + 1 ELSE retry_count END`;
// - failJobs (the fail() pg-boss itself sends once the handler's promise rejects, whatever happened to the
//   row meanwhile) makes a job whose retry_count < retry_limit a 'retry' that starts retry_delay later, and
//   fails the others for good.
// So the attempt handed back is uncounted by taking one off retry_count, the job's start kept: the next
// start adds it back, and pg-boss's own fail that follows finds retry_count below its limit and keeps the
// job a retry. Its first attempt thus reads -1 until it starts again. The job waits retry_delay (1 s) as a
// retry would: pg-boss's fail of the attempt handed back lands in that second, on the waiting job, never on
// another process's attempt. test/postgresql/job-release.test.ts fails if an upgrade changes any of this.
import type { SqlRunner } from './worker-presence.js';

/** The attempt a process holds: the job's queue and id, and retryCount as pg-boss started it. */
export interface HeldAttempt {
  name: string;
  id: string;
  retryCount: number;
}

/**
 * Puts the attempt back in queue `schema`: answers false when the job is no longer that attempt (completed,
 * expired and started again elsewhere, failed), which is then left as it is.
 */
export async function releaseJob(
  db: SqlRunner,
  schema: string,
  attempt: HeldAttempt,
  reason: string,
): Promise<boolean> {
  const { rows } = await db.executeSql(
    `UPDATE ${schema}.job SET
       state = 'retry',
       retry_count = retry_count - 1,
       start_after = now() + retry_delay * interval '1 second',
       output = jsonb_build_object('message', $4::text)
     WHERE name = $1 AND id = $2 AND state = 'active' AND retry_count = $3
     RETURNING id`,
    [attempt.name, attempt.id, attempt.retryCount, reason],
  );
  return rows.length === 1;
}
