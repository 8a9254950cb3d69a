// CPython's rules for importing extension modules, cell by cell (rule book table).
import { describe, expect, it } from 'vitest';
import {
  checkImport,
  type ExtensionDef,
  ISOLATED_CONFIG,
  LEGACY_CONFIG,
  MAIN_CONFIG,
  resolveConfig,
} from '../../src/runtime-sim/index.js';
import { find, run } from './helpers.js';

describe('importing extension modules', () => {
  type Module = 'single-phase' | 'not-supported' | 'supported' | 'no-slot' | 'per-interpreter-gil-supported';
  const def = (m: Module): ExtensionDef =>
    m === 'single-phase'
      ? { name: 'm', init: 'single-phase', slots: [] }
      : { name: 'm', init: 'multi-phase', slots: m === 'no-slot' ? [] : [m] };
  // Columns: shared GIL check off, shared GIL check on, own GIL check on, own GIL check off.
  const table: [Module, [boolean, boolean, boolean, boolean]][] = [
    ['single-phase', [true, false, false, true]],
    ['not-supported', [true, false, false, true]],
    ['supported', [true, true, false, true]],
    ['no-slot', [true, true, false, true]],
    ['per-interpreter-gil-supported', [true, true, true, true]],
  ];
  const columns = [
    { gil: 'shared', checkMultiInterpExtensions: false },
    { gil: 'shared', checkMultiInterpExtensions: true },
    { gil: 'own', checkMultiInterpExtensions: true },
    { gil: 'own', checkMultiInterpExtensions: false },
  ];
  const cells = table.flatMap(([module, oks]) =>
    columns.flatMap((col, c) =>
      (['isolated', 'legacy'] as const).map((preset) => ({ module, col, preset, ok: oks[c]! })),
    ),
  );

  it.each(cells)(
    '$module with $col.gil GIL, check $col.checkMultiInterpExtensions ($preset preset): ok=$ok',
    ({ module, col, preset, ok }) => {
      const config = { ...resolveConfig({ preset }), ...col };
      const failure = checkImport(def(module), config, false);
      expect(failure === null).toBe(ok);
      if (failure) {
        expect(failure).toEqual({
          exception: 'ImportError',
          message: 'module m does not support loading in subinterpreters',
          component: 'ext:m',
        });
      }
    },
  );

  it('never checks in the main interpreter', () => {
    for (const [module] of table) expect(checkImport(def(module), MAIN_CONFIG, true)).toBeNull();
  });

  it('refuses two multiple-interpreters slots with SystemError in every interpreter, main included', () => {
    const twoSlots: ExtensionDef = { name: 'm', init: 'multi-phase', slots: ['supported', 'supported'] };
    for (const [config, isMain] of [
      [MAIN_CONFIG, true],
      [ISOLATED_CONFIG, false],
      [LEGACY_CONFIG, false],
    ] as const) {
      expect(checkImport(twoSlots, config, isMain)).toEqual({
        exception: 'SystemError',
        message: "module m has more than one 'multiple interpreters' slots",
        component: 'ext:m',
      });
    }
  });

  it('runs the same rules end to end, from the scenario extensions[] definitions', () => {
    const program = [
      { op: 'import', module: 'single' },
      { op: 'import', module: 'nogil' },
      { op: 'import', module: 'pergil' },
      { op: 'import', module: 'twoslots' },
    ];
    const report = run({
      runs: 1,
      extensions: [
        { name: 'single', init: 'single-phase' },
        { name: 'nogil', init: 'multi-phase', multipleInterpreters: 'supported' },
        { name: 'pergil', init: 'multi-phase', multipleInterpreters: 'per-interpreter-gil-supported' },
        { name: 'twoslots', init: 'multi-phase', multipleInterpreters: ['supported', 'not-supported'] },
      ],
      interpreters: [
        { name: 'main', program },
        { name: 'own', program },
        { name: 'legacy', config: { preset: 'legacy' }, program },
        { name: 'sharedchecked', config: { gil: 'shared' }, program },
      ],
    });
    const errors = find(report, 'import-error').map(
      (v) => `${v.interpreters[0]} ${v.component} ${v.exception}`,
    );
    expect(errors.sort()).toEqual(
      [
        'main ext:twoslots SystemError',
        'own ext:single ImportError',
        'own ext:nogil ImportError',
        'own ext:twoslots SystemError',
        'legacy ext:twoslots SystemError',
        'sharedchecked ext:single ImportError',
        'sharedchecked ext:twoslots SystemError',
      ].sort(),
    );
  });

  it('lets a layout claim convert a module: the override beats the scenario definition', () => {
    const scenario = {
      runs: 1,
      extensions: [{ name: '_decimal', init: 'single-phase', globals: ['context'] }],
      interpreters: [
        { name: 'main', program: [{ op: 'import', module: '_decimal' }] },
        { name: 'sub', program: [{ op: 'import', module: '_decimal' }] },
      ],
    };
    expect(find(run(scenario), 'import-error').map((v) => v.message)).toEqual([
      'module _decimal does not support loading in subinterpreters',
    ]);
    expect(
      run({ ...scenario, layout: { 'ext:_decimal': 'per-interpreter', import: 'per-interpreter' } }).ok,
    ).toBe(true);
    expect(
      run({ ...scenario, layout: { 'ext:_decimal': 'multi-phase', import: 'per-interpreter' } }).ok,
    ).toBe(true);
  });
});
