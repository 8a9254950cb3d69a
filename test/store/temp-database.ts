// The one temporary database of the tests, on the store under test: a real SQLite file in a fresh
// temporary directory, or, in the PostgreSQL half of the suite (ISOPLAN_TEST_STORE=postgresql, with
// TEST_DATABASE_URL naming a server: see README), a fresh database on that server. Opened and migrated
// like the service does; removed by cleanup(). Store and service tests use it directly, API tests through
// createTestApp (test/api/test-app.ts).
import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { type Database, type DatabaseOptions, openDatabase } from '../../src/store/database.js';
import type { EngineKind } from '../../src/store/engine.js';

export interface TempDatabase {
  db: Database;
  /** A temporary directory of the test's (holding the SQLite file and its -wal/-shm). */
  dir: string;
  /** `file:/abs/path/isoplan.db` or `postgresql://…/isoplan_t_…`: open it again to simulate a restart. */
  url: string;
  /** Closes the database (if still open) and removes it. */
  cleanup(): Promise<void>;
}

/** The store this run of the suite tests. */
export function testStore(): EngineKind {
  return process.env.ISOPLAN_TEST_STORE === 'postgresql' ? 'postgresql' : 'sqlite';
}

export async function makeTempDir(prefix = 'isoplan-test-'): Promise<string> {
  return mkdtemp(join(tmpdir(), prefix));
}

/** The server of the PostgreSQL half (TEST_DATABASE_URL), for creating and dropping test databases. */
function serverUrl(): string {
  const url = process.env.TEST_DATABASE_URL;
  if (url === undefined || url === '') {
    throw new Error(
      'ISOPLAN_TEST_STORE=postgresql needs TEST_DATABASE_URL=postgresql://USER@HOST:PORT/DATABASE',
    );
  }
  return url;
}

async function onServer<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: serverUrl(), connectionTimeoutMillis: 10_000 });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/**
 * An empty database of the store under test, not opened: its URL and how to remove it. For tests that
 * open it themselves (several processes, migrations).
 */
