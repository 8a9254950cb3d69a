// Where a forecast's computation runs. The Monte Carlo of a large project takes about a second of CPU
// (src/domain/forecast: trials × open issues, bounded by MAX_ISSUE_TRIALS): on the event loop it would
// stall every other request, so a job of more than `minWork` issue-trials runs on the worker pool
// (sim-worker-pool.ts); a small one (a few milliseconds) runs here, where a message would cost more than
// it saves. The same pure function either way (runForecastJob): same answer, same problems.
import { forecastJobWork, runForecastJob } from '../domain/forecast/compute-forecast.js';
import type { Forecast, ForecastJob } from '../domain/forecast/types.js';
import { type SimWorkerPool, SimWorkerPoolUnavailableError } from './sim-worker-pool.js';

export interface ForecastRunner {
  run(job: ForecastJob): Promise<Forecast>;
}

/** Runs each forecast on the calling thread (the CLI's local commands, tests). */
export function createInProcessForecastRunner(): ForecastRunner {
  return {
    run: async (job) => runForecastJob(job),
  };
}

/**
 * Issue-trials below which a forecast runs in process: 200,000 is about 10 ms here (the benchmark's
 * levelled trials run about 20 million issue-trials a second).
 */
export const MIN_POOL_WORK = 200_000;

/** Large forecasts on the pool, small ones here; here too when the pool cannot take work. */
export function createHybridForecastRunner(
  pool: Pick<SimWorkerPool, 'runForecast'>,
  minWork = MIN_POOL_WORK,
): ForecastRunner {
  const local = createInProcessForecastRunner();
  return {
    run(job) {
      if (forecastJobWork(job) < minWork) return local.run(job);
      return pool.runForecast(job).catch((error: unknown) => {
        if (error instanceof SimWorkerPoolUnavailableError) return local.run(job);
        throw error;
      });
    },
  };
}
