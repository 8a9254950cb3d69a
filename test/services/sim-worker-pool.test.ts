import { readFileSync } from 'node:fs';
import type { Worker } from 'node:worker_threads';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { runForecastJob } from '../../src/domain/forecast/compute-forecast.js';
import type { ForecastJob } from '../../src/domain/forecast/types.js';
import type { ProjectDocument } from '../../src/domain/model.js';
import { type CheckJob, runJobs, validateProject } from '../../src/domain/validation/index.js';
import { jobsCost } from '../../src/domain/validation/run-check.js';
import { DEFAULT_SETTING, runScenario, type Scenario } from '../../src/runtime-sim/index.js';
import { createHybridRunner, createInProcessRunner } from '../../src/services/check-runners.js';
import { INLINE_COST } from '../../src/services/inline-simulation.js';
import {
  createSimWorkerPool,
  SimulatorCrashedError,
  type SimWorkerPool,
  SimWorkerPoolUnavailableError,
  spawnSimWorker,
} from '../../src/services/sim-worker-pool.js';
import { DEMO_FILE } from '../../src/store/demo.js';
import { issue, project } from '../domain/forecast/reference-scheduler.js';
import { churnDocument, valid } from '../runtime-sim/helpers.js';
import { until } from '../until.js';

const demo = JSON.parse(readFileSync(DEMO_FILE, 'utf8')) as ProjectDocument;
const input = { issues: demo.issues, edges: demo.dependencies, goal: demo.project.goal };
const job = (workload: string, layout: Record<string, string> = {}): CheckJob => ({
  layout,
  setting: DEFAULT_SETTING,
  checks: [{ name: workload, program: [{ op: 'workload', name: workload }] }],
});

describe('simulator worker pool', () => {
  let pool: SimWorkerPool;
  beforeAll(async () => {
    pool = createSimWorkerPool({ size: 2 });
    await pool.warm();
  });
  afterAll(async () => {
    await pool.close();
  });

  it('gives the demo the same validation as the in-process runner', async () => {
    const [onWorkers, inProcess] = [
      await validateProject(input, pool),
      await validateProject(input, createInProcessRunner()),
    ];
    expect(onWorkers).toEqual(inProcess);
  });

  it('answers each job in order, as the simulator does in this thread', async () => {
    const jobs = [job('gc'), job('gc', { gc: 'per-interpreter' }), job('allocator'), job('warnings')];
    expect(await pool.run(jobs)).toEqual(runJobs(jobs));
  });

  it('splits a job of many checks across messages and answers it whole, in order', async () => {
    const big: CheckJob = {
      ...job('gc'),
      checks: ['gc', 'warnings', 'allocator', 'signals', 'gil-drop-request', 'small-ints'].map((w) => ({
        name: w,
        program: [{ op: 'workload', name: w }],
      })),
    };
    const empty: CheckJob = { ...job('gc'), checks: [] };
    expect(await pool.run([big, empty])).toEqual(runJobs([big, empty]));
  });

  it('rejects a batch whose job fails in a worker, and keeps serving', async () => {
    const bad: CheckJob = job('gc', { gc: 'sideways' }); // not a placement: the simulator throws
    await expect(pool.run([job('gc'), bad])).rejects.toThrow(/simulator worker failed/);
    expect(await pool.run([job('gc')])).toEqual(runJobs([job('gc')]));
  });

  it('runs checks of a few milliseconds in this thread and costlier ones on the pool, however few', async () => {
    const seen: number[] = [];
    const counting = {
      run: async (jobs: readonly CheckJob[]) => {
        seen.push(jobs.length);
        return runJobs(jobs);
      },
    };
    const cheap = [job('gc'), job('gc'), job('gc'), job('gc'), job('gc')];
    const heavy: CheckJob = {
      ...job('gc'),
      checks: [
        { name: 'heavy', program: [{ op: 'repeat', times: 2000, body: [{ op: 'workload', name: 'gc' }] }] },
      ],
    };
    expect(jobsCost(cheap)).toBeLessThanOrEqual(INLINE_COST);
    expect(jobsCost([heavy])).toBeGreaterThan(INLINE_COST);
    const hybrid = createHybridRunner(counting);
    expect(await hybrid.run(cheap)).toEqual(runJobs(cheap));
    expect(await hybrid.run([heavy])).toEqual(runJobs([heavy]));
    expect(seen).toEqual([1]);
  });

  it('runs in this thread when the pool is unavailable', async () => {
    const closed = createSimWorkerPool({ size: 1 });
    await closed.close();
    const jobs = [job('gc'), job('warnings')];
    expect(await createHybridRunner(closed, 0).run(jobs)).toEqual(runJobs(jobs));
  });

  it('tells its queue depth and how long each message took on its worker', async () => {
    const done: Array<[string, number]> = [];
    const single = createSimWorkerPool({
      size: 1,
      onTaskDone: (kind, seconds) => done.push([kind, seconds]),
    });
    try {
      await single.warm();
      const answered = single.run([job('gc'), job('warnings'), job('allocator')]);
      expect(single.queued).toBe(2); // one on the worker, two waiting
      await answered;
      expect(single.queued).toBe(0);
      expect(done.map(([kind]) => kind)).toEqual(['checks', 'checks', 'checks']);
      for (const [, seconds] of done) expect(seconds).toBeGreaterThan(0);
    } finally {
      await single.close();
    }
  });

  it('refuses work once closed', async () => {
    const closing = createSimWorkerPool({ size: 1 });
    await closing.close();
    await expect(closing.run([job('gc')])).rejects.toBeInstanceOf(SimWorkerPoolUnavailableError);
  });
});

