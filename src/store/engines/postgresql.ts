// The PostgreSQL engine: Prisma Client over @prisma/adapter-pg, two pools per process (readers and
// writers, so that reads never queue behind writes waiting for a lock), several processes (replicas,
// workers, the CLI) on one database.
//
// The pg pool waits forever by default: every wait here is bounded. A connection is had within
// connectTimeoutMs or the operation fails (503 for a write); statements end after statementTimeoutMs;
// a lock (a project's) is had within busyTimeoutMs (lock_timeout) or the write is DatabaseBusyError;
// a session idle in a transaction is ended. Timestamps are UTC: the adapter writes and reads DateTime
// columns (TIMESTAMP(3), without time zone) as UTC, and the session's TimeZone is UTC so that the
// columns' CURRENT_TIMESTAMP defaults are too.
//
// Concurrent writers: every write to a project first takes a transaction-level advisory lock on its slug
// (pg_advisory_xact_lock), so writes to one project take turns across all processes, as they do on
// SQLite's single write lock: the cycle check and the insert of an edge, an If-Match check and its
// write, and a revision bump are each one step, and revisions increase strictly. READ COMMITTED is then
// enough: each statement after the lock sees every commit before it. The alternative, SERIALIZABLE with
// retries, is kept for the concurrency benchmark (bench/concurrency.ts), which measures both.
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { PrismaPg } from '@prisma/adapter-pg';
import pg from 'pg';
import { DomainError } from '../../domain/errors.js';
import type { DependencyEdge } from '../../domain/model.js';
import { DatabaseBusyError } from '../database-busy.js';
import { DatabaseReadOnlyError, READ_ONLY_REMEMBERED_MS } from '../database-read-only.js';
import { DatabaseUnavailableError } from '../database-unavailable.js';
import type { Engine, ProjectRevision, Tx } from '../engine.js';
import type { PrismaClient } from '../generated/client.js';
import { PrismaClient as PostgresPrismaClient } from '../generated-postgresql/client.js';
import {
  assertMigratedOnce,
  compareMigrations,
  MigrationError,
  type MigrationFile,
  type MigrationRow,
  readMigrations,
  refuseUnknownMigrations,
} from '../migrate.js';
import { StorageFullError } from '../storage-full.js';

export type WriteConcurrency = 'advisory-lock' | 'serializable';

export interface PostgresOptions {
  /** `postgresql://user:password@host:port/database` (or `postgres://…`). */
  url: string;
  migrate: boolean;
  /**
   * Whether the database may be migrated from nothing; when false, one that holds no isoplan tables is
   * DatabaseMissingError and nothing is created in it.
   */
  create: boolean;
  migrationsDir: string;
  /** How long a write may wait for a project's lock or a pooled connection, in ms. */
  busyTimeoutMs: number;
  /** Connections per pool (readers and writers each have one). Default 10. */
  poolSize?: number;
  /** Default 30 s: the longest any one statement may run. */
  statementTimeoutMs?: number;
  /** Default `advisory-lock`; see the note at the top of this file. */
  concurrency?: WriteConcurrency;
  /** Told once when another process holds the migrations' lock and opening waits for it. */
  onMigrationWait?: () => void;
}

/** The first key of isoplan's advisory locks on projects (the second is hashtext(slug)): 'iso' in ASCII. */
const PROJECT_LOCK = 0x69736f;
/** `prisma migrate deploy`'s own advisory lock: the tool and this service never migrate at once. */
const MIGRATE_LOCK = 72707369;
/** Bound parameters per INSERT (PostgreSQL allows 65535). */
const MAX_PARAMETERS = 30_000;
const SERIALIZABLE_ATTEMPTS = 20;
/** SQLSTATE of a write in a read-only transaction (a standby, default_transaction_read_only). */
const READ_ONLY_SQL_TRANSACTION = '25006';

/** The table `prisma migrate deploy` creates on PostgreSQL (schema engine, postgres flavour). */
const CREATE_MIGRATIONS_TABLE = `CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
    "id"                    VARCHAR(36) PRIMARY KEY NOT NULL,
    "checksum"              VARCHAR(64) NOT NULL,
    "finished_at"           TIMESTAMPTZ,
    "migration_name"        VARCHAR(255) NOT NULL,
    "logs"                  TEXT,
    "rolled_back_at"        TIMESTAMPTZ,
    "started_at"            TIMESTAMPTZ NOT NULL DEFAULT now(),
    "applied_steps_count"   INTEGER NOT NULL DEFAULT 0
)`;

