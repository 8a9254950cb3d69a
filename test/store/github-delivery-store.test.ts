import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCommitFeed } from '../../src/store/commit-feed.js';
import { createGithubDeliveryStore, DELIVERY_RETENTION_DAYS } from '../../src/store/github-delivery-store.js';
import { createSerializer } from '../../src/store/serializer.js';
import { createTempDatabase, type TempDatabase } from './temp-database.js';

let temp: TempDatabase;

beforeAll(async () => {
  temp = await createTempDatabase();
});
afterAll(async () => temp.cleanup());

describe('GithubDeliveryStore', () => {
  it('takes a delivery id once, and again after it was forgotten', async () => {
    const { githubDeliveries } = temp.db.stores;
    const id = '72d3162e-cc78-11e3-81ab-4c9367dc0958';
    expect(await githubDeliveries.record(id, 'issues')).toBe(true);
    expect(await githubDeliveries.record(id, 'issues')).toBe(false);
    await githubDeliveries.forget(id);
    expect(await githubDeliveries.record(id, 'issues')).toBe(true);
  });

  it(`forgets ids older than ${DELIVERY_RETENTION_DAYS} days as new ones arrive`, async () => {
    let now = new Date('2026-01-01T00:00:00Z');
    const store = createGithubDeliveryStore(
      { prisma: temp.db.prisma, serial: createSerializer(), commits: createCommitFeed() },
      () => now,
    );
    expect(await store.record('old', 'issues')).toBe(true);
    now = new Date(now.getTime() + (DELIVERY_RETENTION_DAYS + 1) * 24 * 3600 * 1000);
    expect(await store.record('new', 'issues')).toBe(true);
    expect(await store.record('old', 'issues')).toBe(true);
  });
});
