// A real SQLite file in a fresh temporary directory, opened and migrated like the service does; removed
// by cleanup(). The one temporary database of the tests: store and service tests use it directly, API
// tests through createTestApp (test/api/test-app.ts).
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Database, type DatabaseOptions, openDatabase } from '../../src/store/database.js';

export interface TempDatabase {
  db: Database;
  /** The temporary directory holding the file (and its -wal/-shm). */
  dir: string;
  /** `file:/abs/path/isoplan.db`: open it again to simulate a restart. */
  url: string;
  /** Closes the database (if still open) and removes the directory. */
  cleanup(): Promise<void>;
}

export async function makeTempDir(prefix = 'isoplan-test-'): Promise<string> {
  return mkdtemp(join(tmpdir(), prefix));
}

export async function createTempDatabase(options: Partial<DatabaseOptions> = {}): Promise<TempDatabase> {
  const dir = await makeTempDir();
  const url = `file:${join(dir, 'isoplan.db')}`;
  const db = await openDatabase({ url, migrate: true, ...options });
  let closed = false;
  const close = db.close.bind(db);
  db.close = async () => {
    if (closed) return;
    closed = true;
    await close();
  };
  return {
    db,
    dir,
    url,
    async cleanup() {
      await db.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}
