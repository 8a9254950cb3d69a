// Whether any process takes jobs from PostgreSQL's queue. pg-boss keeps no list of its workers, and a job
// nobody takes only fails at its deadline (minutes): a replica that only enqueues (ISOPLAN_JOBS=enqueue)
// with no `isoplan worker` running kept a CI pipeline waiting that long for a 503. So each working process
// holds a shared advisory lock on a connection of its own for as long as it works, and whoever waits for a
// job counts the lock's holders in pg_locks. The lock lives and dies with its session: a worker that exits,
// is killed or loses its database stops counting at once, and counts again once it has reconnected.
import { setTimeout as sleep } from 'node:timers/promises';
import pg from 'pg';
import { DEFAULT_BUSY_TIMEOUT_MS } from './database-busy.js';
import { connectionConfig } from './engines/postgresql.js';

/** The lock's two keys (pg_advisory_lock_shared(int4, int4)): "isop" in ASCII, and 1 for "a worker". */
const LOCK_KEYS = [0x69736f70, 1] as const;

/** Holders of the lock in this database (pg_locks shows the two-key form as classid, objid, objsubid 2). */
const COUNT_SQL = `SELECT count(*)::int AS workers FROM pg_locks
  WHERE locktype = 'advisory' AND granted AND classid = $1 AND objid = $2 AND objsubid = 2
    AND database = (SELECT oid FROM pg_database WHERE datname = current_database())`;

/** Something that runs SQL on the database (pg-boss's `getDb()`, a pg client or pool). */
export interface SqlRunner {
  executeSql(text: string, values: unknown[]): Promise<{ rows: unknown[] }>;
}

/** How many processes work jobs on this database now. */
export async function countWorkers(db: SqlRunner): Promise<number> {
  const { rows } = await db.executeSql(COUNT_SQL, [...LOCK_KEYS]);
  return (rows[0] as { workers: number }).workers;
}

export interface WorkerPresence {
  /** Gives the lock up (its connection closed); answers once it is. */
  stop(): Promise<void>;
}

/**
 * Holds the lock while this process works jobs: on a connection of its own (one more per working process),
 * taken again `retryMs` after the connection is lost or could not be made, until `stop`.
 */
export function holdWorkerPresence(
  url: string,
  onError: (error: unknown) => void,
  retryMs = 1000,
): WorkerPresence {
  let stopped = false;
  let current: pg.Client | undefined;
  const pause = new AbortController();

  async function hold(): Promise<void> {
    while (!stopped) {
      // Bounded as every connection is: a server that never answers is given up, and tried again.
      const client = new pg.Client({
        ...connectionConfig({ url, busyTimeoutMs: DEFAULT_BUSY_TIMEOUT_MS }),
        application_name: 'isoplan-worker',
      });
      current = client;
      const ended = new Promise<void>((resolve) => client.once('end', resolve));
      // A lost connection says so here, then ends: the loop takes the lock again on a new one.
      client.on('error', (error) => {
        if (!stopped) onError(error);
      });
      try {
        await client.connect();
        await client.query('SELECT pg_advisory_lock_shared($1, $2)', [...LOCK_KEYS]);
        await ended;
      } catch (error) {
        if (!stopped) onError(error);
      }
      await client.end().catch(() => {});
      if (!stopped) await sleep(retryMs, undefined, { signal: pause.signal }).catch(() => {});
    }
  }

  const holding = hold();
  return {
    async stop() {
      stopped = true;
      pause.abort();
      await current?.end().catch(() => {});
      await holding;
    },
  };
}
