import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InvalidInputError } from '../../src/domain/errors.js';
import { runForecastJob } from '../../src/domain/forecast/compute-forecast.js';
import type { Forecast, ForecastJob } from '../../src/domain/forecast/types.js';
import { createHybridForecastRunner } from '../../src/services/forecast-runners.js';
import { createSimWorkerPool, type SimWorkerPool } from '../../src/services/sim-worker-pool.js';
import { issue, project } from '../domain/forecast/reference-scheduler.js';

const ranged: ForecastJob = {
  input: project(
    [
      issue('a', 3, { estimateLowDays: 2, estimateHighDays: 8 }),
      issue('b', 2, { estimateLowDays: 1, estimateHighDays: 4, assignee: 'ana' }),
      issue('c', 1),
    ],
    [['c', 'a']],
    [
      { name: 'ana', capacity: 1 },
      { name: 'bo', capacity: 0.5 },
    ],
  ),
  options: { trials: 2000, seed: 5 },
};

describe('forecast runners', () => {
  let pool: SimWorkerPool;
  beforeAll(async () => {
    pool = createSimWorkerPool({ size: 1 });
    await pool.warm();
  });
  afterAll(async () => {
    await pool.close();
  });

  it('gives a forecast on a worker byte for byte the one computed in this thread', async () => {
    const onWorker = await pool.runForecast(ranged);
    expect(JSON.stringify(onWorker)).toBe(JSON.stringify(runForecastJob(ranged)));
  });

  it('answers a what-if on a worker as in this thread', async () => {
    const whatIf: ForecastJob = { ...ranged, whatIf: { done: ['a'], team: 3 } };
    expect(JSON.stringify(await pool.runForecast(whatIf))).toBe(JSON.stringify(runForecastJob(whatIf)));
  });

  it('refuses on a worker what the domain refuses, with the same problem and its paths', async () => {
    const unknown: ForecastJob = { ...ranged, options: { target: 'nope' } };
    const refused = await pool.runForecast(unknown).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(InvalidInputError);
    expect((refused as InvalidInputError).errors).toEqual([
      { path: 'target', message: "unknown issue 'nope'" },
    ]);
    expect(() => runForecastJob(unknown)).toThrow((refused as InvalidInputError).detail);
  });

  it('runs small forecasts in this thread and large ones on the pool', async () => {
    const sent: ForecastJob[] = [];
    const counting = {
      runForecast: async (job: ForecastJob): Promise<Forecast> => {
        sent.push(job);
        return runForecastJob(job);
      },
    };
    // 3 issues: 3 x 2000 trials = 6000 issue-trials.
    const hybrid = createHybridForecastRunner(counting, 6001);
    await hybrid.run(ranged);
    expect(sent).toEqual([]);
    const large = { ...ranged, options: { ...ranged.options, trials: 2001 } };
    await hybrid.run(large);
    expect(sent).toEqual([large]);
  });

  it('runs in this thread when the pool is unavailable', async () => {
    const closed = createSimWorkerPool({ size: 1 });
    await closed.close();
    expect(await createHybridForecastRunner(closed, 1).run(ranged)).toEqual(runForecastJob(ranged));
  });
});
