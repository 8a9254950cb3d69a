// Opening the database named by a URL: `file:` is SQLite (the embedded default), `postgresql://` is
// PostgreSQL. Each engine (src/store/engines) connects, applies pending migrations (its own folder in
// Prisma Migrate's layout) and says how reads and writes reach it; the stores above are the same code.
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  type ChangeFeed,
  createLocalChangeFeed,
  createPostgresChangeFeed,
  projectDeletedEvent,
} from './change-feed.js';
import { DEFAULT_BUSY_TIMEOUT_MS } from './database-busy.js';
import type { EngineKind, EngineStatus } from './engine.js';
import { isPostgresUrl, openPostgres, poolConfig, type WriteConcurrency } from './engines/postgresql.js';
import { openSqlite } from './engines/sqlite.js';
import type { PrismaClient } from './generated/client.js';
import type { MigrationStatus } from './migrate.js';
import { watchForeignWrites } from './sqlite-foreign-writes.js';
import { createStores } from './stores.js';
import type { Stores } from './types.js';

export { databasePath } from './engines/sqlite.js';

export interface DatabaseOptions {
  /** `file:./data/isoplan.db` (relative paths resolve against process.cwd()), or `postgresql://…`. */
  url: string;
  /** Apply pending migrations before opening (default true). */
  migrate?: boolean;
  /**
   * Whether the database may be created here (default true): the SQLite file and its directory, and
   * isoplan's tables from nothing on either engine. With false, a database that is not there or was never
   * migrated is DatabaseMissingError (src/store/database-missing.ts) and nothing is created; one of an
   * older version is still brought up to date when `migrate` is true.
   */
  create?: boolean;
  /** Defaults to the repository's migrations of the engine (prisma/migrations, prisma/postgresql/migrations). */
  migrationsDir?: string;
  /** SQLite: `FULL` (default) or `NORMAL` (src/store/engines/sqlite.ts). */
  synchronous?: 'FULL' | 'NORMAL';
  /** How long a write waits for a lock another process holds, in ms (default 5000). */
  busyTimeoutMs?: number;
  /** PostgreSQL: connections per pool (default 10). */
  poolSize?: number;
  /** PostgreSQL: how concurrent writers to a project take turns (default `advisory-lock`). */
  concurrency?: WriteConcurrency;
  /** Hears the change feed's connection failures (the service logs them). */
  onFeedError?: (error: unknown) => void;
  /**
   * Told once when another process is migrating the database (its first migration on SQLite, any on
   * PostgreSQL) and opening waits for it: a command can say why it does not answer at once.
   */
  onMigrationWait?: () => void;
  /**
   * PostgreSQL: tell every process on the database of each commit this one makes, as a change made
   * unannounced (`missed`: read the project again; a delete as the service's own delete), for a process with no request to announce (the CLI:
   * the replicas' event streams heard nothing of its writes). Off by default: the service announces its
   * writes with their request. On SQLite the service finds such writes by polling the file.
   */
  announceCommits?: boolean;
}

export interface Database {
  readonly kind: EngineKind;
  stores: Stores;
  /** Resolves when the database answers a query (on a reader connection: never behind a write). */
  ping(): Promise<void>;
  /** Migrations applied and pending (readiness: pending must be empty). */
  migrationStatus(): Promise<MigrationStatus>;
  /** Whether writes are waiting for a lock another process holds (readiness says "degraded"). */
  status(): EngineStatus;
  /** Changes told to every process on the database (src/store/change-feed.ts). */
  changes: ChangeFeed;
  close(): Promise<void>;
  /** Prisma Client (the writers'), for store code and store tests only: nothing outside src/store may use it. */
  readonly prisma: PrismaClient;
}

/** The repository's migrations folder `relative` (under prisma/), found from this file, not from cwd. */
export function defaultMigrationsDir(kind: EngineKind = 'sqlite'): string {
  const relative = kind === 'sqlite' ? ['prisma', 'migrations'] : ['prisma', 'postgresql', 'migrations'];
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 5; i++) {
    const candidate = join(dir, ...relative);
    if (existsSync(candidate)) return candidate;
    dir = dirname(dir);
  }
  throw new Error(`${relative.join('/')} not found above src/store`);
}

export async function openDatabase(options: DatabaseOptions): Promise<Database> {
  const busyTimeoutMs = options.busyTimeoutMs ?? DEFAULT_BUSY_TIMEOUT_MS;
  const migrate = options.migrate ?? true;
  const create = options.create ?? true;
  const sqlite = isPostgresUrl(options.url)
    ? null
    : await openSqlite({
        url: options.url,
        migrate,
        create,
        migrationsDir: options.migrationsDir ?? defaultMigrationsDir('sqlite'),
        synchronous: options.synchronous,
        busyTimeoutMs,
        onMigrationWait: options.onMigrationWait,
      });
  const { engine, prisma } =
    sqlite ??
    (await openPostgres({
      url: options.url,
      migrate,
      create,
      migrationsDir: options.migrationsDir ?? defaultMigrationsDir('postgresql'),
      busyTimeoutMs,
      poolSize: options.poolSize,
      concurrency: options.concurrency,
      onMigrationWait: options.onMigrationWait,
    }));
  const stores = createStores(engine);
  let changes: ChangeFeed;
  if (sqlite !== null) {
    const { path } = sqlite;
    changes = createLocalChangeFeed((told) =>
      watchForeignWrites({ path, commits: stores.commits, told, onError: options.onFeedError }),
    );
  } else {
    const feed = createPostgresChangeFeed(
      poolConfig({ url: options.url, busyTimeoutMs }, 1),
      options.onFeedError,
    );
    try {
      await feed.ready;
    } catch (error) {
      await Promise.all([feed.close(), engine.close()]);
      throw error;
    }
    changes = feed;
  }
  const announcing =
    options.announceCommits === true && sqlite === null
      ? announceCommits(stores, changes, options.onFeedError)
      : null;
  return {
    kind: engine.kind,
    prisma,
    stores,
    changes,
    ping: () => engine.ping(),
    migrationStatus: () => engine.migrationStatus(),
    status: () => engine.status(),
    close: async () => {
      await announcing?.stop();
      await changes.close();
      await engine.close();
    },
  };
}

/**
 * Publishes each commit of this process as a change made unannounced (a delete as the delete it is); `stop` waits for the notifications
 * under way (a CLI closes the database as soon as its write is done: they would be lost).
 */
function announceCommits(
  stores: Stores,
  changes: ChangeFeed,
  onFeedError: ((error: unknown) => void) | undefined,
): { stop(): Promise<void> } {
  const underWay = new Set<Promise<void>>();
  const unsubscribe = stores.commits.subscribe(({ project, deleted }) => {
    const told: Promise<void> = changes
      .publish(deleted ? projectDeletedEvent(project) : { type: 'change', project, missed: true })
      // A notification lost (the feed's connection down) is told to onFeedError: the write itself stands.
      .catch((error: unknown) => onFeedError?.(error))
      .finally(() => underWay.delete(told));
    underWay.add(told);
  });
  return {
    async stop() {
      unsubscribe();
      await Promise.all(underWay);
    },
  };
}
