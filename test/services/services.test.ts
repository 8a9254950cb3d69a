import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createInProcessRunner } from '../../src/services/check-runners.js';
import { createServices, type Services } from '../../src/services/services.js';
import { SimWorkerPoolUnavailableError } from '../../src/services/sim-worker-pool.js';
import { createTempDatabase, type TempDatabase } from '../store/temp-database.js';

describe('createServices', () => {
  let temp: TempDatabase;
  let services: Services;

  beforeEach(async () => {
    temp = await createTempDatabase();
    services = createServices({ stores: temp.db.stores, checkRunner: createInProcessRunner() });
    await temp.db.stores.projects.create({ slug: 'p', name: 'P' }, { actor: 'test' });
  });
  afterEach(async () => {
    await services.close();
    await temp.cleanup();
  });

  it('builds every service over the same stores', async () => {
    expect((await services.plans.plan('p')).plan.order).toEqual([]);
    const run = await services.ciChecks.run('p', { done: [], sha: 'abcdef1' });
    expect(run.conclusion).toBe('neutral');
    // The CI check validated the project through the same validation service, which stored the run.
    expect(await services.validations.latest('p')).toMatchObject({ id: run.report.basis.before.id });
  });

  it('stops the simulator pool it started when closed', async () => {
    await services.close();
    await expect(services.simPool.run([])).rejects.toBeInstanceOf(SimWorkerPoolUnavailableError);
  });
});
