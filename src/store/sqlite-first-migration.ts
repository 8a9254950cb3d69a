// A SQLite file that must be an isoplan database (opened with `create: false`) but holds no migration yet may
// be one that another process (`isoplan serve`, `import`, a second replica) is creating this very moment:
// the creator makes the file, sets WAL, creates `_prisma_migrations`, then runs the first migration in one
// transaction that holds the write lock, so that until its commit a reader sees no migration at all. Told
// "it was never migrated", the user of a read command started alongside would be told a wrong thing. So,
// while the file holds no table but `_prisma_migrations` and another process holds its write lock or wrote
// it within the last seconds (between the creator's statements), the opener waits, looking again every
// 25 ms, at most `withinMs` (the busy timeout): a migration from nothing takes milliseconds. A creator still
// at it then is said as such ('being-created'); anything else, a file not isoplan's, an empty file left
// alone, is 'not-migrated' at once, as before.
import { statSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import type BetterSqlite3 from 'better-sqlite3';
import { DatabaseMissingError } from './database-missing.js';
import { assertMigratedOnce, type MigrationRow, recordedRows } from './migrate.js';

/** A write this recent (the file or its WAL) may be a creator's between two of its statements. */
const RECENT_WRITE_MS = 2000;
const LOOK_EVERY_MS = 25;

/** No table but the migrations' (an empty file, or one a creator has just begun). */
function holdsNothingYet(db: BetterSqlite3.Database): boolean {
  const { n } = db
    .prepare(
      `SELECT count(*) AS n FROM sqlite_master WHERE type = 'table' AND name <> '_prisma_migrations' AND name NOT LIKE 'sqlite_%'`,
    )
    .get() as { n: number };
  return n === 0;
}

/** Whether another connection holds the write lock: taking it without waiting fails. Writes nothing. */
function writeLockHeld(db: BetterSqlite3.Database): boolean {
  const busyMs = db.pragma('busy_timeout', { simple: true }) as number;
  db.pragma('busy_timeout = 0');
  try {
    db.exec('BEGIN IMMEDIATE');
    db.exec('ROLLBACK');
    return false;
  } catch (error) {
    // Only SQLite's "busy" says someone writes; a file this process may not write (read-only) says nothing.
    return (error as { code?: string }).code === 'SQLITE_BUSY';
  } finally {
    db.pragma(`busy_timeout = ${busyMs}`);
  }
}

/**
 * Whether the file or its WAL was written within `ms`. An empty WAL is no write: it is what a connection
 * makes as it first reads a file in WAL mode (this opener's own, after the last one closed), and a creator's
 * first write gives it a header. Counted, it made every opener wait 2 s on a file left as a creator stopped.
 */
function writtenWithin(path: string, ms: number): boolean {
  const now = Date.now();
  return [path, `${path}-wal`].some((file) => {
    const stat = statSync(file, { throwIfNoEntry: false });
    if (stat === undefined || (file !== path && stat.size === 0)) return false;
    return now - stat.mtimeMs < ms;
  });
}

/**
 * The rows of `_prisma_migrations` once they record a migration applied (assertMigratedOnce), waiting for a
 * creator at work as above; DatabaseMissingError ('not-migrated', or 'being-created' past `withinMs`).
 */
export async function migratedRows(
  db: BetterSqlite3.Database,
  path: string,
  withinMs: number,
  onWait?: () => void,
): Promise<MigrationRow[]> {
  const deadline = Date.now() + withinMs;
  let told = false;
  for (;;) {
    const rows = recordedRows(db);
    try {
      assertMigratedOnce(rows);
      return rows;
    } catch (error) {
      if (!holdsNothingYet(db)) throw error;
      const locked = writeLockHeld(db);
      if (!locked && !writtenWithin(path, RECENT_WRITE_MS)) throw error;
      if (Date.now() >= deadline) throw locked ? new DatabaseMissingError('being-created') : error;
      if (locked && !told) {
        told = true;
        onWait?.();
      }
    }
    await sleep(LOOK_EVERY_MS);
  }
}
