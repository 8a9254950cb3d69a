// Rows stored before a migration, as the service reads them after it: on the store under test, a database
// migrated as a build before 0008_run_requester and 0009_github_delivery_claim left it, holding rows of
// that build, then opened (and migrated) by this one.
import { cpSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Database, defaultMigrationsDir, openDatabase } from '../../src/store/database.js';
import { readMigrations } from '../../src/store/migrate.js';
import { createEmptyDatabase, testStore } from './temp-database.js';

/** The first migration this build has that the older build had not. */
const FIRST_NEW = '0008_run_requester';
const OLD_DELIVERY = 'a1f0c2d4-delivered-before-0009';

let empty: Awaited<ReturnType<typeof createEmptyDatabase>>;
let db: Database;
let oldRun: string;

beforeAll(async () => {
  empty = await createEmptyDatabase();
  // The older build's migrations: every one before FIRST_NEW.
  const older = join(empty.dir, 'older-migrations');
  mkdirSync(older);
  for (const { name } of readMigrations(defaultMigrationsDir(testStore()))) {
    if (name < FIRST_NEW)
      cpSync(join(defaultMigrationsDir(testStore()), name), join(older, name), { recursive: true });
  }
  const before = await openDatabase({ url: empty.url, migrationsDir: older });
  try {
    await before.stores.projects.create(
      { slug: 'kept', name: 'Kept' },
      { actor: 'alice', onBehalfOf: null, tokenId: null },
    );
    const { id } = await before.prisma.project.findUniqueOrThrow({
      where: { slug: 'kept' },
      select: { id: true },
    });
    // Written as the older build wrote them: no requester columns, no handledAt.
    await before.prisma
      .$executeRaw`INSERT INTO "CheckRun" ("projectId", "sha", "done", "conclusion", "result", "createdAt") VALUES (${id}, ${'0123456789abcdef0123456789abcdef01234567'}, ${'[]'}, ${'success'}, ${'{}'}, ${new Date()})`;
    await before.prisma
      .$executeRaw`INSERT INTO "GithubDelivery" ("id", "event", "receivedAt") VALUES (${OLD_DELIVERY}, ${'issues'}, ${new Date()})`;
    const [run] = await before.prisma.$queryRaw<Array<{ id: number }>>`SELECT "id" FROM "CheckRun"`;
    oldRun = String(run!.id);
  } finally {
    await before.close();
  }
  db = await openDatabase({ url: empty.url });
}, 60_000);

afterAll(async () => {
  await db?.close();
  await empty?.drop();
});

describe('rows stored before 0008_run_requester and 0009_github_delivery_claim', () => {
  it('a delivery recorded before 0009 is handled: its redelivery is repeated, never handled again', async () => {
    const { githubDeliveries } = db.stores;
    expect(await githubDeliveries.handled(OLD_DELIVERY)).toBe(true);
    expect(await githubDeliveries.taken(OLD_DELIVERY, 0)).toBe(true);
    expect(await githubDeliveries.claim(OLD_DELIVERY, 'issues', 0)).toBeNull();
  });

  it('a check run stored before 0008 names no requester (null), and reads as before', async () => {
    const run = await db.stores.ciCheckRuns.get('kept', oldRun);
    expect(run.requestedBy).toBeNull();
    expect(run.conclusion).toBe('success');
  });
});
