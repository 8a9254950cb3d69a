// One unfinished job per singleton key (a validation's project state, a CI check's project, sha and done
// set): whoever asks for a job whose key is already queued, waiting for a retry or running waits for that
// job instead of queueing another. pg-boss 10's singleton policy only keeps two such jobs from running at
// once: a second one queued stayed in the queue while the first ran, and, the oldest there, was what every
// process's fetch picked at each poll and failed to start (its unique index on active jobs; pg-boss's fetch
// swallows the error), so every other job of that queue waited behind it, whatever the idle workers.
// The look and the send take turns per key (a transaction-level advisory lock): two askers at the same
// moment make one job.
import type { JobDatabase } from './job-database.js';
import type { SqlRunner } from './worker-presence.js';

/** The first key of the lock (pg_advisory_xact_lock(int4, int4)): "isoj" in ASCII; the second, the job's. */
const JOB_KEY_LOCK = 0x69736f6a;

/**
 * The id of the unfinished job `name` with `singletonKey` in pg-boss's `schema`, else of the job `send`
 * queues (its statements through `tx`, in the same transaction); null when pg-boss refused it.
 */
export function enqueueOnce(
  db: Pick<JobDatabase, 'transaction'>,
  schema: string,
  name: string,
  singletonKey: string,
  send: (tx: SqlRunner) => Promise<string | null>,
): Promise<string | null> {
  return db.transaction(async (tx) => {
    await tx.executeSql('SELECT pg_advisory_xact_lock($1, hashtext($2))', [
      JOB_KEY_LOCK,
      `${name}\n${singletonKey}`,
    ]);
    const { rows } = await tx.executeSql(
      `SELECT id FROM ${schema}.job WHERE name = $1 AND singleton_key = $2 AND state < 'completed'
       ORDER BY created_on LIMIT 1`,
      [name, singletonKey],
    );
    const queued = rows[0] as { id: string } | undefined;
    return queued?.id ?? send(tx);
  });
}