export function isPostgresUrl(url: string): boolean {
  return /^postgres(ql)?:\/\//.test(url);
}

/**
 * Every connection of isoplan's to PostgreSQL (the pools, the change feed's LISTEN, a worker's presence):
 * every wait bounded (a connection within busyTimeoutMs, even through a network that drops packets
 * silently; a statement within 30 s; a lock within busyTimeoutMs), sessions in UTC. An idle connection
 * sends TCP keep-alives after KEEP_ALIVE_AFTER_MS: without them, the LISTEN and presence connections,
 * which only wait, noticed a silently dropped network only when the kernel gave up (hours by default):
 * a worker gone that long still counted as present. With them, the system's probes end it (Linux: 9
 * probes 75 s apart by default, about 11 minutes).
 */
export function connectionConfig(
  options: Pick<PostgresOptions, 'url' | 'busyTimeoutMs' | 'statementTimeoutMs'>,
): pg.ClientConfig {
  return {
    connectionString: options.url,
    connectionTimeoutMillis: options.busyTimeoutMs,
    statement_timeout: options.statementTimeoutMs ?? 30_000,
    lock_timeout: options.busyTimeoutMs,
    idle_in_transaction_session_timeout: 60_000,
    options: '-c TimeZone=UTC',
    keepAlive: true,
    keepAliveInitialDelayMillis: KEEP_ALIVE_AFTER_MS,
  };
}

/** How long a connection is idle before it sends TCP keep-alives (connectionConfig). */
export const KEEP_ALIVE_AFTER_MS = 10_000;

/** The pool configuration of one role: connectionConfig's bounds, `max` connections. */
export function poolConfig(
  options: Pick<PostgresOptions, 'url' | 'busyTimeoutMs' | 'statementTimeoutMs'>,
  max: number,
): pg.PoolConfig {
  return { ...connectionConfig(options), max, idleTimeoutMillis: 30_000 };
}

export interface PostgresDatabase {
  engine: Engine;
  /** The writers' client (store tests inspect through it). */
  prisma: PrismaClient;
}

