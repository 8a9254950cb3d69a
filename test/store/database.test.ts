import BetterSqlite3 from 'better-sqlite3';
import pg from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import { defaultMigrationsDir, openDatabase } from '../../src/store/database.js';
import { DatabaseMissingError } from '../../src/store/database-missing.js';
import { applyPostgresMigrations } from '../../src/store/engines/postgresql.js';
import { applyMigrations, readMigrations } from '../../src/store/migrate.js';
import { until } from '../until.js';
import { createEmptyDatabase, createTempDatabase, type TempDatabase, testStore } from './temp-database.js';

const shipped = readMigrations(defaultMigrationsDir(testStore())).map((m) => m.name);

let temp: TempDatabase | undefined;
afterEach(async () => {
  await temp?.cleanup();
  temp = undefined;
});

describe('openDatabase', () => {
  it('applies the migrations of its engine to an empty database and reports them', async () => {
    const empty = await createEmptyDatabase();
    const db = await openDatabase({ url: empty.url });
    try {
      expect(db.kind).toBe(testStore());
      expect(await db.migrationStatus()).toEqual({ applied: shipped, pending: [], unknown: [] });
      await expect(db.ping()).resolves.toBeUndefined();
    } finally {
      await db.close();
      await empty.drop();
    }
  });

  it('reports pending migrations when opened without migrating', async () => {
    const empty = await createEmptyDatabase();
    const db = await openDatabase({ url: empty.url, migrate: false });
    try {
      expect(await db.migrationStatus()).toEqual({ applied: [], pending: shipped, unknown: [] });
    } finally {
      await db.close();
      await empty.drop();
    }
  });

  it('keeps the data and applies nothing when opened again (a restart)', async () => {
    temp = await createTempDatabase();
    await temp.db.stores.projects.create({ slug: 'p', name: 'P' }, { actor: 't' });
    await temp.db.close();
    const again = await openDatabase({ url: temp.url });
    try {
      expect(await again.migrationStatus()).toEqual({ applied: shipped, pending: [], unknown: [] });
      expect((await again.stores.projects.get('p')).name).toBe('P');
    } finally {
      await again.close();
    }
  });

  it('applies each migration once when two processes open an empty database at the same moment', async () => {
    const empty = await createEmptyDatabase();
    const [a, b] = await Promise.all([openDatabase({ url: empty.url }), openDatabase({ url: empty.url })]);
    try {
      expect(await a.migrationStatus()).toEqual({ applied: shipped, pending: [], unknown: [] });
      await a.stores.projects.create({ slug: 'p', name: 'P' }, { actor: 't' });
      expect((await b.stores.projects.get('p')).name).toBe('P');
    } finally {
      await Promise.all([a.close(), b.close()]);
      await empty.drop();
    }
  });
});

describe('a process that must find the database, opening it while another creates it', () => {
  /**
   * Another process's first migration, held open until `release` is called: on SQLite its write lock taken
   * on the new file (as the migration's transaction holds it) and then the real migrations applied; on
   * PostgreSQL migrate deploy's advisory lock held, then the real migrations applied by a migrator queued
   * behind it before the opener.
   */
  async function creatorAtWork(url: string): Promise<{ release(): Promise<void> }> {
    const dir = defaultMigrationsDir(testStore());
    if (testStore() === 'sqlite') {
      const creator = new BetterSqlite3(url.slice('file:'.length));
      creator.pragma('journal_mode = WAL');
      creator.exec('BEGIN IMMEDIATE');
      return {
        async release() {
          creator.exec('ROLLBACK');
          applyMigrations(creator, dir);
          creator.close();
        },
      };
    }
    const holder = new pg.Client({ connectionString: url });
    await holder.connect();
    await holder.query('SELECT pg_advisory_lock(72707369)');
    const migrating = applyPostgresMigrations({ url, busyTimeoutMs: 5000 }, readMigrations(dir));
    await until(async () => (await waitingForLocks(holder)) === 1);
    return {
      async release() {
        await holder.query('SELECT pg_advisory_unlock(72707369)');
        await holder.end();
        await migrating;
      },
    };
  }

  /**
   * Sessions waiting for the migrations lock of the client's database (PostgreSQL): only this database's,
   * since other test files' databases share the cluster and their openings queue on the same key.
   */
  async function waitingForLocks(client: pg.Client): Promise<number> {
    const { rows } = await client.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM pg_locks WHERE locktype = 'advisory' AND NOT granted
         AND objid = 72707369 AND database = (SELECT oid FROM pg_database WHERE datname = current_database())`,
    );
    return rows[0]!.n;
  }

  it('waits for its first migration, saying so once, and opens it, rather than saying it is no isoplan database', async () => {
    const empty = await createEmptyDatabase();
    const creator = await creatorAtWork(empty.url);
    let told = 0;
    try {
      const opening = openDatabase({ url: empty.url, create: false, onMigrationWait: () => told++ });
      const outcome = opening.then(
        () => 'opened',
        (error: unknown) => error,
      );
      await new Promise((done) => setTimeout(done, 300));
      await creator.release();
      expect(await outcome).toBe('opened');
      expect(told).toBe(1);
      const db = await opening;
      expect(await db.migrationStatus()).toEqual({ applied: shipped, pending: [], unknown: [] });
      await db.close();
    } finally {
      await empty.drop();
    }
  });

  it.runIf(testStore() === 'postgresql')(
    'says nothing of a migration when the lock is held by another process opening a database with none to make',
    async () => {
      // Every process opening the database (a replica, a command) compares its migrations under the lock.
      const temp = await createTempDatabase();
      await temp.db.close();
      const holder = new pg.Client({ connectionString: temp.url });
      await holder.connect();
      let told = 0;
      try {
        await holder.query('SELECT pg_advisory_lock(72707369)');
        const opening = openDatabase({ url: temp.url, create: false, onMigrationWait: () => told++ });
        // The opener queued behind the holder, on this database's migrations lock.
        await until(async () => {
          const { rows } = await holder.query<{ n: number }>(
            `SELECT count(*)::int AS n FROM pg_locks WHERE locktype = 'advisory' AND NOT granted
               AND objid = 72707369 AND database = (SELECT oid FROM pg_database WHERE datname = current_database())`,
          );
          return rows[0]!.n === 1;
        });
        await holder.query('SELECT pg_advisory_unlock(72707369)');
        await (await opening).close();
        expect(told).toBe(0);
      } finally {
        await holder.end();
        await temp.cleanup();
      }
    },
  );

  it.runIf(testStore() === 'sqlite')(
    'says another process is creating it when its first migration outlasts the wait',
    async () => {
      const empty = await createEmptyDatabase();
      const creator = await creatorAtWork(empty.url);
      try {
        await expect(openDatabase({ url: empty.url, create: false, busyTimeoutMs: 200 })).rejects.toEqual(
          new DatabaseMissingError('being-created'),
        );
      } finally {
        await creator.release();
        await empty.drop();
      }
    },
  );
});
