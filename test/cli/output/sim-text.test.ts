import { describe, expect, it } from 'vitest';
import { formatSimReportText, formatStressReportText } from '../../../src/cli/output/sim-text.js';
import { createStyle, visible } from '../../../src/cli/output/style.js';
import {
  parseScenario,
  runScenario,
  type SimReport,
  type StressReport,
  type Violation,
} from '../../../src/runtime-sim/index.js';

const stats = { runs: 5, steps: 120, objects: 7, durationMs: 1.5 };

describe('formatSimReportText', () => {
  it('says OK and prints the stats for a clean report', () => {
    expect(formatSimReportText({ ok: true, violations: [], stats })).toBe(
      'OK: no isolation violation found\n\nStats: 5 runs, 120 steps, 7 objects, 1.5 ms\n',
    );
  });

  it('groups violations by kind with component, interpreters, steps, exception and message', () => {
    const report: SimReport = {
      ok: false,
      stats,
      violations: [
        {
          kind: 'data-race',
          component: 'gc',
          interpreters: ['main', 'sub'],
          steps: [
            { interpreter: 'main', index: 1, op: 'gc' },
            { interpreter: 'sub', index: 1, op: 'gc' },
          ],
          message: 'gc: gc in sub and gc in main access the state of gc with no common lock',
          count: 5,
        },
        {
          kind: 'import-error',
          component: 'ext:_decimal',
          interpreters: ['sub'],
          steps: [{ interpreter: 'sub', index: 0, op: 'import(_decimal)' }],
          message: 'module _decimal does not support loading in subinterpreters',
          exception: 'ImportError',
          count: 5,
        },
      ],
    };
    expect(formatSimReportText(report)).toBe(
      [
        'FAIL: 2 violations in 2 kinds',
        '',
        'Data races (no common lock, no happens-before order) [data-race]: 1',
        '  - gc  (main, sub; seen in 5/5 runs)',
        '      gc: gc in sub and gc in main access the state of gc with no common lock',
        '      at main #1 gc',
        '      at sub #1 gc',
        '',
        'Extension modules CPython refuses to import [import-error]: 1',
        '  - ext:_decimal  (sub; seen in 5/5 runs)',
        '      ImportError: module _decimal does not support loading in subinterpreters',
        '      at sub #0 import(_decimal)',
        '',
        'Stats: 5 runs, 120 steps, 7 objects, 1.5 ms',
        '',
      ].join('\n'),
    );
  });

  it("shows CPython's exception chain, and the C API's PyStatus, of a refused config", () => {
    const violation = (extra: Partial<Violation>): Violation => ({
      kind: 'config-error',
      component: 'obmalloc',
      interpreters: ['sub'],
      steps: [{ interpreter: 'sub', index: -1, op: 'Py_NewInterpreterFromConfig' }],
      message: 'sub-interpreter creation failed',
      count: 1,
      ...extra,
    });
    const lines = (v: Violation) =>
      formatSimReportText({ ok: false, stats, violations: [v] })
        .split('\n')
        .filter((l) => l.startsWith('      ') && !l.includes(' at '));
    expect(
      lines(
        violation({
          exception: 'RuntimeError',
          cause: { exception: 'ValueError', message: 'init_interp_settings: per-interpreter obmalloc ...' },
        }),
      ),
    ).toEqual([
      '      RuntimeError: sub-interpreter creation failed',
      '      during ValueError: init_interp_settings: per-interpreter obmalloc ...',
    ]);
    expect(
      lines(
        violation({
          message: 'per-interpreter obmalloc ...',
          status: { func: 'init_interp_settings', message: 'per-interpreter obmalloc ...' },
        }),
      ),
    ).toEqual(['      PyStatus from init_interp_settings(): per-interpreter obmalloc ...']);
  });

  it('cuts long lists with a count of the rest', () => {
    const many: SimReport = {
      ok: false,
      stats,
      violations: Array.from({ length: 4 }, (_, i) => ({
        kind: 'data-race' as const,
        component: `gc${i}`,
        interpreters: ['a', 'b'],
        steps: [],
        message: 'm',
        count: 1,
      })),
    };
    const text = formatSimReportText(many, { maxPerKind: 2 });
    expect(text).toContain('  ... and 2 more');
    expect(text).not.toContain('gc2');
  });

  it('renders a real report', () => {
    const parsed = parseScenario({
      runs: 2,
      interpreters: [
        { name: 'main', program: [] },
        { name: 'sub', config: { checkMultiInterpExtensions: false }, program: [] },
      ],
    });
    if (!parsed.ok) expect.fail('invalid');
    const text = formatSimReportText(runScenario(parsed.scenario, { timing: false }));
    expect(text).toContain('[config-error]: 1');
    // Created by the C API (the default), which returns a PyStatus rather than raising.
    expect(text).toContain(
      'PyStatus from init_interp_settings(): per-interpreter obmalloc does not support single-phase init extension modules',
    );
    expect(text).toContain('at sub (creation) Py_NewInterpreterFromConfig');
  });
});

