import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DELIVERY_RETENTION_DAYS } from '../../src/store/github-delivery-store.js';
import { createTempDatabase, type TempDatabase } from './temp-database.js';

let temp: TempDatabase;

beforeAll(async () => {
  temp = await createTempDatabase();
});
afterAll(async () => temp.cleanup());

describe('GithubDeliveryStore', () => {
  it('lets one caller claim a delivery id, and none once it is handled', async () => {
    const { githubDeliveries } = temp.db.stores;
    const id = '72d3162e-cc78-11e3-81ab-4c9367dc0958';
    expect(await githubDeliveries.handled(id)).toBe(false);
    // Exactly one true (arrayContaining would let two through: it ignores how often a value occurs).
    const claims = await Promise.all([1, 2, 3].map(() => githubDeliveries.claim(id, 'issues')));
    expect(claims.map((claim) => claim !== null).sort()).toEqual([false, false, true]);
    expect(await githubDeliveries.handled(id)).toBe(false);
    await githubDeliveries.record(id, 'issues');
    expect(await githubDeliveries.handled(id)).toBe(true);
    expect(await githubDeliveries.claim(id, 'issues', 0)).toBeNull();
  });

  it('gives a released claim (its handling failed) to the next caller at once', async () => {
    const { githubDeliveries } = temp.db.stores;
    const claim = await githubDeliveries.claim('failed', 'issues');
    expect(claim).not.toBeNull();
    await githubDeliveries.release(claim!);
    expect(await githubDeliveries.claim('failed', 'issues')).not.toBeNull();
  });

  it('gives a claim never handled (its replica crashed) to another caller once it is stale', async () => {
    const { githubDeliveries } = temp.db.stores;
    expect(await githubDeliveries.claim('crashed', 'issues')).not.toBeNull();
    expect(await githubDeliveries.taken('crashed', 60_000)).toBe(true);
    expect(await githubDeliveries.claim('crashed', 'issues', 60_000)).toBeNull();
    const earlier = new Date(Date.now() - 61_000);
    await temp.db.prisma.githubDelivery.update({ where: { id: 'crashed' }, data: { receivedAt: earlier } });
    expect(await githubDeliveries.taken('crashed', 60_000)).toBe(false);
    expect(await githubDeliveries.claim('crashed', 'issues', 60_000)).not.toBeNull();
    expect(await githubDeliveries.claim('crashed', 'issues', 60_000)).toBeNull();
  });

  it('leaves a claim taken over once stale to its new holder when the old holder gives up', async () => {
    const { githubDeliveries } = temp.db.stores;
    const slow = await githubDeliveries.claim('slow', 'issues');
    const earlier = new Date(Date.now() - 61_000);
    await temp.db.prisma.githubDelivery.update({ where: { id: 'slow' }, data: { receivedAt: earlier } });
    const takenOver = await githubDeliveries.claim('slow', 'issues', 60_000);
    expect(takenOver).not.toBeNull();
    await githubDeliveries.release(slow!); // the first holder's handling failed after all
    expect(await githubDeliveries.taken('slow', 60_000)).toBe(true);
    expect(await githubDeliveries.claim('slow', 'issues', 60_000)).toBeNull();
    await githubDeliveries.release(takenOver!);
    expect(await githubDeliveries.claim('slow', 'issues', 60_000)).not.toBeNull();
  });

  it(`forgets ids older than ${DELIVERY_RETENTION_DAYS} days as new ones arrive`, async () => {
    const { githubDeliveries } = temp.db.stores;
    await githubDeliveries.record('old', 'issues');
    const longAgo = new Date(Date.now() - (DELIVERY_RETENTION_DAYS + 1) * 24 * 3600 * 1000);
    await temp.db.prisma.githubDelivery.update({ where: { id: 'old' }, data: { receivedAt: longAgo } });
    expect(await githubDeliveries.claim('new', 'issues')).not.toBeNull();
    expect(await githubDeliveries.handled('old')).toBe(false);
    expect(await githubDeliveries.claim('old', 'issues')).not.toBeNull();
  });
});
