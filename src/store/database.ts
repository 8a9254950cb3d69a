// Opening the database: create the file's directory, apply pending migrations on a short-lived
// better-sqlite3 connection, then open Prisma Client over @prisma/adapter-better-sqlite3 with the pragmas
// below applied to the adapter's own connection.
//
// Durability: journal_mode=WAL with synchronous=FULL. WAL with NORMAL survives a killed process (SIGKILL)
// but may lose the last commits on power loss or an OS crash; FULL syncs the WAL at every commit, so an
// answered write survives both. It costs about 4.4k commits/s instead of 26k here, far above what this
// service needs; bulk imports are one transaction and pay the sync once.
import { existsSync, mkdirSync } from 'node:fs';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PrismaBetterSqlite3 } from '@prisma/adapter-better-sqlite3';
import type { SqlDriverAdapter, SqlMigrationAwareDriverAdapterFactory } from '@prisma/driver-adapter-utils';
import BetterSqlite3 from 'better-sqlite3';
import { createCommitFeed } from './commit-feed.js';
import { PrismaClient } from './generated/client.js';
import { applyMigrations, compareMigrations, type MigrationStatus, readMigrations } from './migrate.js';
import { createSerializer } from './serializer.js';
import { createStores } from './stores.js';
import type { Stores } from './types.js';

export interface DatabaseOptions {
  /** `file:./data/isoplan.db` (relative paths resolve against process.cwd()) or `file:/abs/path.db`. */
  url: string;
  /** Apply pending migrations before opening (default true). */
  migrate?: boolean;
  /** Defaults to the repository's prisma/migrations. */
  migrationsDir?: string;
  /** `FULL` (default) or `NORMAL`: see the durability note at the top of this file. */
  synchronous?: 'FULL' | 'NORMAL';
  /** How long a write waits for another process's write lock, in ms (default 5000). */
  busyTimeoutMs?: number;
}

export interface Database {
  stores: Stores;
  /** Resolves when the database answers a query. */
  ping(): Promise<void>;
  /** Migrations applied and pending (readiness: pending must be empty). */
  migrationStatus(): Promise<MigrationStatus>;
  close(): Promise<void>;
  /** The absolute path of the SQLite file. */
  readonly path: string;
  /** Prisma Client, for store code and store tests only: nothing outside src/store may use it. */
  readonly prisma: PrismaClient;
}

/** The repository's prisma/migrations, found from this file (src/store or dist/store), not from cwd. */
export function defaultMigrationsDir(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 5; i++) {
    const candidate = join(dir, 'prisma', 'migrations');
    if (existsSync(candidate)) return candidate;
    dir = dirname(dir);
  }
  throw new Error('prisma/migrations not found above src/store');
}

/** The file path of a `file:` URL; relative paths are resolved against process.cwd(). */
export function databasePath(url: string): string {
  const path = url.startsWith('file:') ? url.slice('file:'.length) : url;
  if (path === '' || path.startsWith(':memory:')) {
    throw new Error(`DATABASE_URL must name a file (file:./data/isoplan.db), got '${url}'`);
  }
  const withoutQuery = path.split('?')[0]!;
  return isAbsolute(withoutQuery) ? withoutQuery : resolve(process.cwd(), withoutQuery);
}

export async function openDatabase(options: DatabaseOptions): Promise<Database> {
  const path = databasePath(options.url);
  const migrationsDir = options.migrationsDir ?? defaultMigrationsDir();
  const synchronous = options.synchronous ?? 'FULL';
  const busyTimeoutMs = options.busyTimeoutMs ?? 5000;
  mkdirSync(dirname(path), { recursive: true });

  // A short-lived connection: WAL is a property of the file and persists, then the migrations.
  const setup = new BetterSqlite3(path, { timeout: busyTimeoutMs });
  try {
    setup.pragma('journal_mode = WAL');
    if (options.migrate ?? true) applyMigrations(setup, migrationsDir);
  } finally {
    setup.close();
  }

  const pragmas = [
    'PRAGMA journal_mode = WAL',
    `PRAGMA synchronous = ${synchronous}`,
    'PRAGMA foreign_keys = ON',
    `PRAGMA busy_timeout = ${busyTimeoutMs}`,
  ].join(';\n');
  const adapter = withPragmas(new PrismaBetterSqlite3({ url: path, timeout: busyTimeoutMs }), pragmas);
  const prisma = new PrismaClient({ adapter });
  await prisma.$connect();
  const serial = createSerializer();
  const migrationFiles = readMigrations(migrationsDir);

  return {
    path,
    prisma,
    stores: createStores({ prisma, serial, commits: createCommitFeed() }),
    async ping() {
      await serial.run(() => prisma.$queryRawUnsafe('SELECT 1'));
    },
    async migrationStatus() {
      const rows = await serial.run(async () => {
        const table = await prisma.$queryRawUnsafe<unknown[]>(
          `SELECT name FROM sqlite_master WHERE type = 'table' AND name = '_prisma_migrations'`,
        );
        if (table.length === 0) return [];
        return prisma.$queryRawUnsafe<
          Array<{ migration_name: string; checksum: string; finished_at: unknown; rolled_back_at: unknown }>
        >('SELECT migration_name, checksum, finished_at, rolled_back_at FROM "_prisma_migrations"');
      });
      return compareMigrations(migrationFiles, rows);
    },
    async close() {
      // Queued operations finish first.
      await serial.run(() => prisma.$disconnect());
    },
  };
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
