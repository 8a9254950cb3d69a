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

  const single = [{ name: 'single', init: 'single-phase' }];
  const importing = (config: Record<string, unknown>, program: unknown[], python = '3.13') =>
    run({
      runs: 1,
      python,
      extensions: single,
      interpreters: [
        { name: 'main', program: [] },
        { name: 'sub', config, program },
      ],
    }).violations.map((v) => `${v.kind} #${v.steps[0]!.index} ${v.exception}: ${v.message}`);

  it('lets a subinterpreter override its check: never, always, or back to its config', () => {
    const imp = { op: 'import', module: 'single' };
    const override = (check: string) => ({ op: 'override_import_check', check });
    expect(importing({ preset: 'isolated' }, [override('never'), imp])).toEqual([]);
    expect(importing({ preset: 'legacy' }, [override('always'), imp])).toEqual([
      'import-error #1 ImportError: module single does not support loading in subinterpreters',
    ]);
    expect(importing({ preset: 'isolated' }, [override('never'), override('config'), imp])).toEqual([
      'import-error #2 ImportError: module single does not support loading in subinterpreters',
    ]);
    expect(importing({ preset: 'isolated' }, [{ ...imp, restrictions: 'disable-check' }])).toEqual([]);
  });

  it('refuses the override in the main interpreter, with either spelling', () => {
    const report = run({
      runs: 1,
      extensions: single,
      interpreters: [
        {
          name: 'main',
          program: [
            { op: 'override_import_check', check: 'never' },
            { op: 'import', module: 'single', restrictions: 'disable-check' },
          ],
        },
      ],
    });
    expect(find(report, 'forbidden-operation').map((v) => v.message)).toEqual([
      '_imp._override_multi_interp_extensions_check() cannot be used in the main interpreter',
      '_imp._override_multi_interp_extensions_check() cannot be used in the main interpreter',
    ]);
  });

  it('loads a single-phase built-in module unchecked in 3.12 only (create_builtin)', () => {
    const builtin: ExtensionDef = { name: '_tracemalloc', init: 'single-phase', slots: [], builtin: true };
    expect(checkImport(builtin, ISOLATED_CONFIG, false, { python: '3.12' })).toBeNull();
    expect(checkImport(builtin, ISOLATED_CONFIG, false, { python: '3.13' })?.exception).toBe('ImportError');
  });
});