export async function openPostgres(options: PostgresOptions): Promise<PostgresDatabase> {
  const migrationFiles = readMigrations(options.migrationsDir);
  if (options.migrate) await applyPostgresMigrations(options, migrationFiles);
  else if (!options.create) await inSetupSession(options, assertIsoplanDatabase);
  const size = options.poolSize ?? 10;
  const concurrency = options.concurrency ?? 'advisory-lock';
  // The stores are typed by the SQLite client: both are generated from the same models, and the
  // PostgreSQL client's input types are a superset of SQLite's (query modes, field references).
  const client = (pool: pg.Pool) =>
    new PostgresPrismaClient({ adapter: new PrismaPg(pool, { disposeExternalPool: true }) });
  const asTx = (tx: unknown) => tx as Tx;
  const writer = client(new pg.Pool(poolConfig(options, size)));
  // The readers' pool is Prisma's and ours: the revision check (projectRevision) runs on it without Prisma.
  const readers = new pg.Pool(poolConfig(options, size));
  const reader = client(readers);
  await Promise.all([writer.$connect(), reader.$connect()]);
  let lastBusy = 0;
  let retries = 0;
  /** When a write last found the session read-only (0: the last write went through). */
  let lastReadOnly = 0;

  function busy(): never {
    lastBusy = Date.now();
    throw new DatabaseBusyError(
      'another writer holds this project, or no database connection came free in time',
    );
  }

  /** A driver's error the service answers as its own 503: busy, or out of reach; any other is left as it is. */
  function refuseIfUnavailable(error: unknown): void {
    if (isPostgresBusy(error)) busy();
    if (isPostgresUnavailable(error)) throw new DatabaseUnavailableError(error);
  }

  const engine: Engine = {
    kind: 'postgresql',

    async read(operation) {
      try {
        return await reader.$transaction((tx) => operation(asTx(tx)), {
          isolationLevel: 'RepeatableRead',
          maxWait: options.busyTimeoutMs,
          timeout: options.statementTimeoutMs ?? 30_000,
        });
      } catch (error) {
        refuseIfUnavailable(error);
        if (isPostgresDiskFull(error)) throw new StorageFullError();
        throw error;
      }
    },

    async readOne(statement) {
      try {
        return await statement(asTx(reader));
      } catch (error) {
        refuseIfUnavailable(error);
        throw error;
      }
    },

    async projectRevision(slug) {
      try {
        // Named: prepared once on each connection of the pool, then only bound and run (behind a pooler,
        // that needs session pooling, or PgBouncer's max_prepared_statements). READ COMMITTED outside a
        // transaction: it sees every commit before it, another replica's too. Milliseconds since the
        // epoch of a timestamp without time zone read as UTC, as the adapter writes it.
        const { rows } = await readers.query<ProjectRevision>({
          name: 'isoplan-project-revision',
          // Typed here (int4, float8): node-postgres reads both as numbers, whatever the column becomes.
          text: `SELECT "revision"::int4 AS "revision", round(extract(epoch FROM "createdAt") * 1000)::float8 AS "createdAt"
                 FROM "Project" WHERE "slug" = $1`,
          values: [slug],
        });
        return rows[0] ?? null;
      } catch (error) {
        refuseIfUnavailable(error);
        throw error;
      }
    },

    async write(slug, operation, timeoutMs) {
      for (let attempt = 1; ; attempt++) {
        try {
          const result = await writer.$transaction(
            async (tx) => {
              if (concurrency === 'advisory-lock' && slug !== null) {
                await tx.$executeRawUnsafe(
                  'SELECT pg_advisory_xact_lock($1::int4, hashtext($2))',
                  PROJECT_LOCK,
                  slug,
                );
              }
              return operation(asTx(tx));
            },
            {
              isolationLevel: concurrency === 'serializable' ? 'Serializable' : 'ReadCommitted',
              maxWait: options.busyTimeoutMs,
              timeout: timeoutMs,
            },
          );
          lastReadOnly = 0;
          return result;
        } catch (error) {
          refuseIfUnavailable(error);
          if (isPostgresDiskFull(error)) throw new StorageFullError();
          if (sqlState(error) === READ_ONLY_SQL_TRANSACTION) {
            lastReadOnly = Date.now();
            throw new DatabaseReadOnlyError('read_only_sql_transaction: a standby, or a read-only session');
          }
          if (
            concurrency === 'serializable' &&
            isSerializationFailure(error) &&
            attempt < SERIALIZABLE_ATTEMPTS
          ) {
            retries++;
            // Exponential backoff with full jitter: the writers that collided do not collide again at once.
            await sleep(Math.random() * Math.min(200, 2 ** attempt));
            continue;
          }
          throw error;
        }
      }
    },

    upstreamEdges(tx, projectId, blocker) {
      return tx.$queryRawUnsafe<DependencyEdge[]>(
        `WITH RECURSIVE up(key) AS (
           SELECT $1::text COLLATE "C"
           UNION
           SELECT d."blockerKey" FROM up JOIN "Dependency" d ON d."projectId" = $2 AND d."issueKey" = up.key
         )
         SELECT d."issueKey" AS "issue", d."blockerKey" AS "blockedBy"
         FROM up JOIN "Dependency" d ON d."projectId" = $2 AND d."issueKey" = up.key`,
        blocker,
        projectId,
      );
    },

    async ancestors(tx, projectId, key) {
      const rows = await tx.$queryRawUnsafe<Array<{ key: string }>>(
        `WITH RECURSIVE up(key, depth) AS (
           SELECT $1::text COLLATE "C", 0
           UNION
           SELECT i."parentKey", up.depth + 1 FROM up JOIN "Issue" i ON i."projectId" = $2 AND i."key" = up.key
           WHERE i."parentKey" IS NOT NULL AND up.depth < 100000
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
      for (let start = 0; start < rows.length; start += perStatement) {
        const chunk = rows.slice(start, start + perStatement);
        let n = 0;
        const tuples = chunk.map(() => `(${columns.map(() => `$${++n}`).join(', ')})`);
        await tx.$executeRawUnsafe(head + tuples.join(', '), ...chunk.flat());
      }
    },

    async ping() {
      try {
        await reader.$queryRawUnsafe('SELECT 1');
      } catch (error) {
        refuseIfUnavailable(error);
        throw error;
      }
    },

    async migrationStatus() {
      // One statement, no transaction: readiness probes ask often, and must answer at once.
      let rows: MigrationRow[];
      try {
        rows = await reader.$queryRawUnsafe<MigrationRow[]>(
          'SELECT migration_name, checksum, finished_at, rolled_back_at FROM "_prisma_migrations"',
        );
      } catch (error) {
        if (sqlState(error) !== '42P01') throw error; // undefined_table: nothing applied yet
        rows = [];
      }
      return compareMigrations(migrationFiles, rows);
    },

    status() {
      const readOnly = Date.now() - lastReadOnly < READ_ONLY_REMEMBERED_MS;
      return {
        busy: Date.now() - lastBusy < options.busyTimeoutMs,
        retries,
        fault: readOnly
          ? 'the database refused a write as read-only (read_only_sql_transaction): is it a standby, or read-only by default?'
          : null,
      };
    },

    async close() {
      await Promise.all([writer.$disconnect(), reader.$disconnect()]);
    },
  };
  return { engine, prisma: writer as unknown as PrismaClient };
}

/** SQLSTATE of a driver error inside a Prisma error, if any. */
function sqlState(error: unknown): string | undefined {
  const meta = (
    error as { meta?: { driverAdapterError?: { cause?: { originalCode?: string; code?: string } } } }
  )?.meta;
  const cause = meta?.driverAdapterError?.cause;
  return cause?.originalCode ?? cause?.code;
}

/**
 * An error the database or its driver raised, not the application's own refusal thrown inside a write
 * (a DomainError): that one's message may carry what the client sent (an If-Match tag), which must not be
 * read as the driver's words below.
 */
function isDriverError(error: unknown): error is Error {
  return error instanceof Error && !(error instanceof DomainError);
}

/** A lock not had in time (55P03), or no pooled connection in time. */
export function isPostgresBusy(error: unknown): boolean {
  if (!isDriverError(error)) return false;
  if (sqlState(error) === '55P03') return true;
  return /lock timeout|timeout exceeded when trying to connect|Unable to start a transaction in the given time/.test(
    error.message,
  );
}

/** Node's errors of a connection that could not be made or was lost (pg and the adapter pass them on). */
const CONNECTION_ERRNOS = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EPIPE',
]);
/** The adapter's names for the same (its DriverAdapterError's `kind`). */
const CONNECTION_KINDS = new Set([
  'DatabaseNotReachable',
  'ConnectionClosed',
  'SocketTimeout',
  'TooManyConnections',
]);

/**
 * The database cannot be reached: no connection (refused, unknown host, unreachable, no socket), a connection lost
 * (pg's "Connection terminated"), SQLSTATE class 08 (connection_exception), the server shutting down or
 * starting up (57P01, 57P02, 57P03), or too many connections (53300); Prisma's P1001 and P1017 wrap them.
 */
export function isPostgresUnavailable(error: unknown): boolean {
  if (!isDriverError(error)) return false;
  const state = sqlState(error) ?? (error as { code?: unknown }).code;
  if (typeof state === 'string') {
    if (state.startsWith('08') || ['57P01', '57P02', '57P03', '53300', 'P1001', 'P1017'].includes(state))
      return true;
    if (CONNECTION_ERRNOS.has(state)) return true;
    // A Unix socket's file that is not there: no server runs in that directory (or on that port).
    if (state === 'ENOENT' && error.message.includes('.s.PGSQL.')) return true;
  }
  const kind = (error as { meta?: { driverAdapterError?: { cause?: { kind?: string } } } }).meta
    ?.driverAdapterError?.cause?.kind;
  if (kind !== undefined && CONNECTION_KINDS.has(kind)) return true;
  return /Connection terminated|Client has encountered a connection error|Can't reach database server/.test(
    error.message,
  );
}

/** disk_full (53100): the transaction was rolled back, nothing of it written. */
export function isPostgresDiskFull(error: unknown): boolean {
  return sqlState(error) === '53100';
}

function isSerializationFailure(error: unknown): boolean {
  const code = (error as { code?: string })?.code;
  const state = sqlState(error);
  return code === 'P2034' || state === '40001' || state === '40P01';
}

/**
 * Applies every pending migration, each in its own transaction (PostgreSQL's DDL is transactional: a
 * failure leaves no trace), and records it in `_prisma_migrations` as `prisma migrate deploy` does. Holds
 * migrate deploy's advisory lock meanwhile, so that replicas starting together apply each migration once.
 */
export function applyPostgresMigrations(
  options: Pick<PostgresOptions, 'url' | 'busyTimeoutMs'> &
    Partial<Pick<PostgresOptions, 'create' | 'onMigrationWait'>>,
  files: MigrationFile[],
): Promise<{ applied: string[] }> {
  return inSetupSession(options, async (client) => {
    // Another process holds the lock: wait for it. Every process opening the database (a replica, a
    // command) compares its migrations under it, for milliseconds; say so only when there is a migration
    // to make (the first of a new database, an upgrade), which may take a while.
    const { rows } = await client.query<{ got: boolean }>('SELECT pg_try_advisory_lock($1) AS got', [
      MIGRATE_LOCK,
    ]);
    if (rows[0]?.got !== true) {
      if (await migrationsToMake(client, files)) options.onMigrationWait?.();
      await client.query('SELECT pg_advisory_lock($1)', [MIGRATE_LOCK]);
    }
    if (options.create === false) await assertIsoplanDatabase(client);
    await client.query(CREATE_MIGRATIONS_TABLE);
    const status = compareMigrations(files, (await recordedMigrations(client)) ?? []);
    refuseUnknownMigrations(status);
    const applied: string[] = [];
    for (const file of files) {
      if (!status.pending.includes(file.name)) continue;
      const id = randomUUID();
      await client.query('BEGIN');
      try {
        await client.query(
          'INSERT INTO "_prisma_migrations" (id, checksum, migration_name, started_at, applied_steps_count) VALUES ($1, $2, $3, clock_timestamp(), 0)',
          [id, file.checksum, file.name],
        );
        try {
          await client.query(file.sql);
        } catch (error) {
          throw new MigrationError(
            `migration ${file.name} failed and was rolled back: ${(error as Error).message}`,
            file.name,
            error,
          );
        }
        await client.query(
          'UPDATE "_prisma_migrations" SET finished_at = clock_timestamp(), applied_steps_count = applied_steps_count + 1 WHERE id = $1',
          [id],
        );
        await client.query('COMMIT');
        applied.push(file.name);
      } catch (error) {
        await client.query('ROLLBACK');
        throw error;
      }
    }
    return { applied };
  });
}

/** Runs `work` in a session of its own (migrations, the setup checks), always ended afterwards. */
async function inSetupSession<T>(
  options: Pick<PostgresOptions, 'url' | 'busyTimeoutMs'>,
  work: (client: pg.Client) => Promise<T>,
): Promise<T> {
  const client = new pg.Client({
    connectionString: options.url,
    connectionTimeoutMillis: Math.max(options.busyTimeoutMs, 5000),
    options: '-c TimeZone=UTC',
  });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** The rows of `_prisma_migrations` (on the session's search path), or null when the table is not there. */
/**
 * Whether `files` hold a migration the database has not recorded as applied, read without the lock (a
 * history that cannot be compared counts: it is judged again under the lock).
 */
async function migrationsToMake(client: pg.Client, files: MigrationFile[]): Promise<boolean> {
  try {
    const recorded = await recordedMigrations(client);
    return recorded === null || compareMigrations(files, recorded).pending.length > 0;
  } catch {
    return true;
  }
}

async function recordedMigrations(client: pg.Client): Promise<MigrationRow[] | null> {
  const { rows } = await client.query<{ table: string | null }>(
    `SELECT to_regclass('"_prisma_migrations"')::text AS "table"`,
  );
  if (rows[0]?.table == null) return null;
  return (
    await client.query<MigrationRow>(
      'SELECT migration_name, checksum, finished_at, rolled_back_at FROM "_prisma_migrations" ORDER BY started_at, migration_name',
    )
  ).rows;
}

/** DatabaseMissingError unless isoplan's migrations were applied to this database. */
async function assertIsoplanDatabase(client: pg.Client): Promise<void> {
  assertMigratedOnce((await recordedMigrations(client)) ?? []);
}
