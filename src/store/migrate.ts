// Applies Prisma Migrate migrations (prisma/migrations/NNNN_name/migration.sql) at start-up and records
// them in `_prisma_migrations` exactly as `prisma migrate deploy` does, so that the official tool agrees
// wherever its schema engine can run (it cannot on these machines).
//
// Deliberate differences from `migrate deploy`:
// - Each migration runs in its own transaction: a failure rolls back its statements and its record, so
//   the database is left as it was (deploy would leave a failed row and half-applied DDL behind).
// - Foreign keys are off while a migration runs (Prisma's table redefinitions DROP and rename tables,
//   which with foreign keys on would cascade-delete child rows) and `PRAGMA foreign_key_check` runs before
//   the commit instead: a migration that leaves a dangling reference fails like any other.
import { createHash, randomUUID } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type BetterSqlite3 from 'better-sqlite3';
import { DatabaseMissingError } from './database-missing.js';

/** The table `prisma migrate deploy` creates on SQLite (schema engine, sqlite flavour). */
const CREATE_MIGRATIONS_TABLE = `CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
    "id"                    TEXT PRIMARY KEY NOT NULL,
    "checksum"              TEXT NOT NULL,
    "finished_at"           DATETIME,
    "migration_name"        TEXT NOT NULL,
    "logs"                  TEXT,
    "rolled_back_at"        DATETIME,
    "started_at"            DATETIME NOT NULL DEFAULT current_timestamp,
    "applied_steps_count"   INTEGER UNSIGNED NOT NULL DEFAULT 0
)`;

export interface MigrationFile {
  name: string;
  sql: string;
  checksum: string;
}

export interface MigrationStatus {
  applied: string[];
  pending: string[];
  /** Applied migrations this build has no file for: a newer build migrated the database. */
  unknown: string[];
}

/** A migration could not be applied, or the recorded history disagrees with the files. */
export class MigrationError extends Error {
  constructor(
    message: string,
    readonly migration: string,
    override readonly cause?: unknown,
  ) {
    super(message);
    this.name = 'MigrationError';
  }
}

/** sha256 hex of the script, as the schema engine computes `checksum`. */
export function migrationChecksum(sql: string): string {
  return createHash('sha256').update(sql).digest('hex');
}

/** The migrations in `dir`, in name order (Prisma's order); folders without migration.sql are skipped. */
export function readMigrations(dir: string): MigrationFile[] {
  if (!existsSync(dir)) throw new MigrationError(`migrations directory ${dir} does not exist`, '');
  return readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && existsSync(join(dir, entry.name, 'migration.sql')))
    .map((entry) => entry.name)
    .sort()
    .map((name) => {
      const sql = readFileSync(join(dir, name, 'migration.sql'), 'utf8');
      return { name, sql, checksum: migrationChecksum(sql) };
    });
}

export interface MigrationRow {
  migration_name: string;
  checksum: string;
  finished_at: unknown;
  rolled_back_at: unknown;
}

