import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { getWorkload, runScenario, scenarioForCheck, workloads } from '../../src/runtime-sim/index.js';

describe('determinism', () => {
  it('gives the same report, byte for byte, for the same scenario and seed', () => {
    for (const w of workloads.slice(0, 8)) {
      const scenario = scenarioForCheck({ program: w.program, runs: 4, seed: 42 });
      expect(JSON.stringify(runScenario(scenario, { timing: false }))).toBe(
        JSON.stringify(runScenario(scenario, { timing: false })),
      );
    }
  });

  it('varies only stats.durationMs when timing is on', () => {
    const scenario = scenarioForCheck({ program: getWorkload('tuple-churn')!.program, runs: 3 });
    const a = runScenario(scenario);
    const b = runScenario(scenario);
    expect({ ...a, stats: { ...a.stats, durationMs: 0 } }).toEqual({
      ...b,
      stats: { ...b.stats, durationMs: 0 },
    });
    expect(runScenario(scenario, { timing: false }).stats.durationMs).toBe(0);
  });

  it('is deterministic for any seed (property)', () => {
    const program = [...getWorkload('pending-calls')!.program, ...getWorkload('intern-strings')!.program];
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 0xffffffff }), (seed) => {
        const scenario = scenarioForCheck({ program, runs: 2, seed });
        expect(JSON.stringify(runScenario(scenario, { timing: false }))).toBe(
          JSON.stringify(runScenario(scenario, { timing: false })),
        );
      }),
      { numRuns: 25 },
    );
  });

  it('reports progress after each run', () => {
    const done: string[] = [];
    runScenario(scenarioForCheck({ program: getWorkload('gc')!.program, runs: 3 }), {
      onRun: (d, total) => done.push(`${d}/${total}`),
    });
    expect(done).toEqual(['1/3', '2/3', '3/3']);
  });

  it('explores different interleavings with different seeds', () => {
    const program = getWorkload('tuple-churn')!.program;
    const reports = new Set(
      [1, 2, 3, 4, 5].map((seed) =>
        JSON.stringify(runScenario(scenarioForCheck({ program, runs: 1, seed }), { timing: false })),
      ),
    );
    expect(reports.size).toBeGreaterThan(1);
  });
});
