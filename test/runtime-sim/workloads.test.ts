import { describe, expect, it } from 'vitest';
import {
  DEFAULT_SETTING,
  getComponent,
  getWorkload,
  parseScenario,
  placements312,
  runScenario,
  scenarioForCheck,
  workloads,
} from '../../src/runtime-sim/index.js';

const REQUIRED = [
  'tuple-churn',
  'list-churn',
  'dict-churn',
  'float-churn',
  'frame-churn',
  'intern-strings',
  'latin1-chars',
  'singletons',
  'small-ints',
  'signals',
  'gil-drop-request',
  'pending-calls',
  'gc',
  'warnings',
  'import-state',
  'allocator',
  'import-extension',
  'import-extension:_decimal',
];

describe('workloads', () => {
  it('include every workload the issue names, each exercising catalog components', () => {
    const names = workloads.map((w) => w.name);
    for (const name of REQUIRED) expect(names).toContain(name);
    for (const w of workloads)
      for (const id of w.components) expect(getComponent(id), `${w.name}: ${id}`).toBeDefined();
  });

  it('builds a valid scenario for every workload in the default setting: main plus two isolated subinterpreters', () => {
    expect(DEFAULT_SETTING.interpreters.map((i) => i.name)).toEqual(['main', 'sub1', 'sub2']);
    for (const w of workloads) {
      const parsed = parseScenario(scenarioForCheck({ program: w.program }));
      expect(parsed.ok, w.name).toBe(true);
    }
  });

  describe.each(workloads.map((w) => [w.name, w] as const))('%s', (_name, w) => {
    it("shows violations, only on its components, with CPython 3.8's placements under own GILs", () => {
      const report = runScenario(scenarioForCheck({ program: w.program, runs: 5 }));
      expect(report.ok).toBe(false);
      for (const v of report.violations) expect(w.components).toContain(v.component);
    });

    it("is clean once its components have CPython 3.12's placements", () => {
      const report = runScenario(
        scenarioForCheck({ program: w.program, runs: 5, layout: placements312(w.components) }),
      );
      expect(report.violations).toEqual([]);
    });
  });

  it('lets a single claim remove exactly the violations of its component', () => {
    const program = getWorkload('tuple-churn')!.program;
    const before = runScenario(scenarioForCheck({ program, runs: 5 }));
    const after = runScenario(
      scenarioForCheck({ program, runs: 5, layout: { 'freelist.tuple': 'per-interpreter' } }),
    );
    expect(before.violations.some((v) => v.component === 'freelist.tuple')).toBe(true);
    expect(after.violations.some((v) => v.component === 'freelist.tuple')).toBe(false);
    expect(after.violations.some((v) => v.component === 'obmalloc')).toBe(true);
  });

  it('builds import-extension and touch workloads for any catalog module or component', () => {
    expect(getWorkload('import-extension:readline')?.components).toEqual(['ext:readline', 'import']);
    expect(getWorkload('import-extension:no_such_module')).toBeUndefined();
    const touch = getWorkload('touch:global:Objects/object.c:_Py_NoneStruct')!;
    const scenario = (layout = {}) => scenarioForCheck({ program: touch.program, runs: 3, layout });
    expect(runScenario(scenario()).ok).toBe(false);
    expect(runScenario(scenario(placements312(touch.components))).ok).toBe(true);
  });
});
