import { describe, expect, it } from 'vitest';
import { type Placement, runStress, scenarioForCheck } from '../../src/runtime-sim/index.js';

// Two interpreters with their own GILs, each making 100 x 100,000 read-modify-writes of gc's counter:
// a loop count, not luck, makes plain increments collide on two cores.
const scenario = (gc: Placement, sub: Record<string, unknown> = {}) =>
  scenarioForCheck({
    program: [{ op: 'repeat', times: 100_000, body: [{ op: 'gc' }] }],
    layout: { gc },
    setting: { interpreters: [{ name: 'main' }, { name: 'sub', config: sub }] },
  });

describe('stress mode', () => {
  it('loses reference-count updates with plain increments on two workers', async () => {
    const report = await runStress(scenario('shared'), { timeMs: 4000, passes: 100, workers: 2 });
    expect(report.workers).toBe(2);
    expect(report.lostUpdates).toBeGreaterThan(0);
    expect(report.ok).toBe(false);
    expect(report.components).toEqual([expect.objectContaining({ component: 'gc', placement: 'shared' })]);
  });

  it('loses exactly none with atomics', async () => {
    const report = await runStress(scenario('atomic'), { timeMs: 4000, passes: 100, workers: 2 });
    expect(report.updates).toBe(2 * 100 * 100_000);
    expect(report.lostUpdates).toBe(0);
    expect(report.ok).toBe(true);
  });

  it('loses none under a lock, per interpreter, or when both interpreters share one GIL', async () => {
    for (const [placement, sub] of [
      ['locked', {}],
      ['per-interpreter', {}],
      ['shared', { preset: 'legacy' }],
    ] as const) {
      const report = await runStress(scenario(placement, sub), { timeMs: 2000, passes: 5, workers: 2 });
      expect(report.lostUpdates, placement).toBe(0);
      expect(report.updates, placement).toBe(2 * 5 * 100_000);
    }
  });

  it('writes nothing for immortal objects', async () => {
    const report = await runStress(
      scenarioForCheck({
        program: [{ op: 'repeat', times: 1000, body: [{ op: 'singleton', name: 'None' }] }],
        layout: { 'singleton.None': 'immortal' },
      }),
      { timeMs: 50 },
    );
    expect(report.updates).toBe(0);
    expect(report.lostUpdates).toBe(0);
  });
});
