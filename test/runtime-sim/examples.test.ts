// The README-ready example scenarios in examples/scenarios run as-is and give their documented outcome.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseScenario, runScenario, type SimReport } from '../../src/runtime-sim/index.js';

function runExample(file: string): SimReport {
  const json: unknown = JSON.parse(
    readFileSync(new URL(`../../examples/scenarios/${file}`, import.meta.url), 'utf8'),
  );
  const parsed = parseScenario(json);
  if (!parsed.ok) expect.fail(`${file}: ${JSON.stringify(parsed.problems)}`);
  return runScenario(parsed.scenario, { timing: false });
}
const summary = (r: SimReport) => [...new Set(r.violations.map((v) => `${v.kind} ${v.component}`))].sort();

describe('example scenarios', () => {
  it('tuple-churn-shared.json: races and shared objects on the tuple free list, races on obmalloc', () => {
    expect(summary(runExample('tuple-churn-shared.json'))).toEqual([
      'cross-interpreter-object freelist.tuple',
      'data-race freelist.tuple',
      'data-race obmalloc',
    ]);
  });

  it('tuple-churn-isolated.json: clean', () => {
    expect(runExample('tuple-churn-isolated.json').ok).toBe(true);
  });

  it('decimal-single-phase.json: ImportError', () => {
    const r = runExample('decimal-single-phase.json');
    expect(r.violations.map((v) => [v.kind, v.component, v.exception, v.message, v.interpreters])).toEqual([
      [
        'import-error',
        'ext:_decimal',
        'ImportError',
        'module _decimal does not support loading in subinterpreters',
        ['sub'],
      ],
    ]);
  });

  it('decimal-legacy-shared-objects.json: loads, and shares its objects', () => {
    expect(summary(runExample('decimal-legacy-shared-objects.json'))).toEqual([
      'cross-interpreter-object ext:_decimal',
    ]);
  });

  it('singletons-immortal.json: clean', () => {
    expect(runExample('singletons-immortal.json').ok).toBe(true);
  });

  it('raw-handoff.json: refused as cross-interpreter data, then every detector fires on the raw handoff', () => {
    const r = runExample('raw-handoff.json');
    expect(summary(r)).toEqual([
      'cross-allocator-free obmalloc',
      'cross-interpreter-object crossinterp.raw',
      'data-race object.refcnt',
      'forbidden-operation crossinterp.raw',
    ]);
    expect(r.violations.find((v) => v.kind === 'forbidden-operation')?.message).toBe(
      'set() does not support cross-interpreter data',
    );
  });

  it('config-and-forbidden.json: a config error and each refused operation', () => {
    const r = runExample('config-and-forbidden.json');
    const raised = (v: SimReport['violations'][number]) => v.exception ?? `PyStatus ${v.status?.func}`;
    expect(
      r.violations.map((v) => `${v.kind} ${v.interpreters.join(',')} ${raised(v)}: ${v.message}`),
    ).toEqual([
      // Created by the C API (the default): Py_NewInterpreterFromConfig returns a PyStatus.
      'config-error broken PyStatus init_interp_settings: per-interpreter obmalloc does not support single-phase init extension modules',
      'forbidden-operation isolated ValueError: signal only works in main thread of the main interpreter',
      'forbidden-operation isolated RuntimeError: daemon threads are disabled in this (sub)interpreter',
      'forbidden-operation isolated RuntimeError: fork not supported for isolated subinterpreters',
      'forbidden-operation isolated RuntimeError: exec not supported for isolated subinterpreters',
    ]);
  });
});
