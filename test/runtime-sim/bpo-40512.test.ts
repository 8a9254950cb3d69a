// Each TODO of bpo-40512 ("one GIL per interpreter") as a scenario: the item left shared breaks
// isolation under per-interpreter GILs; the fix CPython made (or proposed) makes it clean.
import { describe, expect, it } from 'vitest';
import {
  getWorkload,
  type Placement,
  runScenario,
  type SimReport,
  scenarioForCheck,
} from '../../src/runtime-sim/index.js';

function check(workload: string, layout: Record<string, Placement> = {}): SimReport {
  return runScenario(scenarioForCheck({ program: getWorkload(workload)!.program, layout, runs: 5 }), {
    timing: false,
  });
}
const about = (r: SimReport, component: string) =>
  [...new Set(r.violations.filter((v) => v.component === component).map((v) => v.kind))].sort();

describe('bpo-40512 TODO list', () => {
  it('moves signals pending from _PyRuntimeState.ceval to PyInterpreterState.ceval', () => {
    expect(about(check('signals'), 'ceval.signals_pending')).toEqual(['data-race']);
    expect(check('signals', { 'ceval.signals_pending': 'per-interpreter' }).ok).toBe(true);
  });

  it('moves gil_drop_request to PyInterpreterState.ceval', () => {
    expect(about(check('gil-drop-request'), 'ceval.gil_drop_request')).toEqual(['data-race']);
    expect(check('gil-drop-request', { 'ceval.gil_drop_request': 'per-interpreter' }).ok).toBe(true);
  });

  it('adds a lock to pymalloc, or gives each interpreter its own', () => {
    expect(about(check('allocator'), 'obmalloc')).toEqual(['data-race']);
    expect(check('allocator', { obmalloc: 'locked' }).ok).toBe(true);
    expect(check('allocator', { obmalloc: 'per-interpreter' }).ok).toBe(true);
  });

  it.each(['tuple', 'list', 'dict', 'float', 'frame'])('makes the %s free list per interpreter', (type) => {
    const component = `freelist.${type}`;
    const shared = check(`${type}-churn`, { obmalloc: 'per-interpreter' });
    expect(about(shared, component)).toEqual(['cross-interpreter-object', 'data-race']);
    expect(check(`${type}-churn`, { [component]: 'per-interpreter', obmalloc: 'per-interpreter' }).ok).toBe(
      true,
    );
  });

  it('makes the interned strings per interpreter', () => {
    expect(about(check('intern-strings'), 'unicode.interned')).toEqual([
      'cross-interpreter-object',
      'data-race',
    ]);
    expect(check('intern-strings', { 'unicode.interned': 'per-interpreter' }).ok).toBe(true);
    // Immortal is not immutable: immortal strings in a shared dict still race on the dict.
    expect(about(check('intern-strings', { 'unicode.interned': 'immortal' }), 'unicode.interned')).toEqual([
      'data-race',
    ]);
  });

  it('makes the latin-1 one-character strings per interpreter (CPython 3.12: static and immortal)', () => {
    expect(about(check('latin1-chars'), 'unicode.latin1')).toEqual(['cross-interpreter-object', 'data-race']);
    expect(check('latin1-chars', { 'unicode.latin1': 'per-interpreter' }).ok).toBe(true);
    expect(check('latin1-chars', { 'unicode.latin1': 'immortal' }).ok).toBe(true);
  });

  it('makes None, True, False... per interpreter (bpo-39511) or immortal (bpo-40255)', () => {
    const names = [
      'None',
      'True',
      'False',
      'Ellipsis',
      'NotImplemented',
      'empty_tuple',
      'empty_bytes',
      'empty_str',
    ];
    const all = (p: Placement) => Object.fromEntries(names.map((n) => [`singleton.${n}`, p]));
    const shared = check('singletons');
    for (const n of names)
      expect(about(shared, `singleton.${n}`)).toEqual(['cross-interpreter-object', 'data-race']);
    expect(check('singletons', all('per-interpreter')).ok).toBe(true);
    expect(check('singletons', all('immortal')).ok).toBe(true);
    // The interim idea, atomic reference counts: no race, but the objects are still shared.
    expect(about(check('singletons', all('atomic')), 'singleton.None')).toEqual(['cross-interpreter-object']);
  });

  it('converts extension modules to multi-phase init with module state', () => {
    expect(about(check('import-extension:_decimal', { import: 'per-interpreter' }), 'ext:_decimal')).toEqual([
      'import-error',
    ]);
    expect(
      check('import-extension:_decimal', { import: 'per-interpreter', 'ext:_decimal': 'per-interpreter' }).ok,
    ).toBe(true);
  });

  it('shows why single-phase modules are refused: under a legacy config they load and share their objects', () => {
    const scenario = scenarioForCheck({
      program: getWorkload('import-extension:_decimal')!.program,
      layout: { import: 'per-interpreter' },
      setting: { interpreters: [{ name: 'main' }, { name: 'legacy', config: { preset: 'legacy' } }] },
      runs: 3,
    });
    const shared = runScenario(scenario);
    expect(about(shared, 'ext:_decimal')).toEqual(['cross-interpreter-object']);
    // Own GIL with the check off: it loads, and the static globals race too.
    const own = runScenario({
      ...scenario,
      interpreters: scenario.interpreters.map((i, k) =>
        k === 0 ? i : { ...i, config: { preset: 'legacy', gil: 'own' } },
      ),
    });
    expect(about(own, 'ext:_decimal')).toEqual(['cross-interpreter-object', 'data-race']);
  });

  it('moved GC state, warnings state and pending calls into the interpreter during 3.9', () => {
    expect(about(check('gc'), 'gc')).toEqual(['data-race']);
    expect(about(check('warnings'), 'warnings')).toEqual(['data-race']);
    // Pending calls had a lock in 3.8; the bug was running another interpreter's calls.
    expect(about(check('pending-calls'), 'ceval.pending_calls')).toEqual(['cross-interpreter-object']);
    expect(check('gc', { gc: 'per-interpreter' }).ok).toBe(true);
    expect(check('warnings', { warnings: 'per-interpreter' }).ok).toBe(true);
    expect(check('pending-calls', { 'ceval.pending_calls': 'per-interpreter' }).ok).toBe(true);
  });
});