/** The rows of `_prisma_migrations` in a SQLite database, none when the table is not there. */
export function recordedRows(db: BetterSqlite3.Database): MigrationRow[] {
  const table = db
    .prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name = '_prisma_migrations'`)
    .get();
  if (table === undefined) return [];
  return db
    .prepare(
      `SELECT migration_name, checksum, finished_at, rolled_back_at FROM "_prisma_migrations" ORDER BY started_at, migration_name`,
    )
    .all() as MigrationRow[];
}

/**
 * Applied and pending migrations; throws MigrationError when an applied migration's file changed
 * (checksum) or a migration is recorded as failed (like Prisma's P3009).
 */
export function migrationStatus(db: BetterSqlite3.Database, dir: string): MigrationStatus {
  return compareMigrations(readMigrations(dir), recordedRows(db));
}

/**
 * DatabaseMissingError unless `rows` (of `_prisma_migrations`, none without the table) record a migration
 * applied: the test of "this is an isoplan database" for a caller that must find one, not create one.
 */
export function assertMigratedOnce(rows: readonly MigrationRow[]): void {
  if (!rows.some((row) => row.finished_at !== null && row.rolled_back_at === null)) {
    throw new DatabaseMissingError('not-migrated');
  }
}

/** Compares the files with the rows of `_prisma_migrations` (see migrationStatus). */
export function compareMigrations(files: MigrationFile[], rows: MigrationRow[]): MigrationStatus {
  const applied = new Set<string>();
  for (const row of rows) {
    if (row.rolled_back_at !== null) continue;
    if (row.finished_at === null) {
      throw new MigrationError(
        `migration ${row.migration_name} is recorded as started but not finished (failed); resolve it with ` +
          '`prisma migrate resolve` or restore the database before starting again',
        row.migration_name,
      );
    }
    applied.add(row.migration_name);
  }
  for (const file of files) {
    if (!applied.has(file.name)) continue;
    const row = rows.find(
      (r) => r.migration_name === file.name && r.finished_at !== null && r.rolled_back_at === null,
    )!;
    if (!checksumMatches(file, row.checksum)) {
      throw new MigrationError(
        `migration ${file.name} was modified after it was applied (checksum ${row.checksum} recorded, ` +
          `${file.checksum} on disk)`,
        file.name,
      );
    }
  }
  const known = new Set(files.map((f) => f.name));
  return {
    applied: files.filter((f) => applied.has(f.name)).map((f) => f.name),
    pending: files.filter((f) => !applied.has(f.name)).map((f) => f.name),
    unknown: [...applied].filter((name) => !known.has(name)),
  };
}

/**
 * Refuses a database that a newer build migrated (`status.unknown`): this build's queries assume its own
 * schema, and a column the newer one dropped or renamed would fail a request midway, or a write would
 * leave out what the newer build requires. Every process that opens the database to migrate it (the
 * service, a worker, every CLI command on the database, read-only ones too) stops here, before it touches
 * anything; a process already running when the newer build migrated goes on, and says so (/readyz).
 */
export function refuseUnknownMigrations(status: MigrationStatus): void {
  if (status.unknown.length === 0) return;
  const [first] = status.unknown;
  throw new MigrationError(
    `the database was migrated by a newer isoplan: this build does not know migration(s) ${status.unknown.join(', ')}; ` +
      'run the newer build (its serve, worker and CLI), or restore a backup taken before it migrated',
    first ?? '',
  );
}

/** The schema engine also accepts a script whose only difference is CRLF line endings (a Windows checkout). */
function checksumMatches(file: MigrationFile, recorded: string): boolean {
  return file.checksum === recorded || migrationChecksum(file.sql.replace(/\r\n/g, '\n')) === recorded;
}

/**
 * Applies every pending migration of `dir`, each in its own transaction, and records it in
 * `_prisma_migrations` as `prisma migrate deploy` would (uuid id, sha256 checksum, timestamps in unix
 * milliseconds, applied_steps_count 1). Returns the names applied, in order; a second call applies nothing.
 * Throws MigrationError naming the migration and the SQL error; the failed migration leaves no trace.
 */
export function applyMigrations(db: BetterSqlite3.Database, dir: string): { applied: string[] } {
  const files = readMigrations(dir);
  db.exec(CREATE_MIGRATIONS_TABLE);
  // Refuse to start on a changed, failed or newer history before touching anything.
  const status = compareMigrations(files, recordedRows(db));
  refuseUnknownMigrations(status);
  // Only a migration not yet recorded takes the write lock (applyOne looks again under it): a database
  // already migrated opens on reads alone, so that a read command or a starting replica does not wait
  // for, or fail behind, another process's write.
  const pending = new Set(status.pending);
  const applied: string[] = [];
  const foreignKeys = db.pragma('foreign_keys', { simple: true }) as number;
  db.pragma('foreign_keys = OFF');
  try {
    for (const file of files) {
      if (pending.has(file.name) && applyOne(db, file)) applied.push(file.name);
    }
  } finally {
    db.pragma(`foreign_keys = ${foreignKeys ? 'ON' : 'OFF'}`);
  }
  return { applied };
}

/** Applies one migration unless another process already did; true when applied here. */
function applyOne(db: BetterSqlite3.Database, file: MigrationFile): boolean {
  // IMMEDIATE takes the write lock first, so two processes starting together apply each migration once.
  db.exec('BEGIN IMMEDIATE');
  try {
    const done = db
      .prepare(
        `SELECT 1 FROM "_prisma_migrations" WHERE migration_name = ? AND finished_at IS NOT NULL AND rolled_back_at IS NULL`,
      )
      .get(file.name);
    if (done !== undefined) {
      db.exec('COMMIT');
      return false;
    }
    const id = randomUUID();
    db.prepare(
      `INSERT INTO "_prisma_migrations" (id, checksum, migration_name, started_at, applied_steps_count) VALUES (?, ?, ?, ?, 0)`,
    ).run(id, file.checksum, file.name, Date.now());
    try {
      db.exec(file.sql);
    } catch (error) {
      throw new MigrationError(
        `migration ${file.name} failed and was rolled back: ${(error as Error).message}`,
        file.name,
        error,
      );
    }
    const violations = db.prepare('PRAGMA foreign_key_check').all() as Array<{
      table: string;
      parent: string;
    }>;
    if (violations.length > 0) {
      const first = violations[0]!;
      throw new MigrationError(
        `migration ${file.name} failed and was rolled back: it leaves ${violations.length} row(s) violating ` +
          `foreign keys (first: ${first.table} -> ${first.parent})`,
        file.name,
      );
    }
    db.prepare(
      `UPDATE "_prisma_migrations" SET finished_at = ?, applied_steps_count = applied_steps_count + 1 WHERE id = ?`,
    ).run(Date.now(), id);
    db.exec('COMMIT');
    return true;
  } catch (error) {
    if (db.inTransaction) db.exec('ROLLBACK');
    throw error;
  }
}
