import { describe, expect, it } from 'vitest';
import {
  createSimAdmission,
  type SimAdmission,
  SimulatorBusyError,
  SimulatorShareExceededError,
  type SimWork,
} from '../../src/services/sim-admission.js';

/** A task that runs until `finish` is called (before or after it starts); `started` tells whether it did. */
function heldTask() {
  let finish: (value?: unknown) => void = () => {};
  const finished = new Promise((resolve) => {
    finish = resolve;
  });
  const held = {
    started: false,
    finish: (value?: unknown) => finish(value),
    task: () => {
      held.started = true;
      return finished;
    },
  };
  return held;
}

const adhoc = (client: string, costMs = 1000): SimWork => ({ lane: 'adhoc', client, costMs });
const validation = (client: string): SimWork => ({ lane: 'validation', client, costMs: 0 });
const tick = () => new Promise((resolve) => setTimeout(resolve, 0));

function refusal(admission: SimAdmission, work: SimWork): Promise<unknown> {
  return admission.run(work, async () => 'ran').catch((error: unknown) => error);
}

describe('simulator admission', () => {
  it('keeps a worker for validations: ad-hoc runs use all workers but one, validations all of them', async () => {
    const admission = createSimAdmission({ workers: 3, adhocQueueMs: 60_000, adhocPerClient: 10 });
    const runs = [heldTask(), heldTask(), heldTask()];
    const promises = runs.map((r, i) => admission.run(adhoc(`c${i}`), r.task));
    expect(runs.map((r) => r.started)).toEqual([true, true, false]);

    const check = heldTask();
    const validated = admission.run(validation('ci'), check.task);
    expect(check.started).toBe(true);

    runs[0]?.finish('first');
    await expect(promises[0]).resolves.toBe('first');
    await tick();
    expect(runs[2]?.started).toBe(true); // the queued run takes the freed ad-hoc place
    for (const r of [...runs, check]) r.finish();
    await Promise.all([...promises, validated]);
  });

  it('runs queued work in arrival order', async () => {
    const admission = createSimAdmission({ workers: 2, adhocQueueMs: 60_000, adhocPerClient: 10 });
    const order: string[] = [];
    const first = heldTask();
    const running = admission.run(adhoc('a'), first.task);
    const queued = ['b', 'c', 'd'].map((client) =>
      admission.run(adhoc(client), async () => {
        order.push(client);
      }),
    );
    first.finish();
    await Promise.all([running, ...queued]);
    expect(order).toEqual(['b', 'c', 'd']);
  });

  it('refuses ad-hoc work past the queued milliseconds at once, with a Retry-After from the work ahead', async () => {
    const admission = createSimAdmission({ workers: 2, adhocQueueMs: 5000, adhocPerClient: 10 });
    const held = [heldTask(), heldTask(), heldTask()];
    const admitted = [
      admission.run(adhoc('a', 4000), held[0]!.task), // runs
      admission.run(adhoc('b', 3000), held[1]!.task), // queued: 3000 ms
      admission.run(adhoc('c', 2000), held[2]!.task), // queued: 5000 ms, the bound
    ];
    const refused = await refusal(admission, adhoc('d', 100));
    expect(refused).toBeInstanceOf(SimulatorBusyError);
    const busy = refused as SimulatorBusyError;
    expect(busy.status).toBe(503);
    expect(busy.detail).toMatch(/queue of ad-hoc runs is full/);
    // 4 s running + 5 s queued on one ad-hoc worker.
    expect(busy.extensions.retryAfterSeconds).toBe(9);
    expect(admission.snapshot().adhoc).toEqual({ running: 1, queued: 2, queuedCostMs: 5000, concurrency: 1 });
    for (const h of held) h.finish();
    await Promise.all(admitted);
  });

  it('queues a lone run whatever its estimate, so that a large run can still be done', async () => {
    const admission = createSimAdmission({ workers: 2, adhocQueueMs: 1000, adhocPerClient: 10 });
    const running = heldTask();
    const first = admission.run(adhoc('a', 50_000), running.task);
    const lone = admission.run(adhoc('b', 50_000), async () => 'done');
    expect(await refusal(admission, adhoc('c', 10))).toBeInstanceOf(SimulatorBusyError);
    running.finish();
    await expect(lone).resolves.toBe('done');
    await first;
  });

  it("refuses a client's work past its share with a 429, and takes it again once one has finished", async () => {
    const admission = createSimAdmission({ workers: 2, adhocQueueMs: 60_000, adhocPerClient: 2 });
    const held = [heldTask(), heldTask()];
    const mine = held.map((h) => admission.run(adhoc('greedy'), h.task));
    const refused = await refusal(admission, adhoc('greedy'));
    expect(refused).toBeInstanceOf(SimulatorShareExceededError);
    expect((refused as SimulatorShareExceededError).status).toBe(429);
    expect((refused as SimulatorShareExceededError).extensions.retryAfterSeconds).toBeGreaterThanOrEqual(1);
    // Another client is not held back by it.
    const other = admission.run(adhoc('other'), async () => 'other ran');
    held[0]?.finish();
    await mine[0];
    const again = admission.run(adhoc('greedy'), async () => 'again');
    held[1]?.finish();
    await expect(again).resolves.toBe('again');
    await Promise.all([mine[1], other]);
  });

  it('bounds the validations waiting, and refuses past the bound with a 503', async () => {
    const admission = createSimAdmission({ workers: 1, validationQueue: 2, validationPerClient: 10 });
    const held = heldTask();
    const running = admission.run(validation('a'), held.task);
    const waiting = [
      admission.run(validation('b'), async () => 1),
      admission.run(validation('c'), async () => 2),
    ];
    const refused = await refusal(admission, validation('d'));
    expect(refused).toBeInstanceOf(SimulatorBusyError);
    expect((refused as SimulatorBusyError).detail).toMatch(/2 validations are waiting/);
    held.finish();
    await expect(Promise.all([running, ...waiting])).resolves.toEqual([undefined, 1, 2]);
  });

  it('drops queued work whose client left, and never starts it', async () => {
    const admission = createSimAdmission({ workers: 2, adhocQueueMs: 60_000, adhocPerClient: 10 });
    const held = heldTask();
    const running = admission.run(adhoc('a'), held.task);
    const left = new AbortController();
    let started = false;
    const dropped = admission.run(
      adhoc('b'),
      async () => {
        started = true;
      },
      left.signal,
    );
    left.abort(new Error('client left'));
    await expect(dropped).rejects.toThrow('client left');
    expect(admission.snapshot().adhoc.queued).toBe(0);
    held.finish();
    await running;
    expect(started).toBe(false);
  });

  it('refuses work that waited longer than the longest wait, without running it', async () => {
    const admission = createSimAdmission({
      workers: 2,
      adhocQueueMs: 60_000,
      adhocPerClient: 10,
      maxWaitMs: 50,
    });
    const held = heldTask();
    const running = admission.run(adhoc('a'), held.task);
    const waited = await refusal(admission, adhoc('b'));
    expect(waited).toBeInstanceOf(SimulatorBusyError);
    expect((waited as SimulatorBusyError).detail).toMatch(/waited 50 ms/);
    held.finish();
    await running;
  });

  it('passes a failing task’s error on and frees its place', async () => {
    const admission = createSimAdmission({ workers: 2, adhocQueueMs: 60_000, adhocPerClient: 1 });
    await expect(
      admission.run(adhoc('a'), async () => {
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    await expect(admission.run(adhoc('a'), async () => 'next')).resolves.toBe('next');
    expect(admission.snapshot().adhoc.running).toBe(0);
  });

  it('estimates the time of a run from the throughput measured on earlier runs', () => {
    const admission = createSimAdmission({ workers: 2, initialUnitsPerMs: 1000 });
    expect(admission.estimateMs(2_000_000)).toBe(2000);
    for (let i = 0; i < 20; i++) admission.observe(1_000_000, 2000); // 500 units/ms measured
    expect(admission.estimateMs(2_000_000)).toBeCloseTo(4000, -1);
  });
});
