import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
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
    // On a loaded machine the two workers may overlap little: more passes, within the time bound.
    let report = await runStress(scenario('shared'), { timeMs: 4000, passes: 100, workers: 2 });
    for (let passes = 200; report.lostUpdates === 0 && passes <= 400; passes *= 2) {
      report = await runStress(scenario('shared'), { timeMs: 4000, passes, workers: 2 });
    }
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

describe('stress mode outside vitest', () => {
  it('starts its workers from a plain `node --import tsx` process', () => {
    const index = new URL('../../src/runtime-sim/index.ts', import.meta.url).href;
    const dir = mkdtempSync(join(tmpdir(), 'isoplan-stress-'));
    const file = join(dir, 'stress-check.mts');
    writeFileSync(
      file,
      `import { runStress, scenarioForCheck } from '${index}';
      const s = scenarioForCheck({ program: [{ op: 'repeat', times: 1000, body: [{ op: 'gc' }] }], layout: { gc: 'atomic' } });
      const r = await runStress(s, { timeMs: 50, passes: 3 });
      console.log(JSON.stringify({ updates: r.updates, lost: r.lostUpdates, workers: r.workers }));`,
    );
    let out: string;
    try {
      out = execFileSync(process.execPath, ['--import', 'tsx', file], {
        cwd: fileURLToPath(new URL('../../', import.meta.url)),
        encoding: 'utf8',
        timeout: 20_000,
      });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    const result = JSON.parse(out.trim().split('\n').at(-1)!);
    expect(result.updates).toBe(3 * 3 * 1000);
    expect(result.lost).toBe(0);
  });
});