/** A scenario of `times` allocations and frees in each of two interpreters: long enough to be caught running. */
function churn(times: number): Scenario {
  return valid(churnDocument(times));
}

/** A forecast of `issues` ranged issues over `trials` trials: millions of issue-trials are caught running. */
function rangedForecast(issues: number, trials: number): ForecastJob {
  const list = Array.from({ length: issues }, (_, at) =>
    issue(`i${at}`, 2, { estimateLowDays: 1, estimateHighDays: 5 }),
  );
  return { input: project(list, [], 3), options: { trials, seed: 3 } };
}

const withoutDuration = (report: { stats: object }) => ({
  ...report,
  stats: { ...report.stats, durationMs: 0 },
});

describe('simulator worker pool under faults and load', () => {
  let pool: SimWorkerPool | undefined;
  afterEach(async () => {
    await pool?.close();
    pool = undefined;
  });

  /** A one-worker pool whose workers the test can reach (to kill them), in the order they were started. */
  async function reachablePool(): Promise<{ pool: SimWorkerPool; workers: Worker[] }> {
    const workers: Worker[] = [];
    pool = createSimWorkerPool({
      size: 1,
      spawn: () => {
        const worker = spawnSimWorker();
        workers.push(worker);
        return worker;
      },
    });
    await pool.warm();
    return { pool, workers };
  }

  it('replaces a worker that dies in the middle of a job, and runs the job again on the new one', async () => {
    const { pool, workers } = await reachablePool();
    const scenario = churn(300_000);
    const report = pool.runScenario(scenario);
    await until(() => pool.stats().busy === 1);
    await workers[0]?.terminate();

    expect(withoutDuration(await report)).toEqual(withoutDuration(runScenario(churn(300_000))));
    expect(workers).toHaveLength(2);
    expect(pool.stats()).toMatchObject({ workers: 1, crashes: 1 });
    // Room for a loaded machine: each replacement worker loads the simulator again.
  }, 90_000);

  it('fails a job that kills its worker twice with a simulator-crashed problem, and keeps serving', async () => {
    const { pool, workers } = await reachablePool();
    const report = pool.runScenario(churn(300_000));
    await until(() => pool.stats().busy === 1);
    await workers[0]?.terminate();
    await pool.warm(); // the replacement has loaded and taken the job again
    await until(() => pool.stats().busy === 1);
    await workers[1]?.terminate();

    const error = await report.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SimulatorCrashedError);
    expect((error as SimulatorCrashedError).status).toBe(503);
    expect((error as SimulatorCrashedError).detail).toMatch(/died twice/);
    expect(await pool.run([job('gc')])).toEqual(runJobs([job('gc')]));
    expect(pool.stats()).toMatchObject({ workers: 1, crashes: 2 });
    // Room for a loaded machine: each replacement worker loads the simulator again.
  }, 90_000);

  it('runs a forecast again on a new worker when its worker dies in the middle of it', async () => {
    const { pool, workers } = await reachablePool();
    const forecastJob = rangedForecast(500, 20_000);
    const forecast = pool.runForecast(forecastJob);
    await until(() => pool.stats().busy === 1);
    await workers[0]?.terminate();

    expect(JSON.stringify(await forecast)).toBe(JSON.stringify(runForecastJob(forecastJob)));
    expect(workers).toHaveLength(2);
    expect(pool.stats()).toMatchObject({ workers: 1, crashes: 1 });
  }, 90_000);

  it("serves validation's checks, then forecasts, before ad-hoc scenarios that were queued earlier", async () => {
    const { pool } = await reachablePool();
    const finished: string[] = [];
    const running = pool.runScenario(churn(200_000)).then(() => finished.push('running scenario'));
    await until(() => pool.stats().busy === 1);
    const waitingScenario = pool.runScenario(churn(1_000)).then(() => finished.push('queued scenario'));
    const forecast = pool.runForecast(rangedForecast(3, 200)).then(() => finished.push('forecast'));
    const checks = pool.run([job('gc')]).then(() => finished.push('checks'));
    expect(pool.stats().queued).toEqual({ validation: 1, forecast: 1, adhoc: 1 });
    await Promise.all([running, waitingScenario, forecast, checks]);
    expect(finished).toEqual(['running scenario', 'checks', 'forecast', 'queued scenario']);
  });
});
