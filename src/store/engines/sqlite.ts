// The SQLite engine: one file in WAL mode, one writer connection and one reader connection in this
// process, both Prisma Clients over @prisma/adapter-better-sqlite3.
//
// Durability: journal_mode=WAL with synchronous=FULL. WAL with NORMAL survives a killed process (SIGKILL)
// but may lose the last commits on power loss or an OS crash; FULL syncs the WAL at every commit, so an
// answered write survives both. It costs about 4.4k commits/s instead of 26k here, far above what this
// service needs; bulk imports are one transaction and pay the sync once.
//
// Reads never wait behind writes. better-sqlite3 is synchronous: a statement waiting for another
// process's write lock with busy_timeout would block the whole event loop, reads and probes included.
// So the writer waits with a tiny busy_timeout and retries asynchronously (sleeping, the event loop
// free) until the write's deadline, counted from its call, so that writes queued behind a stuck one
// each fail at their own deadline, not one after another. Reads run on their own connection, each in
// one read transaction: WAL gives it a snapshot, whatever any writer does meanwhile.
//
// Each connection does one thing at a time: the adapter gives Prisma ONE connection, and queries issued
// outside a transaction do not wait for another request's open transaction on it (they would see or join
// its uncommitted work). Each connection has its own queue; better-sqlite3 being synchronous, the queues
// cost no parallelism.
//
// A third connection, better-sqlite3's own without Prisma, answers the revision check of every cached
// plan (Engine.projectRevision) with one statement prepared once: outside a transaction, each run is a
// read transaction of its own and sees every commit before it, this process's writer's and any other
// process's alike.
import { accessSync, constants, existsSync, mkdirSync, statSync } from 'node:fs';
import { dirname, isAbsolute, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { PrismaBetterSqlite3 } from '@prisma/adapter-better-sqlite3';
import type { SqlDriverAdapter, SqlMigrationAwareDriverAdapterFactory } from '@prisma/driver-adapter-utils';
import BetterSqlite3 from 'better-sqlite3';
import type { DependencyEdge } from '../../domain/model.js';
import { DatabaseBusyError } from '../database-busy.js';
import { DatabaseDamagedError } from '../database-damaged.js';
import { DatabaseMissingError } from '../database-missing.js';
import { DatabaseReadOnlyError, READ_ONLY_REMEMBERED_MS } from '../database-read-only.js';
import type { Engine, ProjectRevision, Tx } from '../engine.js';
import { PrismaClient } from '../generated/client.js';
import { applyMigrations, compareMigrations, type MigrationRow, readMigrations } from '../migrate.js';
import { createSerializer } from '../serializer.js';
import { migratedRows } from '../sqlite-first-migration.js';
import { StorageFullError } from '../storage-full.js';

export interface SqliteOptions {
  /** `file:./data/isoplan.db` (relative paths resolve against process.cwd()) or `file:/abs/path.db`. */
  url: string;
  migrate: boolean;
  /**
   * Whether the file may be created (with its directory) and migrated from nothing; when false, a file
   * that is not there, or holds no isoplan tables, is DatabaseMissingError and nothing is written.
   */
  create: boolean;
  migrationsDir: string;
  /** `FULL` (default) or `NORMAL`: see the durability note at the top of this file. */
  synchronous?: 'FULL' | 'NORMAL';
  /** How long a write may wait for another process's write lock, in ms, from its call. */
  busyTimeoutMs: number;
  /** Told once when another process is creating the file and opening waits for its first migration. */
  onMigrationWait?: () => void;
}

/** Bound parameters per INSERT: far below SQLite's 32766, small enough to prepare quickly. */
const MAX_PARAMETERS = 6000;
/** The writer's own busy_timeout: how long one attempt may block the event loop. */
const ATTEMPT_BUSY_MS = 10;
/** Between two attempts at the write lock, the event loop is free. */
const RETRY_MS = { first: 5, max: 100 };

/** The file path of a `file:` URL; relative paths are resolved against process.cwd(). */
export function databasePath(url: string): string {
  const path = url.startsWith('file:') ? url.slice('file:'.length) : url;
  if (path === '' || path.startsWith(':memory:')) {
    throw new Error(`DATABASE_URL must name a file (file:./data/isoplan.db), got '${url}'`);
  }
  const withoutQuery = path.split('?')[0]!;
  return isAbsolute(withoutQuery) ? withoutQuery : resolve(process.cwd(), withoutQuery);
}

export interface SqliteDatabase {
  engine: Engine;
  /** The writer's client (store tests inspect through it). */
  prisma: PrismaClient;
  path: string;
}

export async function openSqlite(options: SqliteOptions): Promise<SqliteDatabase> {
  const path = databasePath(options.url);
  const synchronous = options.synchronous ?? 'FULL';
  if (options.create) mkdirSync(dirname(path), { recursive: true });
  else if (!existsSync(path)) throw new DatabaseMissingError('no-file');

  // A short-lived connection: WAL is a property of the file and persists, then the migrations.
  // fileMustExist: a file removed since the check above is not created either.
  const setup = new BetterSqlite3(path, { timeout: options.busyTimeoutMs, fileMustExist: !options.create });
  try {
    // A file another process is creating right now is waited for (briefly), not told it is none.
    if (!options.create) await migratedRows(setup, path, options.busyTimeoutMs, options.onMigrationWait);
    setup.pragma('journal_mode = WAL');
    if (options.migrate) applyMigrations(setup, options.migrationsDir);
  } finally {
    setup.close();
  }

  const pragmas = (busyMs: number, extra: string[]) =>
    [
      'PRAGMA journal_mode = WAL',
      `PRAGMA synchronous = ${synchronous}`,
      'PRAGMA foreign_keys = ON',
      `PRAGMA busy_timeout = ${busyMs}`,
      ...extra,
    ].join(';\n');
  const writer = new PrismaClient({
    adapter: withPragmas(
      new PrismaBetterSqlite3({ url: path, timeout: ATTEMPT_BUSY_MS }),
      pragmas(ATTEMPT_BUSY_MS, []),
    ),
  });
  // A reader never takes the write lock; busy_timeout only covers SQLite's brief WAL-index locks.
  const reader = new PrismaClient({
    adapter: withPragmas(
      new PrismaBetterSqlite3({ url: path, timeout: options.busyTimeoutMs }),
      pragmas(options.busyTimeoutMs, ['PRAGMA query_only = ON']),
    ),
  });
  await Promise.all([writer.$connect(), reader.$connect()]);
  const lookups = new BetterSqlite3(path, { timeout: options.busyTimeoutMs });
  lookups.pragma('query_only = ON');
  /** Prepared at its first use: without `migrate`, the table may not be there yet when the file is opened. */
  let revisionStatement: BetterSqlite3.Statement<[string], ProjectRevision> | undefined;
  /** The file this process opened: a file put in its place (or none) is not what its connections write. */
  const opened = statSync(path);
  /** When a write last found the database read-only (0: the last write went through), and SQLite's code. */
  let readOnly = { at: 0, code: '' };
  /** SQLite's code once a query found the file damaged ('' : not seen); damage does not mend by itself. */
  let damaged = '';
  const writes = createSerializer();
  const reads = createSerializer();
  const migrationFiles = readMigrations(options.migrationsDir);
  /** When writes began to find the lock taken (null: the last attempt had it). */
  let busySince: number | null = null;
  let retries = 0;

  /** Rethrows `error`, as the fault it tells of when it tells of one (a full disk, a damaged file). */
  function asFault(error: unknown): never {
    const damage = sqliteDamageCode(error);
    if (damage !== null) {
      damaged = damage;
      throw new DatabaseDamagedError(damage);
    }
    throw isSqliteFull(error) ? new StorageFullError() : error;
  }

  function read<T>(operation: (db: Tx) => Promise<T>): Promise<T> {
    return reads.run(() =>
      reader.$transaction(operation, { timeout: 10 * 60_000, maxWait: 60_000 }).catch(asFault),
    );
  }

  function readOne<T>(statement: (db: Tx) => Promise<T>): Promise<T> {
    return reads.run(() => statement(reader as unknown as Tx).catch(asFault));
  }

  async function projectRevision(slug: string): Promise<ProjectRevision | null> {
    // The creation time in milliseconds from the text the adapter stored (ISO 8601, UTC), as Prisma reads it.
    revisionStatement ??= lookups.prepare(
      `SELECT "revision", CAST(round(unixepoch("createdAt", 'subsec') * 1000) AS INTEGER) AS "createdAt"
       FROM "Project" WHERE "slug" = ?`,
    );
    try {
      return revisionStatement.get(slug) ?? null;
    } catch (error) {
      asFault(error);
    }
  }

  function fault(): string | null {
    let now: ReturnType<typeof statSync>;
    try {
      now = statSync(path);
    } catch {
      return `the database file ${path} is gone: this process would write to a deleted file`;
    }
    if (now.ino !== opened.ino || now.dev !== opened.dev) {
      return `the database file ${path} was replaced while this process had it open: its writes would go to the old file`;
    }
    try {
      accessSync(path, constants.W_OK);
    } catch {
      return `the database file ${path} is read-only`;
    }
    if (damaged !== '') {
      return `the database file ${path} is damaged (${damaged}): restore it from a backup`;
    }
    if (Date.now() - readOnly.at < READ_ONLY_REMEMBERED_MS) {
      return `the database cannot be written (${readOnly.code}): is its file or filesystem read-only?`;
    }
    return null;
  }

  const engine: Engine = {
    kind: 'sqlite',
    read,
    readOne,
    projectRevision,

    write(_slug, operation, timeoutMs) {
      const deadline = Date.now() + options.busyTimeoutMs;
      return writes.run(async () => {
        for (let wait = RETRY_MS.first; ; wait = Math.min(wait * 2, RETRY_MS.max)) {
          try {
            const result = await writer.$transaction(
              async (tx) => {
                // The first statement takes the write lock (the adapter begins DEFERRED transactions):
                // a transaction that read first and wrote later could fail with SQLITE_BUSY_SNAPSHOT when
                // another process wrote in between; failing here, nothing has been done yet.
                await tx.$executeRawUnsafe('UPDATE "Project" SET "revision" = "revision" WHERE 0');
                busySince = null;
                return operation(tx);
              },
              { timeout: timeoutMs, maxWait: timeoutMs },
            );
            readOnly = { at: 0, code: '' };
            return result;
          } catch (error) {
            const readOnlyCode = sqliteReadOnlyCode(error);
            if (readOnlyCode !== null) {
              readOnly = { at: Date.now(), code: readOnlyCode };
              throw new DatabaseReadOnlyError(readOnlyCode);
            }
            if (!isSqliteBusy(error)) asFault(error);
            busySince ??= Date.now();
            if (Date.now() + wait > deadline) throw new DatabaseBusyError();
            retries++;
            await sleep(wait);
          }
        }
      });
    },

    upstreamEdges(tx, projectId, blocker) {
      // CROSS JOIN fixes the join order (SQLite's rule): walk `up`, then look each key up in the primary
      // key; left to the planner, it scanned the project's edges at every step.
      return tx.$queryRawUnsafe<DependencyEdge[]>(
        `WITH RECURSIVE up(key) AS (
           SELECT ?
           UNION
           SELECT d."blockerKey" FROM up CROSS JOIN "Dependency" d WHERE d."projectId" = ? AND d."issueKey" = up.key
         )
         SELECT d."issueKey" AS "issue", d."blockerKey" AS "blockedBy"
         FROM up CROSS JOIN "Dependency" d WHERE d."projectId" = ? AND d."issueKey" = up.key`,
        blocker,
        projectId,
        projectId,
      );
    },

    async ancestors(tx, projectId, key) {
      const rows = await tx.$queryRawUnsafe<Array<{ key: string }>>(
        `WITH RECURSIVE up(key, depth) AS (
           SELECT ?, 0
           UNION
           SELECT i."parentKey", up.depth + 1 FROM up CROSS JOIN "Issue" i
           WHERE i."projectId" = ? AND i."key" = up.key AND i."parentKey" IS NOT NULL AND up.depth < 100000
         )
         SELECT key FROM up ORDER BY depth`,
        key,
        projectId,
      );
      return rows.map((r) => r.key);
    },

    async insertMany(tx, table, columns, rows) {
      const perStatement = Math.max(1, Math.floor(MAX_PARAMETERS / columns.length));
      const head = `INSERT INTO "${table}" (${columns.map((c) => `"${c}"`).join(', ')}) VALUES `;
      const tuple = `(${columns.map(() => '?').join(', ')})`;
      for (let start = 0; start < rows.length; start += perStatement) {
        const chunk = rows.slice(start, start + perStatement);
        const sql = head + Array.from({ length: chunk.length }, () => tuple).join(', ');
        await tx.$executeRawUnsafe(sql, ...chunk.flatMap((row) => row.map(sqliteValue)));
      }
    },

    async ping() {
      await read((db) => db.$queryRawUnsafe('SELECT 1'));
    },

    async migrationStatus() {
      const rows = await read(async (db) => {
        const table = await db.$queryRawUnsafe<unknown[]>(
          `SELECT name FROM sqlite_master WHERE type = 'table' AND name = '_prisma_migrations'`,
        );
        if (table.length === 0) return [];
        return db.$queryRawUnsafe<MigrationRow[]>(
          'SELECT migration_name, checksum, finished_at, rolled_back_at FROM "_prisma_migrations"',
        );
      });
      return compareMigrations(migrationFiles, rows);
    },

    status() {
      return { busy: busySince !== null, retries, fault: fault() };
    },

    async close() {
      // Queued operations finish first.
      await Promise.all([writes.run(() => writer.$disconnect()), reads.run(() => reader.$disconnect())]);
      lookups.close();
    },
  };
  return { engine, prisma: writer, path };
}

/** The text the adapter itself writes for a DateTime (its default `iso8601` format). */
function sqliteValue(value: unknown): unknown {
  return value instanceof Date ? value.toISOString().replace('Z', '+00:00') : value;
}

/**
 * SQLite's write lock held by another connection: the better-sqlite3 adapter reports SQLITE_BUSY as a
 * `SocketTimeout` driver error inside Prisma's P2010.
 */
export function isSqliteBusy(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const adapterError = (error as { meta?: { driverAdapterError?: unknown } }).meta?.driverAdapterError;
  if (adapterError instanceof Error && adapterError.message === 'SocketTimeout') return true;
  return /\bSQLITE_BUSY\b|database is locked/.test(error.message);
}

/**
 * SQLite refused the file itself (better-sqlite3's SqliteError carries SQLite's code): not a database
 * (SQLITE_NOTADB), damaged (SQLITE_CORRUPT), not to be opened or written (SQLITE_CANTOPEN, SQLITE_READONLY,
 * SQLITE_PERM, SQLITE_IOERR_…), locked. Its message says which, in SQLite's words.
 */
export function isSqliteError(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return error instanceof Error && typeof code === 'string' && code.startsWith('SQLITE_');
}

/** SQLITE_READONLY (or one of its extended codes) when the database refused a write as read-only, else null. */
export function sqliteReadOnlyCode(error: unknown): string | null {
  if (!(error instanceof Error)) return null;
  const code = adapterSqliteCode(error);
  if (code?.startsWith('SQLITE_READONLY')) return code;
  const named = /\bSQLITE_READONLY\w*/.exec(error.message)?.[0];
  if (named !== undefined) return named;
  return /attempt to write a readonly database/.test(error.message) ? 'SQLITE_READONLY' : null;
}

/** SQLITE_CORRUPT or SQLITE_NOTADB (or an extended code) when SQLite found the file damaged, else null. */
export function sqliteDamageCode(error: unknown): string | null {
  if (!(error instanceof Error)) return null;
  const code = adapterSqliteCode(error) ?? (error as { code?: unknown }).code;
  if (typeof code === 'string' && /^SQLITE_(CORRUPT|NOTADB)/.test(code)) return code;
  const named = /\bSQLITE_(CORRUPT|NOTADB)\w*/.exec(error.message)?.[0];
  if (named !== undefined) return named;
  if (/database disk image is malformed/.test(error.message)) return 'SQLITE_CORRUPT';
  return /file is not a database/.test(error.message) ? 'SQLITE_NOTADB' : null;
}

/** SQLITE_FULL, as better-sqlite3 raises it or as Prisma's driver adapter reports it. */
export function isSqliteFull(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  if (adapterSqliteCode(error) === 'SQLITE_FULL') return true;
  return /\bSQLITE_FULL\b|database or disk is full/.test(error.message);
}

/** SQLite's own code (SQLITE_FULL, SQLITE_READONLY_...) of an error that came through Prisma's driver adapter. */
function adapterSqliteCode(error: Error): string | undefined {
  const code = (error as { meta?: { driverAdapterError?: { cause?: { originalCode?: unknown } } } }).meta
    ?.driverAdapterError?.cause?.originalCode;
  return typeof code === 'string' ? code : undefined;
}

/**
 * The adapter opens its own better-sqlite3 connection and takes only constructor options (no pragmas):
 * wrap its factory so that every connection it opens runs `pragmas` first.
 */
function withPragmas(
  factory: SqlMigrationAwareDriverAdapterFactory,
  pragmas: string,
): SqlMigrationAwareDriverAdapterFactory {
  const prepare = async (connection: SqlDriverAdapter): Promise<SqlDriverAdapter> => {
    await connection.executeScript(pragmas);
    return connection;
  };
  return {
    provider: factory.provider,
    adapterName: factory.adapterName,
    connect: async () => prepare(await factory.connect()),
    connectToShadowDb: async () => prepare(await factory.connectToShadowDb()),
  };
}
