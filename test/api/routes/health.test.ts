import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../../src/api/app.js';
import { PROBLEM_BASE } from '../../../src/domain/errors.js';
import { createTestApp, type TestApp } from '../test-app.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

describe('probes', () => {
  it('answers /healthz', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/healthz' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ status: 'ok' });
  });

  it('answers /readyz when the database answers and every migration is applied', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/readyz' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ status: 'ready', migrations: { applied: expect.any(Number) } });
    expect(res.json().migrations.applied).toBeGreaterThan(0);
  });

  it('answers 503 problem+json when migrations are pending', async () => {
    const pending = {
      stores: t.stores,
      ping: () => t.database.ping(),
      migrationStatus: async () => ({ applied: [], pending: ['0002_next'] }),
    };
    const app = await buildApp({ apiToken: undefined }, { database: pending });
    const res = await app.inject({ method: 'GET', url: '/readyz' });
    await app.close();
    expect(res.statusCode).toBe(503);
    expect(res.json()).toMatchObject({ type: `${PROBLEM_BASE}not-ready` });
    expect(res.json().detail).toContain('0002_next');
  });

  it('answers 503 when the database does not answer', async () => {
    const down = {
      stores: t.stores,
      migrationStatus: () => t.database.migrationStatus(),
      ping: async () => {
        throw new Error('SQLITE_CANTOPEN');
      },
    };
    const app = await buildApp({ apiToken: undefined }, { database: down });
    const res = await app.inject({ method: 'GET', url: '/readyz' });
    await app.close();
    expect(res.statusCode).toBe(503);
    expect(res.body).not.toContain('SQLITE_CANTOPEN');
  });
});
