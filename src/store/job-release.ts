// A job given back to pg-boss's queue by the process that runs it, without spending one of its attempts:
// the process stops (SIGTERM, a rolling restart), the job was never attempted to the end. pg-boss 10 has no
// release: its fail() counts the attempt, and a job on its last attempt failed for good (the caller's 503
// job-failed) when several workers restarted one after another.
//
// Written against pg-boss 10.4.2's own SQL (node_modules/pg-boss/src/plans.js), which this relies on:
// - fetchNextJob starts a job whose state < 'active' and start_after < now(), and counts the attempt before
//   it there: `retry_count = CASE WHEN started_on IS NOT NULL THEN retry_count + 1 ELSE retry_count END`;
// - failJobs (the fail() pg-boss itself sends once the handler's promise rejects) makes a job whose
//   retry_count < retry_limit a 'retry' that starts retry_delay later, and fails the others for good; it
//   matches any state below 'completed', another process's attempt too.
// So the attempt is uncounted by taking one off retry_count while the job is still active, and pg-boss's own
// fail that follows puts it back in the queue: it finds retry_count below the limit and makes the job a
// retry, its start kept, so that the next start adds the one back. The job stays active (no other process
// can take it) until that fail: were it made a retry here, a fail landing after the retry delay would fail
// another process's attempt of it. Its first attempt thus reads -1 until it starts again. A fail that never
// lands (the process killed) leaves the job active until it expires, as any attempt of a dead process.
// test/postgresql/job-release.test.ts fails if an upgrade changes any of this.
import type { SqlRunner } from './worker-presence.js';

/** The attempt a process holds: the job's queue and id, and retryCount as pg-boss started it. */
export interface HeldAttempt {
  name: string;
  id: string;
  retryCount: number;
}

/**
 * Uncounts the attempt in queue `schema`, before its handler ends (pg-boss then fails it, back to the
 * queue): answers false when the job is no longer that attempt (completed, expired and started again
 * elsewhere, failed), which is then left as it is.
 */
export async function releaseJob(db: SqlRunner, schema: string, attempt: HeldAttempt): Promise<boolean> {
  const { rows } = await db.executeSql(
    `UPDATE ${schema}.job SET retry_count = retry_count - 1
     WHERE name = $1 AND id = $2 AND state = 'active' AND retry_count = $3
     RETURNING id`,
    [attempt.name, attempt.id, attempt.retryCount],
  );
  return rows.length === 1;
}
