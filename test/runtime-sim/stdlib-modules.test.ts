// The stdlib's extension modules per CPython version: the measured definitions, with CPython's import
// rules, give the measured import outcome of every module in an isolated subinterpreter, in both versions.
import { describe, expect, it } from 'vitest';
import { getCatalog, type SimReport } from '../../src/runtime-sim/index.js';
import { find, run } from './helpers.js';

/** `import module` in an isolated subinterpreter under `python`, as "ok" or "Type: message". */
function importInIsolated(module: string, python?: string, interpreter = 'sub'): string {
  const report: SimReport = run({
    runs: 1,
    ...(python ? { python } : {}),
    interpreters: [
      { name: 'main', program: interpreter === 'main' ? [{ op: 'import', module }] : [] },
      { name: 'sub', program: interpreter === 'sub' ? [{ op: 'import', module }] : [] },
    ],
  });
  const failure = find(report, 'import-error')[0];
  return failure ? `${failure.exception}: ${failure.message}` : 'ok';
}

const modules = getCatalog().components.filter((c) => c.kind === 'extension-module');

describe('stdlib extension modules per CPython version', () => {
  it.each([
    ['3.12', 'importStatus312'],
    ['3.13', 'importStatus313'],
  ] as const)(
    'import as %s measured it, module by module, in an isolated subinterpreter',
    (python, field) => {
      const measured = modules.filter((c) => c[field] !== undefined);
      expect(measured.length).toBeGreaterThan(100);
      for (const c of measured) {
        expect(importInIsolated(c.id.slice('ext:'.length), python), c.id).toBe(c[field]);
      }
    },
  );

  it('are a ModuleNotFoundError in every interpreter of a version that lacks them', () => {
    expect(importInIsolated('audioop', '3.13', 'main')).toBe(
      "ModuleNotFoundError: No module named 'audioop'",
    );
    expect(importInIsolated('audioop', '3.12', 'main')).toBe('ok');
    expect(importInIsolated('_interpreters', '3.12', 'main')).toBe(
      "ModuleNotFoundError: No module named '_interpreters'",
    );
  });

  it('fail as CPython does when a module they need cannot load (3.12: _zoneinfo needs _datetime)', () => {
    expect(importInIsolated('_zoneinfo', '3.12')).toBe(
      "AttributeError: module 'datetime' has no attribute 'datetime_CAPI'",
    );
    expect(importInIsolated('_zoneinfo', '3.13')).toBe('ok');
  });

  it('are single-phase in the planning baseline (no version) unless a claim converts them', () => {
    expect(importInIsolated('math')).toBe(
      'ImportError: module math does not support loading in subinterpreters',
    );
    expect(importInIsolated('math', '3.12')).toBe('ok');
  });
});
