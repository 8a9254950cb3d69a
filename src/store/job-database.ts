// pg-boss's connection to the database, of our own (its `db` option): a pg.Pool as pg-boss's own Db, except
// for the statements that end an attempt of a job. pg-boss 10.4.2 issues them without awaiting them: once a
// handler has answered, complete(), once it has thrown, fail() (node_modules/pg-boss/src/manager.js, the
// onFetch of watch). With the database out of reach at that moment (a restart, a network fault), the
// refused statement was an unhandled rejection and Node 20 ended the process, a replica or `isoplan worker`,
// the job left active until its expiry. pg-boss 11 awaits them, but needs Node 22.
//
// So here the end of an attempt never rejects. It is recorded in a transaction that first locks the job and
// checks that it is still the attempt this process holds (active, started when this attempt did): recorded
// once whichever try lands, never on another process's attempt of the job (it expired and started again
// elsewhere), and, when the first try's answer was lost with its connection, not twice. Tried again while
// the database is out of reach or busy, until the job would have expired (the queue's maintenance then takes
// it back: it runs again, as a dead worker's would) or the queue closes; then given up, and said so.
// pg-boss's own statement does the recording, so a failed attempt is retried per the job's policy (its
// delay, backoff and limit stay pg-boss's, in one place); ending attempts with statements of ours instead
// would still leave pg-boss's own unawaited call after each handler, to be made harmless here anyway.
// The end of an attempt this process does not hold (pg-boss's internal queues) is tried once, as pg-boss
// does, and a failure is reported, not thrown. test/postgresql/job-completion-outage.test.ts cuts the
// database at both moments; were an upgrade to change these statements, it fails.
import { createRequire } from 'node:module';
import { setTimeout as sleep } from 'node:timers/promises';
import pg from 'pg';
import { isPostgresBusy, isPostgresUnavailable } from './engines/postgresql.js';
import type { SqlRunner } from './worker-presence.js';

/** pg-boss's statements (its plans module: internal, without types), as its manager issues them. */
interface PgBossPlans {
  completeJobs(schema: string): string;
  failJobsById(schema: string): string;
}
const plans = createRequire(import.meta.url)('pg-boss/src/plans.js') as PgBossPlans;

/**
 * An attempt of a job: the job's queue and id, and when the attempt started (pg-boss's startedOn, a Date: to
 * the millisecond, as pg reads the column). Each start of a job sets its started_on anew, and handing it
 * back (job-release.ts) leaves it as it is.
 */
export interface JobAttempt {
  name: string;
  id: string;
  startedOn: Date;
}

export interface JobDatabase extends SqlRunner {
  executeSql(text: string, values?: unknown[]): Promise<{ rows: unknown[] }>;
  /** Runs `work` in one transaction on a connection of the pool (its statements through `tx`). */
  transaction<T>(work: (tx: SqlRunner) => Promise<T>): Promise<T>;
  /** The attempt this process now holds: its end is recorded on it alone. */
  hold(attempt: JobAttempt): void;
  /**
   * Gives the ends still waiting for the database `withinMs` to land, gives the rest up, closes the pool.
   * Later calls answer the first one's promise.
   */
  close(withinMs: number): Promise<void>;
}

/** An attempt held, and until when its end is worth trying again. */
type HeldAttempt = JobAttempt & { until: number };

const FIRST_RETRY_MS = 200;
const MAX_RETRY_MS = 2000;

/**
 * A pool on `config` for pg-boss's schema `schema`; an attempt's end is tried again for `expireInSeconds`
 * after it was held at most.
 */