export async function createEmptyDatabase(): Promise<{ url: string; dir: string; drop(): Promise<void> }> {
  const dir = await makeTempDir();
  if (testStore() === 'sqlite') {
    return {
      url: `file:${join(dir, 'isoplan.db')}`,
      dir,
      drop: () => rm(dir, { recursive: true, force: true }),
    };
  }
  const name = `isoplan_t_${randomBytes(6).toString('hex')}`;
  await onServer((client) => client.query(`CREATE DATABASE "${name}"`));
  const url = new URL(serverUrl());
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    dir,
    async drop() {
      await onServer((client) => client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`));
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/**
 * PostgreSQL: CREATE DATABASE takes about half a second here, so each test process keeps the migrated
 * databases it made and hands them out again emptied (every table but the migrations' truncated, ids
 * restarted): to a test, as fresh as a new one.
 */
const reusable: string[] = [];

async function emptied(url: string): Promise<void> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 10_000 });
  await client.connect();
  try {
    const { rows } = await client.query<{ name: string }>(
      `SELECT quote_ident(tablename) AS name FROM pg_tables
       WHERE schemaname = current_schema() AND tablename <> '_prisma_migrations'`,
    );
    if (rows.length > 0) {
      await client.query(`TRUNCATE ${rows.map((r) => r.name).join(', ')} RESTART IDENTITY CASCADE`);
    }
  } finally {
    await client.end();
  }
}

export async function createTempDatabase(options: Partial<DatabaseOptions> = {}): Promise<TempDatabase> {
  const reused = testStore() === 'postgresql' && options.migrate !== false ? reusable.pop() : undefined;
  const empty =
    reused === undefined
      ? await createEmptyDatabase()
      : { url: reused, dir: await makeTempDir(), drop: async () => {} };
  const db = await openDatabase({ url: empty.url, migrate: true, ...options });
  let closed = false;
  const close = db.close.bind(db);
  db.close = async () => {
    if (closed) return;
    closed = true;
    await close();
  };
  return {
    db,
    dir: empty.dir,
    url: empty.url,
    async cleanup() {
      await db.close();
      if (testStore() === 'postgresql' && options.migrate !== false) {
        await emptied(empty.url);
        reusable.push(empty.url);
        await rm(empty.dir, { recursive: true, force: true });
      } else {
        await empty.drop();
      }
    },
  };
}

/**
 * A fault the store cannot see coming: the database refuses to insert an issue with this key (a trigger
 * raising "<key> refused"). Returns the function that removes it.
 */
export async function refuseIssueKey(db: Database, key: string): Promise<() => Promise<void>> {
  if (db.kind === 'sqlite') {
    await db.prisma.$executeRawUnsafe(
      `CREATE TRIGGER "refuse_${key}" BEFORE INSERT ON "Issue" WHEN NEW."key" = '${key}' BEGIN SELECT RAISE(ABORT, '${key} refused'); END`,
    );
    return async () => {
      await db.prisma.$executeRawUnsafe(`DROP TRIGGER "refuse_${key}"`);
    };
  }
  return postgresTrigger(
    db,
    `refuse_${key}`,
    'INSERT ON "Issue"',
    `IF NEW."key" = '${key}' THEN RAISE EXCEPTION '${key} refused'; END IF; RETURN NEW;`,
  );
}

/**
 * PostgreSQL: a row trigger `name` that runs the PL/pgSQL `body` BEFORE `on` (`INSERT ON "Issue"`).
 * Returns the function that removes it.
 */
async function postgresTrigger(
  db: Database,
  name: string,
  on: string,
  body: string,
): Promise<() => Promise<void>> {
  const table = on.slice(on.lastIndexOf(' ON ') + ' ON '.length);
  await db.prisma.$executeRawUnsafe(
    `CREATE FUNCTION "${name}"() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN ${body} END $$`,
  );
  await db.prisma.$executeRawUnsafe(
    `CREATE TRIGGER "${name}" BEFORE ${on} FOR EACH ROW EXECUTE FUNCTION "${name}"()`,
  );
  return async () => {
    await db.prisma.$executeRawUnsafe(`DROP TRIGGER "${name}" ON ${table}`);
    await db.prisma.$executeRawUnsafe(`DROP FUNCTION "${name}"()`);
  };
}

/**
 * The disk under the database fills up: writes that need more room fail as a full disk does. SQLite: its
 * size limit (max_page_count, a few pages above what the file has) fails them with SQLITE_FULL, as a full
 * filesystem would. PostgreSQL has no size limit to lower: a trigger raises SQLSTATE 53100 (disk_full), the
 * server's own error for it, on every issue inserted. Returns the function that makes room again.
 */
export async function fillDisk(db: Database): Promise<() => Promise<void>> {
  if (db.kind === 'sqlite') {
    const [row] =
      await db.prisma.$queryRawUnsafe<Array<{ page_count: bigint | number }>>('PRAGMA page_count');
    await db.prisma.$executeRawUnsafe(`PRAGMA max_page_count = ${Number(row?.page_count) + 8}`);
    return async () => {
      await db.prisma.$executeRawUnsafe('PRAGMA max_page_count = 4294967294');
    };
  }
  return postgresTrigger(
    db,
    'disk_full',
    'INSERT ON "Issue"',
    `RAISE EXCEPTION 'could not extend file: No space left on device' USING ERRCODE = 'disk_full';`,
  );
}

/**
 * The database stops taking writes, as a read-only file or filesystem (SQLite) or a standby (PostgreSQL)
 * would. SQLite: query_only on the writer's connection, refused with the same SQLITE_READONLY. PostgreSQL:
 * a trigger raising the server's own read_only_sql_transaction on every change to a project. Returns the
 * function that makes it writable again.
 */
export async function makeReadOnly(db: Database): Promise<() => Promise<void>> {
  if (db.kind === 'sqlite') {
    await db.prisma.$executeRawUnsafe('PRAGMA query_only = ON');
    return async () => {
      await db.prisma.$executeRawUnsafe('PRAGMA query_only = OFF');
    };
  }
  return postgresTrigger(
    db,
    'read_only',
    'INSERT OR UPDATE OR DELETE ON "Project"',
    `RAISE EXCEPTION 'cannot execute UPDATE in a read-only transaction' USING ERRCODE = 'read_only_sql_transaction';`,
  );
}

/**
 * Another process that holds what a write to project `slug` needs, for `ms`: SQLite's write lock on the
 * file (BEGIN IMMEDIATE), or PostgreSQL's advisory lock on the project. Resolves once it holds it; the
 * caller waits for (or kills) the process.
 */
export async function holdWriteLock(url: string, slug: string, ms: number): Promise<ChildProcess> {
  const script =
    testStore() === 'sqlite'
      ? `const D = require('better-sqlite3');
         const db = new D(process.argv[1].slice('file:'.length));
         db.exec('BEGIN IMMEDIATE');
         console.log('locked');
         setTimeout(() => { db.exec('COMMIT'); db.close(); }, Number(process.argv[3]));`
      : `const pg = require('pg');
         const c = new pg.Client(process.argv[1]);
         c.connect()
           .then(() => c.query('SELECT pg_advisory_lock($1::int4, hashtext($2))', [0x69736f, process.argv[2]]))
           .then(() => { console.log('locked'); setTimeout(() => c.end(), Number(process.argv[3])); });`;
  const child = spawn(process.execPath, ['-e', script, url, slug, String(ms)], {
    cwd: join(import.meta.dirname, '..', '..'),
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  await new Promise<void>((resolve, reject) => {
    child.stdout!.on('data', (chunk: Buffer) => chunk.toString().includes('locked') && resolve());
    child.on('exit', (code) => reject(new Error(`lock holder exited with ${code}`)));
  });
  return child;
}
