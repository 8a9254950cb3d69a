import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { type Database, openDatabase } from '../../src/store/database.js';
import { DatabaseBusyError } from '../../src/store/database-busy.js';
import { makeTempDir } from './temp-database.js';

let db: Database | undefined;
afterEach(async () => {
  await db?.close();
  db = undefined;
});

describe('a database whose write lock another connection holds', () => {
  it('refuses a write with DatabaseBusyError after busy_timeout, changes nothing, and works again after', async () => {
    const file = join(await makeTempDir(), 'busy.db');
    db = await openDatabase({ url: `file:${file}`, busyTimeoutMs: 100 });
    await db.stores.projects.create({ slug: 'p', name: 'P' }, { actor: 'test' });
    // Another connection (as another process would) takes SQLite's write lock and keeps it.
    const other = new BetterSqlite3(file);
    other.exec('BEGIN IMMEDIATE');
    try {
      await expect(db.stores.projects.update('p', { name: 'Q' }, { actor: 'test' })).rejects.toBeInstanceOf(
        DatabaseBusyError,
      );
      // WAL: readers are not blocked by the writer.
      expect((await db.stores.projects.get('p')).name).toBe('P');
    } finally {
      other.exec('COMMIT');
      other.close();
    }
    expect((await db.stores.projects.update('p', { name: 'Q' }, { actor: 'test' })).name).toBe('Q');
  });
});
