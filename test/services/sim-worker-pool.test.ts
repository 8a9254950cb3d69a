import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ProjectDocument } from '../../src/domain/model.js';
import { type CheckJob, runJobs, validateProject } from '../../src/domain/validation/index.js';
import { DEFAULT_SETTING } from '../../src/runtime-sim/index.js';
import { createHybridRunner, createInProcessRunner } from '../../src/services/check-runners.js';
import {
  createSimWorkerPool,
  type SimWorkerPool,
  SimWorkerPoolUnavailableError,
} from '../../src/services/sim-worker-pool.js';
import { DEMO_FILE } from '../../src/store/demo.js';

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

  it('sends small batches to this thread and large ones to the pool', async () => {
    const seen: number[] = [];
    const counting = {
      run: async (jobs: readonly CheckJob[]) => {
        seen.push(jobs.length);
        return runJobs(jobs);
      },
    };
    const hybrid = createHybridRunner(counting, 3);
    await hybrid.run([job('gc'), job('gc')]);
    await hybrid.run([job('gc'), job('gc'), job('gc')]);
    expect(seen).toEqual([3]);
  });

  it('runs in this thread when the pool is unavailable', async () => {
    const closed = createSimWorkerPool({ size: 1 });
    await closed.close();
    const jobs = [job('gc'), job('warnings')];
    expect(await createHybridRunner(closed, 1).run(jobs)).toEqual(runJobs(jobs));
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
