// CPython's interpreter-config rules and the operations a config forbids, cell by cell (rule book tables).
import { describe, expect, it } from 'vitest';
import {
  checkConfig,
  checkOperation,
  ISOLATED_CONFIG,
  interpreterStates,
  LEGACY_CONFIG,
  MAIN_CONFIG,
  resolveConfig,
} from '../../src/runtime-sim/index.js';
import { run, valid } from './helpers.js';

describe('interpreter configs', () => {
  it.each([
    ['useMainObmalloc', false, true, true],
    ['allowFork', false, true, true],
    ['allowExec', false, true, true],
    ['allowThreads', true, true, true],
    ['allowDaemonThreads', false, true, true],
    ['checkMultiInterpExtensions', true, false, false],
    ['gil', 'own', 'shared', 'own'],
  ] as const)('%s is %s isolated, %s legacy, %s in the main interpreter', (field, isolated, legacy, main) => {
    expect(ISOLATED_CONFIG[field]).toBe(isolated);
    expect(LEGACY_CONFIG[field]).toBe(legacy);
    expect(MAIN_CONFIG[field]).toBe(main);
  });

  it('starts from the isolated preset and lets given fields override it', () => {
    expect(resolveConfig(undefined)).toEqual(ISOLATED_CONFIG);
    expect(resolveConfig({ preset: 'legacy', gil: 'own' })).toEqual({ ...LEGACY_CONFIG, gil: 'own' });
    expect(resolveConfig({ preset: 'isolated', allowFork: true })).toEqual({
      ...ISOLATED_CONFIG,
      allowFork: true,
    });
  });

  it('refuses use_main_obmalloc=0 without check_multi_interp_extensions=1, as a PyStatus', () => {
    expect(checkConfig({ ...ISOLATED_CONFIG, checkMultiInterpExtensions: false })).toEqual({
      status: {
        func: 'init_interp_settings',
        message: 'per-interpreter obmalloc does not support single-phase init extension modules',
      },
      component: 'obmalloc',
    });
  });

  it("refuses a gil value other than default, shared or own with CPython's message", () => {
    expect(checkConfig({ ...ISOLATED_CONFIG, gil: 'mine' })?.status.message).toBe(
      "invalid interpreter config 'gil' value",
    );
    for (const gil of ['default', 'shared', 'own'])
      expect(checkConfig({ ...ISOLATED_CONFIG, gil })).toBeNull();
  });

  it('reports the obmalloc rule before a bad gil value, in init_interp_settings order', () => {
    expect(
      checkConfig({ ...ISOLATED_CONFIG, gil: 'mine', checkMultiInterpExtensions: false })?.status.message,
    ).toBe('per-interpreter obmalloc does not support single-phase init extension modules');
  });

  it('creates the documented-but-not-enforced combinations fine', () => {
    expect(checkConfig({ ...ISOLATED_CONFIG, useMainObmalloc: true })).toBeNull(); // own GIL + main obmalloc
    expect(checkConfig({ ...ISOLATED_CONFIG, gil: 'shared' })).toBeNull(); // shared GIL + own obmalloc
    expect(checkConfig({ ...ISOLATED_CONFIG, allowThreads: false, allowDaemonThreads: true })).toBeNull();
  });

  it('gives each interpreter the main GIL or its own, and the main obmalloc or its own', () => {
    const states = interpreterStates(
      valid({
        layout: { obmalloc: 'per-interpreter' },
        interpreters: [
          { name: 'main', program: [] },
          { name: 'isolated', program: [] },
          { name: 'legacy', config: { preset: 'legacy' }, program: [] },
          { name: 'default', config: { gil: 'default', useMainObmalloc: true }, program: [] },
        ],
      }),
    );
    expect(states.map((s) => [s.name, s.gil, s.allocator, s.created])).toEqual([
      ['main', 0, 0, true],
      ['isolated', 1, 1, true],
      ['legacy', 0, 0, true],
      ['default', 0, 0, true],
    ]);
  });

  it('reports a config error as a violation and does not run that interpreter', () => {
    const report = run({
      runs: 3,
      interpreters: [
        { name: 'main', program: [] },
        { name: 'bad', config: { checkMultiInterpExtensions: false }, program: [{ op: 'fork' }] },
      ],
    });
    expect(report.violations).toEqual([
      {
        kind: 'config-error',
        component: 'obmalloc',
        interpreters: ['bad'],
        steps: [{ interpreter: 'bad', index: -1, op: 'Py_NewInterpreterFromConfig' }],
        message: 'per-interpreter obmalloc does not support single-phase init extension modules',
        status: {
          func: 'init_interp_settings',
          message: 'per-interpreter obmalloc does not support single-phase init extension modules',
        },
        count: 3,
      },
    ]);
  });
});

describe('operations a config forbids', () => {
  const cases: [Parameters<typeof checkOperation>[0], Partial<typeof ISOLATED_CONFIG>, string | null][] = [
    ['thread', { allowThreads: false }, 'RuntimeError: thread is not supported for isolated subinterpreters'],
    ['thread', { allowThreads: true }, null],
    [
      'daemon_thread',
      { allowDaemonThreads: false },
      'RuntimeError: daemon threads are disabled in this (sub)interpreter',
    ],
    ['daemon_thread', { allowDaemonThreads: true, allowThreads: true }, null],
    [
      'daemon_thread',
      { allowDaemonThreads: true, allowThreads: false },
      'RuntimeError: thread is not supported for isolated subinterpreters',
    ],
    ['fork', { allowFork: false }, 'RuntimeError: fork not supported for isolated subinterpreters'],
    ['fork', { allowFork: true }, null],
    ['exec', { allowExec: false }, 'RuntimeError: exec not supported for isolated subinterpreters'],
    ['exec', { allowExec: true }, null],
    ['subprocess', { allowFork: false, allowExec: false }, null],
    ['signal_handler', {}, 'ValueError: signal only works in main thread of the main interpreter'],
  ];
  it.each(cases)('%s with %j in a subinterpreter: %s', (op, fields, expected) => {
    const failure = checkOperation(op, { ...ISOLATED_CONFIG, ...fields }, false);
    expect(failure ? `${failure.exception}: ${failure.message}` : null).toBe(expected);
  });

  it('allows everything in the main interpreter', () => {
    for (const op of ['thread', 'daemon_thread', 'fork', 'exec', 'subprocess', 'signal_handler'] as const) {
      expect(checkOperation(op, MAIN_CONFIG, true)).toBeNull();
    }
  });

  it('reports forbidden operations of a program as violations with the step', () => {
    const report = run({
      runs: 2,
      interpreters: [
        { name: 'main', program: [{ op: 'fork' }, { op: 'signal_handler' }] },
        { name: 'sub', program: [{ op: 'fork' }, { op: 'subprocess' }, { op: 'daemon_thread' }] },
      ],
    });
    expect(
      report.violations.map((v) => [v.kind, v.exception, v.message, v.steps[0]?.index, v.count]),
    ).toEqual([
      ['forbidden-operation', 'RuntimeError', 'fork not supported for isolated subinterpreters', 0, 2],
      ['forbidden-operation', 'RuntimeError', 'daemon threads are disabled in this (sub)interpreter', 2, 2],
    ]);
  });
});
