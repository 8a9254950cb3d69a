import { afterEach, describe, expect, it } from 'vitest';
import { defaultMigrationsDir, openDatabase } from '../../src/store/database.js';
import { readMigrations } from '../../src/store/migrate.js';
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