describe('formatStressReportText', () => {
  it('shows lost updates per component in aligned columns, then the throughput', () => {
    const text = formatStressReportText({
      ok: false,
      workers: 2,
      interpreters: 2,
      elapsedMs: 300,
      passes: { main: 10, sub: 9 },
      updates: 1000,
      lostUpdates: 250,
      updatesPerSecond: 3_333_333,
      components: [
        { component: 'gc', placement: 'shared', updates: 900, observed: 650, lost: 250 },
        { component: 'singleton.None', placement: 'immortal', updates: 0, observed: 0, lost: 0 },
        { component: 'warnings', placement: 'atomic', updates: 100, observed: 100, lost: 0 },
      ],
    });
    expect(text).toBe(
      [
        'FAIL: 250 of 1000 updates lost (25.0%)',
        '',
        'component       placement  updates  lost',
        'gc              shared         900   250',
        'singleton.None  immortal         0     0',
        'warnings        atomic         100     0',
        '',
        'Stress: 2 interpreters on 2 workers, 300 ms, 3.3 M updates/s; passes: main 10, sub 9',
        '',
      ].join('\n'),
    );
  });

  it('keeps the columns aligned however long a component name is', () => {
    const long = 'global:Modules/_cursesmodule.c:initialised_setupterm';
    const text = formatStressReportText({
      ok: true,
      workers: 1,
      interpreters: 2,
      elapsedMs: 10,
      passes: { main: 1 },
      updates: 10,
      lostUpdates: 0,
      updatesPerSecond: 1000,
      components: [
        { component: long, placement: 'locked', updates: 10, observed: 10, lost: 0 },
        { component: 'gc', placement: 'per-interpreter', updates: 0, observed: 0, lost: 0 },
      ],
    });
    const [header, first, second] = text.split('\n').slice(2, 5) as [string, string, string];
    expect(first.startsWith(long)).toBe(true);
    const placementAt = [
      header.indexOf('placement'),
      first.indexOf('locked'),
      second.indexOf('per-interpreter'),
    ];
    expect(new Set(placementAt)).toEqual(new Set([long.length + 2]));
  });

  it('colours the verdict and the lost counts on a terminal, and nothing else changes', () => {
    const report: StressReport = {
      ok: false,
      workers: 1,
      interpreters: 2,
      elapsedMs: 10,
      passes: { main: 1 },
      updates: 10,
      lostUpdates: 3,
      updatesPerSecond: 1000,
      components: [{ component: 'gc', placement: 'shared', updates: 10, observed: 7, lost: 3 }],
    };
    const coloured = formatStressReportText(report, { style: createStyle({ colour: true, symbols: true }) });
    expect(coloured).toContain('\x1b[31mFAIL: 3 of 10 updates lost');
    expect(visible(coloured)).toBe(formatStressReportText(report));
  });

  it('says OK when nothing was lost', () => {
    const text = formatStressReportText({
      ok: true,
      workers: 1,
      interpreters: 1,
      elapsedMs: 10,
      passes: { main: 1 },
      updates: 5,
      lostUpdates: 0,
      updatesPerSecond: 500,
      components: [],
    });
    expect(text.split('\n')[0]).toBe('OK: no update lost (5 updates)');
  });
});
