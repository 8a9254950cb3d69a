import { existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { databasePath, defaultMigrationsDir, openDatabase } from '../../src/store/database.js';
import { readMigrations } from '../../src/store/migrate.js';
import { createTempDatabase, makeTempDir, type TempDatabase } from './temp-database.js';

const shipped = readMigrations(defaultMigrationsDir()).map((m) => m.name);

let temp: TempDatabase | undefined;
afterEach(async () => {
  await temp?.cleanup();
  temp = undefined;
});

async function pragma(t: TempDatabase, name: string): Promise<unknown> {
  const rows = await t.db.prisma.$queryRawUnsafe<Array<Record<string, unknown>>>(`PRAGMA ${name}`);
  const value = Object.values(rows[0]!)[0];
  return typeof value === 'bigint' ? Number(value) : value;
}

describe('openDatabase', () => {
  it('creates the missing directory of the file, applies the migrations and reports them', async () => {
    const dir = await makeTempDir();
    const url = `file:${join(dir, 'nested', 'deeper', 'isoplan.db')}`;
    const db = await openDatabase({ url });
    try {
      expect(existsSync(join(dir, 'nested', 'deeper', 'isoplan.db'))).toBe(true);
      expect(await db.migrationStatus()).toEqual({ applied: shipped, pending: [] });
      await expect(db.ping()).resolves.toBeUndefined();
    } finally {
      await db.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("sets WAL, synchronous=FULL, foreign keys and a busy timeout on Prisma's own connection", async () => {
    temp = await createTempDatabase();
    expect(await pragma(temp, 'journal_mode')).toBe('wal');
    expect(await pragma(temp, 'synchronous')).toBe(2); // FULL
    expect(await pragma(temp, 'foreign_keys')).toBe(1);
    expect(await pragma(temp, 'busy_timeout')).toBe(5000);
  });

  it('reports pending migrations when opened without migrating', async () => {
    const dir = await makeTempDir();
    const db = await openDatabase({ url: `file:${join(dir, 'x.db')}`, migrate: false });
    try {
      expect(await db.migrationStatus()).toEqual({ applied: [], pending: shipped });
    } finally {
      await db.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('keeps the data and applies nothing when opened again (a restart)', async () => {
    temp = await createTempDatabase();
    await temp.db.stores.projects.create({ slug: 'p', name: 'P' }, { actor: 't' });
    await temp.db.close();
    const again = await openDatabase({ url: temp.url });
    try {
      expect(await again.migrationStatus()).toEqual({ applied: shipped, pending: [] });
      expect((await again.stores.projects.get('p')).name).toBe('P');
    } finally {
      await again.close();
    }
  });

  it('resolves a relative file URL against the working directory', () => {
    expect(databasePath('file:./data/isoplan.db')).toBe(join(process.cwd(), 'data', 'isoplan.db'));
    expect(databasePath('file:/tmp/x.db')).toBe('/tmp/x.db');
    expect(() => databasePath('file::memory:')).toThrow(/must name a file/);
  });
});
