import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DELIVERY_RETENTION_DAYS } from '../../src/store/github-delivery-store.js';
import { createTempDatabase, type TempDatabase } from './temp-database.js';

let temp: TempDatabase;

beforeAll(async () => {
  temp = await createTempDatabase();
});
afterAll(async () => temp.cleanup());

describe('GithubDeliveryStore', () => {
  it('records a delivery id once, and knows it handled', async () => {
    const { githubDeliveries } = temp.db.stores;
    const id = '72d3162e-cc78-11e3-81ab-4c9367dc0958';
    expect(await githubDeliveries.handled(id)).toBe(false);
    expect(await githubDeliveries.record(id, 'issues')).toBe(true);
    expect(await githubDeliveries.record(id, 'issues')).toBe(false);
    expect(await githubDeliveries.handled(id)).toBe(true);
  });

  it(`forgets ids older than ${DELIVERY_RETENTION_DAYS} days as new ones arrive`, async () => {
    const { githubDeliveries } = temp.db.stores;
    expect(await githubDeliveries.record('old', 'issues')).toBe(true);
    const longAgo = new Date(Date.now() - (DELIVERY_RETENTION_DAYS + 1) * 24 * 3600 * 1000);
    await temp.db.prisma.githubDelivery.update({ where: { id: 'old' }, data: { receivedAt: longAgo } });
    expect(await githubDeliveries.record('new', 'issues')).toBe(true);
    expect(await githubDeliveries.record('old', 'issues')).toBe(true);
  });
});
