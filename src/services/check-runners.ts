// Check runners for validation: in this thread (tests, small runs), or on the worker pool when a batch
// costs enough to pay for the messages.
import type { CheckJob, CheckRunner } from '../domain/validation/input.js';
import { jobsCost, runJobs } from '../domain/validation/run-check.js';
import { INLINE_COST } from './inline-simulation.js';
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
 * Jobs that cost a few milliseconds of simulation (INLINE_COST, the rule ad hoc runs follow too) run in this
 * thread: a pool round trip and, the first time, the workers' start-up cost more. Costlier ones go to
 * `pool` however few they are (one heavy check ran ~19 s on the event loop when the rule counted jobs: the
 * replica's /healthz took 13.8 s), or run here when the pool is unavailable (closed, or its workers cannot
 * start on this machine).
 */
export function createHybridRunner(pool: CheckRunner, maxLocalCost = INLINE_COST): CheckRunner {
  const local = createInProcessRunner();
  return {
    run(jobs: readonly CheckJob[]) {
      if (jobsCost(jobs) <= maxLocalCost) return local.run(jobs);
      return pool.run(jobs).catch((error: unknown) => {
        if (error instanceof SimWorkerPoolUnavailableError) return local.run(jobs);
        throw error;
      });
    },
  };
}
