import { createHash } from 'node:crypto';
import { cpSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { defaultMigrationsDir } from '../../src/store/database.js';
import { applyMigrations, MigrationError, migrationStatus, readMigrations } from '../../src/store/migrate.js';
import { makeTempDir } from './temp-database.js';

/** Every migration of the repository, in order: later issues add their own. */
const shipped = readMigrations(defaultMigrationsDir()).map((m) => m.name);

let dir: string;
let db: BetterSqlite3.Database;

beforeEach(async () => {
  dir = await makeTempDir('isoplan-migrate-');
  db = new BetterSqlite3(join(dir, 'test.db'));
});

afterEach(() => {
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

/** A copy of the real migrations plus `extra` (name -> SQL), in a directory of its own. */
function migrationsWith(extra: Record<string, string>): string {
  const target = join(dir, 'migrations');
  cpSync(defaultMigrationsDir(), target, { recursive: true });
  for (const [name, sql] of Object.entries(extra)) {
    mkdirSync(join(target, name));
    writeFileSync(join(target, name, 'migration.sql'), sql);
  }
  return target;
}

function tables(): string[] {
  return (
    db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name`).all() as Array<{
      name: string;
    }>
  ).map((r) => r.name);
}

interface MigrationRecord {
  id: string;
  checksum: string;
  finished_at: number | null;
  migration_name: string;
  logs: string | null;
  rolled_back_at: number | null;
  started_at: number;
  applied_steps_count: number;
}

function records(): MigrationRecord[] {
  return db.prepare('SELECT * FROM "_prisma_migrations" ORDER BY migration_name').all() as MigrationRecord[];
}

describe('applyMigrations', () => {
  it('creates every table on an empty file and records the migration as prisma migrate deploy does', () => {
    const { applied } = applyMigrations(db, defaultMigrationsDir());
    expect(applied).toEqual(shipped);
    expect(shipped[0]).toBe('0001_init');
    expect(tables()).toEqual(
      expect.arrayContaining([
        'Project',
        'Issue',
        'IssueLabel',
        'Dependency',
        'AuditEvent',
        '_prisma_migrations',
      ]),
    );
    const row = records().find((r) => r.migration_name === '0001_init');
    const sql = readFileSync(join(defaultMigrationsDir(), '0001_init', 'migration.sql'), 'utf8');
    expect(row).toMatchObject({
      migration_name: '0001_init',
      checksum: createHash('sha256').update(sql).digest('hex'),
      logs: null,
      rolled_back_at: null,
      applied_steps_count: 1,
    });
    expect(row!.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(row!.finished_at).toBeGreaterThanOrEqual(row!.started_at);
  });

  it('creates the _prisma_migrations table with the columns the schema engine uses', () => {
    applyMigrations(db, defaultMigrationsDir());
    const columns = db.prepare(`PRAGMA table_info("_prisma_migrations")`).all() as Array<{
      name: string;
      type: string;
    }>;
    expect(columns.map((c) => [c.name, c.type])).toEqual([
      ['id', 'TEXT'],
      ['checksum', 'TEXT'],
      ['finished_at', 'DATETIME'],
      ['migration_name', 'TEXT'],
      ['logs', 'TEXT'],
      ['rolled_back_at', 'DATETIME'],
      ['started_at', 'DATETIME'],
      ['applied_steps_count', 'INTEGER UNSIGNED'],
    ]);
  });

  it('applies nothing on a second start', () => {
    applyMigrations(db, defaultMigrationsDir());
    expect(applyMigrations(db, defaultMigrationsDir()).applied).toEqual([]);
    expect(records()).toHaveLength(shipped.length);
  });

  it('opens a migrated database on reads alone, while another process holds the write lock', () => {
    applyMigrations(db, defaultMigrationsDir());
    db.pragma('journal_mode = WAL');
    const writer = new BetterSqlite3(join(dir, 'test.db'));
    const reader = new BetterSqlite3(join(dir, 'test.db'), { timeout: 50 });
    try {
      writer.exec('BEGIN IMMEDIATE');
      expect(applyMigrations(reader, defaultMigrationsDir())).toEqual({ applied: [] });
    } finally {
      writer.exec('ROLLBACK');
      writer.close();
      reader.close();
    }
  });

  it('applies only the migrations added since the last start, in name order', () => {
    applyMigrations(db, defaultMigrationsDir());
    const later = migrationsWith({
      '9999_c': 'CREATE TABLE "C" ("id" INTEGER NOT NULL PRIMARY KEY);',
      '9998_b': 'CREATE TABLE "B" ("id" INTEGER NOT NULL PRIMARY KEY);',
    });
    expect(migrationStatus(db, later)).toEqual({
      applied: shipped,
      pending: ['9998_b', '9999_c'],
      unknown: [],
    });
    expect(applyMigrations(db, later).applied).toEqual(['9998_b', '9999_c']);
    expect(migrationStatus(db, later)).toEqual({
      applied: [...shipped, '9998_b', '9999_c'],
      pending: [],
      unknown: [],
    });
  });

  it('rolls a failed migration back entirely and names it and the SQL error', () => {
    applyMigrations(db, defaultMigrationsDir());
    db.prepare(`INSERT INTO "Project" (slug, name, updatedAt) VALUES ('p', 'P', '2020-01-01')`).run();
    const broken = migrationsWith({
      '9999_broken':
        'CREATE TABLE "Half" ("id" INTEGER NOT NULL PRIMARY KEY);\nDELETE FROM "Project";\nCREATE TABLEE "Oops" ("id" INTEGER);',
    });
    const before = tables();
    let error: unknown;
    try {
      applyMigrations(db, broken);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(MigrationError);
    expect((error as MigrationError).migration).toBe('9999_broken');
    expect((error as Error).message).toMatch(/9999_broken.*rolled back.*syntax error/);
    expect(tables()).toEqual(before);
    expect(db.prepare('SELECT count(*) AS n FROM "Project"').get()).toEqual({ n: 1 });
    expect(records().map((r) => r.migration_name)).toEqual(shipped);
    expect(migrationStatus(db, broken).pending).toEqual(['9999_broken']);
  });

  it('refuses a migration that leaves a dangling foreign key', () => {
    applyMigrations(db, defaultMigrationsDir());
    const dangling = migrationsWith({
      '9999_dangling': `INSERT INTO "Issue" ("projectId", "key", "title", "updatedAt") VALUES (42, 'a', 'A', '2020-01-01');`,
    });
    expect(() => applyMigrations(db, dangling)).toThrow(/9999_dangling.*foreign keys/);
    expect(db.prepare('SELECT count(*) AS n FROM "Issue"').get()).toEqual({ n: 0 });
  });

  it('refuses to start when an applied migration was modified', () => {
    const migrations = migrationsWith({ '9999_b': 'CREATE TABLE "B" ("id" INTEGER NOT NULL PRIMARY KEY);' });
    applyMigrations(db, migrations);
    writeFileSync(
      join(migrations, '9999_b', 'migration.sql'),
      'CREATE TABLE "B2" ("id" INTEGER NOT NULL PRIMARY KEY);',
    );
    expect(() => applyMigrations(db, migrations)).toThrow(/9999_b was modified after it was applied/);
    expect(() => migrationStatus(db, migrations)).toThrow(MigrationError);
  });

  it('accepts an applied migration whose file only gained CRLF line endings', () => {
    const migrations = migrationsWith({
      '9999_b': 'CREATE TABLE "B" (\n"id" INTEGER NOT NULL PRIMARY KEY\n);\n',
    });
    applyMigrations(db, migrations);
    writeFileSync(
      join(migrations, '9999_b', 'migration.sql'),
      'CREATE TABLE "B" (\r\n"id" INTEGER NOT NULL PRIMARY KEY\r\n);\r\n',
    );
    expect(applyMigrations(db, migrations).applied).toEqual([]);
  });

  it('refuses to start on a database a newer build migrated, naming each migration it does not know', () => {
    applyMigrations(
      db,
      migrationsWith({
        '9998_newer': 'CREATE TABLE "N1" ("id" INTEGER NOT NULL PRIMARY KEY);',
        '9999_newest': 'CREATE TABLE "N2" ("id" INTEGER NOT NULL PRIMARY KEY);',
      }),
    );
    expect(() => applyMigrations(db, defaultMigrationsDir())).toThrow(
      /^the database was migrated by a newer isoplan: this build does not know migration\(s\) 9998_newer, 9999_newest; run the newer build/,
    );
    // Readiness still reads it: a process running when the newer build migrated says so there.
    expect(migrationStatus(db, defaultMigrationsDir())).toEqual({
      applied: shipped,
      pending: [],
      unknown: ['9998_newer', '9999_newest'],
    });
  });

  it('refuses to start on a migration recorded as failed by the official tool', () => {
    applyMigrations(db, defaultMigrationsDir());
    db.prepare(
      `INSERT INTO "_prisma_migrations" (id, checksum, migration_name, started_at) VALUES ('x', 'y', '9999_failed', 1)`,
    ).run();
    expect(() => applyMigrations(db, defaultMigrationsDir())).toThrow(
      /9999_failed is recorded as started but not finished/,
    );
  });
});
