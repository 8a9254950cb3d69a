// What differs between the two stores, SQLite and PostgreSQL: how reads and writes reach the database
// (connections, snapshots, locks, retries) and the few statements whose SQL is not the same (recursive
// queries, bulk inserts). Everything else in src/store is written once, over Prisma, for both.
// The implementations: engines/sqlite.ts and engines/postgresql.ts, one file each.
import type { DependencyEdge } from '../domain/model.js';
import type { Prisma } from './generated/client.js';
import type { MigrationStatus } from './migrate.js';

/** A transaction (or a read snapshot) of either engine; typed by the SQLite client, whose inputs the
 * PostgreSQL client accepts too (its input types are a superset). */
export type Tx = Prisma.TransactionClient;

export type EngineKind = 'sqlite' | 'postgresql';

/** What tells one version of a project from another: its revision, and its creation time (milliseconds). */
export interface ProjectRevision {
  revision: number;
  createdAt: number;
}

export interface EngineStatus {
  /** True while writes wait for (or just failed to get) a lock another process holds. */
  busy: boolean;
  /** Write transactions run again since opening (SQLite: lock attempts; PostgreSQL: serialization failures). */
  retries: number;
  /**
   * Why this process cannot work on the database, as far as the engine can tell without a query (readiness
   * fails with it): SQLite's file gone or replaced since it was opened (a connection keeps working on the
   * old file, so a query would not tell), or a recent write refused because the database is read-only.
   * Null when nothing is known to be wrong.
   */
  fault: string | null;
}

export interface Engine {
  readonly kind: EngineKind;
  /**
   * Runs a read in one snapshot on a reader connection: it never waits behind a write of this process
   * or another (SQLite's WAL, PostgreSQL's MVCC), and sees no half of one.
   */
  read<T>(operation: (db: Tx) => Promise<T>): Promise<T>;
  /**
   * Runs ONE statement on a reader connection, outside a transaction: a single statement sees one
   * snapshot by itself, and a transaction's own round trips (begin, commit) cost more than a lookup by
   * key does. For hot single-row reads (a project by slug); never for two.
   */
  readOne<T>(statement: (db: Tx) => Promise<T>): Promise<T>;
  /**
   * The revision and creation time of the project named `slug` (null: none), as last committed by any
   * process: what every cached plan checks. One SQL statement prepared once and kept, run without Prisma
   * (its client cost ~200 us a lookup, most of a cached plan's time) and outside a transaction.
   */
  projectRevision(slug: string): Promise<ProjectRevision | null>;
  /**
   * Runs a write to the project named `slug` in one transaction, after taking what makes writers to
   * one project take turns across connections and processes: SQLite's database write lock, PostgreSQL's
   * transaction-level advisory lock on the slug. A lock not had within the busy timeout (counted from
   * the call) is DatabaseBusyError, changing nothing. `null`: a write that belongs to no project (API
   * tokens), which takes no project's lock (SQLite's write lock is still the database's).
   */
  write<T>(slug: string | null, operation: (tx: Tx) => Promise<T>, timeoutMs: number): Promise<T>;
  /** The edges upstream of `blocker` (all it is transitively blocked by), in one recursive query. */
  upstreamEdges(tx: Tx, projectId: number, blocker: string): Promise<DependencyEdge[]>;
  /** `key` and its ancestors through `parentKey`, nearest first, in one recursive query. */
  ancestors(tx: Tx, projectId: number, key: string): Promise<string[]>;
  /** Inserts `rows` (values in `columns` order; Dates for timestamps) in as few statements as it can. */
  insertMany(tx: Tx, table: string, columns: readonly string[], rows: unknown[][]): Promise<void>;
  /** Resolves when the database answers a query (on a reader: never behind a write). */
  ping(): Promise<void>;
  migrationStatus(): Promise<MigrationStatus>;
  status(): EngineStatus;
  close(): Promise<void>;
}
