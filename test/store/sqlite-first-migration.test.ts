// A SQLite file with no migration yet, opened by a process that must find an isoplan database
// (src/store/sqlite-first-migration.ts): waited for only while another process may be creating it.
import { utimesSync } from 'node:fs';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { DatabaseMissingError } from '../../src/store/database-missing.js';
import { migratedRows } from '../../src/store/sqlite-first-migration.js';
import { createEmptyDatabase, testStore } from './temp-database.js';

/**
 * How a promise stands once what is already settled has run: its outcome, or 'still waiting'. The promise
 * itself races (a promise made from it would settle a turn later, after 'still waiting').
 */
function standing(promise: Promise<unknown>): Promise<unknown> {
  return Promise.race([promise, Promise.resolve('still waiting')]).then(
    (value) => (value === 'still waiting' ? value : 'opened'),
    (error: unknown) => error,
  );
}

/** A file a creator left in WAL mode with its migrations' table and nothing else (it stopped there). */
function leftHalfCreated(file: string): BetterSqlite3.Database {
  const creator = new BetterSqlite3(file);
  creator.pragma('journal_mode = WAL');
  creator.exec(
    'CREATE TABLE "_prisma_migrations" (id TEXT PRIMARY KEY, checksum TEXT NOT NULL, ' +
      'finished_at DATETIME, migration_name TEXT NOT NULL, logs TEXT, rolled_back_at DATETIME, ' +
      'started_at DATETIME NOT NULL, applied_steps_count INTEGER NOT NULL DEFAULT 0)',
  );
  return creator;
}

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

describe.runIf(testStore() === 'sqlite')('opening a SQLite file that holds no migration', () => {
  async function file(): Promise<string> {
    const empty = await createEmptyDatabase();
    cleanups.push(empty.drop);
    return join(empty.dir, 'isoplan.db');
  }

  it('that nobody has written for minutes says at its first look that it was never migrated', async () => {
    const path = await file();
    leftHalfCreated(path).close();
    const minutesAgo = new Date(Date.now() - 5 * 60_000);
    utimesSync(path, minutesAgo, minutesAgo);
    // The opener's own connection makes the file's WAL as it reads: that is no write of a creator's.
    const opener = new BetterSqlite3(path, { fileMustExist: true });
    cleanups.push(() => void opener.close());
    expect(await standing(migratedRows(opener, path, 60_000))).toEqual(
      new DatabaseMissingError('not-migrated'),
    );
  });

  it('that another process has just written is looked at again, as its creator may be between statements', async () => {
    const path = await file();
    const creator = leftHalfCreated(path);
    cleanups.push(() => void creator.close());
    const opener = new BetterSqlite3(path, { fileMustExist: true });
    cleanups.push(() => void opener.close());
    const opening = migratedRows(opener, path, 100);
    expect(await standing(opening)).toBe('still waiting');
    await expect(opening).rejects.toEqual(new DatabaseMissingError('not-migrated'));
  });
});