export function openJobDatabase(
  config: pg.PoolConfig,
  schema: string,
  expireInSeconds: number,
  onError: (error: unknown) => void,
): JobDatabase {
  const pool = new pg.Pool(config);
  // A lost idle connection: said, and replaced when next needed (unheard, the event would end the process).
  pool.on('error', onError);
  const ends = new Set([plans.completeJobs(schema), plans.failJobsById(schema)]);
  /** The attempts this process holds, by job id, and until when their end is worth trying again. */
  const held = new Map<string, HeldAttempt>();
  const pending = new Set<Promise<unknown>>();
  const giveUp = new AbortController();
  let closing: Promise<void> | undefined;

  /** Runs `work` in one transaction on a connection of the pool (its statements through `tx`). */
  async function transaction<T>(work: (tx: SqlRunner) => Promise<T>): Promise<T> {
    const client = await pool.connect();
    let broken: Error | undefined;
    // A connection lost while checked out is an 'error' event too, which, unheard, would end the process.
    const lost = (error: Error) => (broken = error);
    client.on('error', lost);
    try {
      await client.query('BEGIN');
      const result = await work({ executeSql: (text, values) => client.query(text, values) });
      await client.query('COMMIT');
      return result;
    } catch (error) {
      broken = error as Error;
      await client.query('ROLLBACK').catch(() => {});
      throw error;
    } finally {
      client.off('error', lost);
      client.release(broken);
    }
  }

  /**
   * One try in one transaction: pg-boss's statement on those of `ids` still the attempts in `attempts` (an id
   * not there: as it is); answers how many it recorded, and which were another attempt by then (or had ended).
   */
  function recordOnce(
    text: string,
    name: string,
    ids: string[],
    attempts: ReadonlyMap<string, HeldAttempt>,
    output: unknown,
  ): Promise<{ recorded: number; gone: string[] }> {
    return transaction(async (tx) => {
      const ours: string[] = [];
      const gone: string[] = [];
      for (const id of ids) {
        const attempt = attempts.get(id);
        const still =
          attempt === undefined ||
          (
            await tx.executeSql(
              `SELECT 1 FROM ${schema}.job
               WHERE name = $1 AND id = $2 AND state = 'active'
                 AND date_trunc('milliseconds', started_on) = $3
               FOR UPDATE`,
              [name, id, attempt.startedOn],
            )
          ).rows.length === 1;
        (still ? ours : gone).push(id);
      }
      if (ours.length === 0) return { recorded: 0, gone };
      const { rows } = await tx.executeSql(text, [name, ours, output]);
      return { recorded: Number((rows[0] as { count?: string } | undefined)?.count ?? 0), gone };
    });
  }

  async function recordEnd(text: string, values: unknown[]): Promise<{ rows: unknown[] }> {
    const [name, ids, output] = values as [string, string[], unknown];
    // The attempts as they were when they ended: while this end waits for the database, the job may expire
    // and start again in this process too (held anew), and that attempt is not this one.
    const attempts = new Map(ids.flatMap((id) => (held.has(id) ? [[id, held.get(id)!] as const] : [])));
    try {
      for (let wait = FIRST_RETRY_MS; ; wait = Math.min(wait * 2, MAX_RETRY_MS)) {
        try {
          const { recorded, gone } = await recordOnce(text, name, ids, attempts, output);
          if (gone.length > 0) onError(new Error(`${endNotRecorded(name, gone)}: ${GONE}`));
          return { rows: [{ count: String(recorded) }] };
        } catch (error) {
          const retry =
            (isPostgresUnavailable(error) || isPostgresBusy(error)) &&
            !giveUp.signal.aborted &&
            ids.every((id) => (attempts.get(id)?.until ?? 0) > Date.now());
          if (!retry || wait === FIRST_RETRY_MS) onError(endError(name, ids, retry, error));
          if (!retry) return { rows: [{ count: '0' }] };
          await sleep(wait, undefined, { signal: giveUp.signal }).catch(() => {});
        }
      }
    } finally {
      for (const [id, attempt] of attempts) if (held.get(id) === attempt) held.delete(id);
    }
  }

  return {
    executeSql(text, values) {
      if (!ends.has(text) || values === undefined) return pool.query(text, values);
      const recording = recordEnd(text, values);
      pending.add(recording);
      void recording.finally(() => pending.delete(recording));
      return recording;
    },
    transaction,
    hold(attempt) {
      held.set(attempt.id, { ...attempt, until: Date.now() + expireInSeconds * 1000 });
    },
    close(withinMs) {
      closing ??= (async () => {
        const deadline = Date.now() + withinMs;
        while (pending.size > 0 && Date.now() < deadline) await sleep(50);
        giveUp.abort();
        await Promise.all(pending);
        await pool.end();
      })();
      return closing;
    },
  };
}

const GONE =
  'the job had ended or started again elsewhere meanwhile (this attempt outlived its expiry), and its attempt there stands';

function endNotRecorded(name: string, ids: string[]): string {
  return `the end of this process's attempt of ${name} job ${ids.join(', ')} was not recorded`;
}

function endError(name: string, ids: string[], retrying: boolean, error: unknown): Error {
  const then = retrying
    ? 'tried again while the database is out of reach'
    : 'given up: the job runs again once it expires';
  return new Error(`${endNotRecorded(name, ids)} (${(error as Error).message}); ${then}`, { cause: error });
}
