// Check runners for validation: in this thread (tests, small runs), or on the worker pool when a batch
// is large enough to pay for the messages.
import type { CheckJob, CheckRunner } from '../domain/validation/input.js';
import { runJobs } from '../domain/validation/run-check.js';
import { SimWorkerPoolUnavailableError } from './sim-worker-pool.js';

/** Runs every check in the calling thread (synchronously, behind a promise). */
export function createInProcessRunner(): CheckRunner {
  return {
    async run(jobs: readonly CheckJob[]) {
      return runJobs(jobs);
    },
  };
}

/**
 * Batches of fewer than `minJobs` jobs run in this thread (a pool round trip and, the first time, the
 * workers' start-up cost more than a few simulator runs); larger ones go to `pool`, or run here too when
 * the pool is unavailable (closed, or its workers cannot start on this machine).
 */
export function createHybridRunner(pool: CheckRunner, minJobs = 4): CheckRunner {
  const local = createInProcessRunner();
  return {
    run(jobs: readonly CheckJob[]) {
      if (jobs.length < minJobs) return local.run(jobs);
      return pool.run(jobs).catch((error: unknown) => {
        if (error instanceof SimWorkerPoolUnavailableError) return local.run(jobs);
        throw error;
      });
    },
  };
}
