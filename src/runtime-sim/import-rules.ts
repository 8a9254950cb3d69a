// Importing extension modules into an interpreter: `_PyImport_CheckSubinterpIncompatibleModule`
// (Python/import.c) and `PyModule_FromDefAndSpec2` (Objects/moduleobject.c), the override of the
// check (`_imp._override_multi_interp_extensions_check`), and a module the finder does not find.
// Rule book: "Importing extension modules", table cell by cell; the per-version differences were
// measured (test/fixtures/cpython-observed/imports.json).

import type { InterpreterConfig, RuleFailure } from './interpreter-config.js';
import { hasOwnGil } from './interpreter-config.js';
import type { Placement } from './placement.js';
import type { ExtensionSpec, MultipleInterpretersSlot, PythonVersion } from './scenario.js';

/** An extension module as the import machinery sees it (PEP 489 module def). */
export interface ExtensionDef {
  name: string;
  /** `core`: created by the runtime in every interpreter (`sys`, `builtins`...): always importable. */
  init: 'single-phase' | 'multi-phase' | 'core';
  /** Every `Py_mod_multiple_interpreters` slot the def has (usually zero or one). */
  slots: MultipleInterpretersSlot[];
  /** A built-in module (in the interpreter binary's inittab), not a shared library. */
  builtin?: boolean;
}

/**
 * `_imp._override_multi_interp_extensions_check(override)` (Python/import.c): -1 never check, 1
 * always check, 0 the config decides. importlib.util's `_incompatible_extension_module_restrictions`
 * sets it around a block.
 */
export type ImportCheckOverride = -1 | 0 | 1;

export const OVERRIDE_IN_MAIN: RuleFailure = {
  exception: 'RuntimeError',
  message: '_imp._override_multi_interp_extensions_check() cannot be used in the main interpreter',
  component: 'import',
};

/** importlib's finder found no module of that name in this version (ModuleNotFoundError). */
export function moduleNotFound(name: string): RuleFailure {
  return { exception: 'ModuleNotFoundError', message: `No module named '${name}'`, component: `ext:${name}` };
}

/**
 * The def of a module known by its placement (a claim, or the catalog's default): `shared` is a
 * single-phase module; any other placement a multi-phase one with the per-interpreter-GIL slot.
 */
export function extensionDefOfPlacement(name: string, placement: Placement): ExtensionDef {
  return placement === 'shared'
    ? { name, init: 'single-phase', slots: [] }
    : { name, init: 'multi-phase', slots: ['per-interpreter-gil-supported'] };
}

/** The def of a module the scenario defines in `extensions[]`. */
export function extensionDefOfSpec(spec: ExtensionSpec): ExtensionDef {
  const slots: MultipleInterpretersSlot[] =
    spec.multipleInterpreters === null
      ? []
      : Array.isArray(spec.multipleInterpreters)
        ? spec.multipleInterpreters
        : [spec.multipleInterpreters];
  return { name: spec.name, init: spec.init, slots };
}

/** Where a module's static globals live: a single-phase module's are process-wide. */
export function placementOfSpec(spec: ExtensionSpec): Placement {
  return spec.init === 'single-phase' ? 'shared' : 'per-interpreter';
}

export function importError(name: string): RuleFailure {
  return {
    exception: 'ImportError',
    message: `module ${name} does not support loading in subinterpreters`,
    component: `ext:${name}`,
  };
}

/** What else decides an import: the CPython version's rules and the interpreter's override. */
export interface ImportContext {
  /** 3.12 does not check single-phase *built-in* modules (create_builtin); 3.13 does. Default 3.13. */
  python?: PythonVersion;
  override?: ImportCheckOverride;
}

/** Returns CPython's failure for importing `def` into an interpreter with `config`, or null if it loads. */
export function checkImport(
  def: ExtensionDef,
  config: InterpreterConfig,
  isMain: boolean,
  context: ImportContext = {},
): RuleFailure | null {
  if (def.init === 'core') return null;
  if (def.init === 'multi-phase' && def.slots.length > 1) {
    // Objects/moduleobject.c: checked while creating the module, in every interpreter.
    return {
      exception: 'SystemError',
      message: `module ${def.name} has more than one 'multiple interpreters' slots`,
      component: `ext:${def.name}`,
    };
  }
  // The main interpreter never checks; elsewhere only with check_multi_interp_extensions, unless the
  // interpreter overrides it (check_multi_interp_extensions() in Python/import.c).
  const override = context.override ?? 0;
  const check = override === 0 ? config.checkMultiInterpExtensions : override > 0;
  if (isMain || !check) return null;
  if (def.init === 'single-phase') {
    // 3.12's create_builtin() loads a single-phase built-in module without the check (3.13 checks it):
    // measured with _tracemalloc, ok in a 3.12 isolated subinterpreter, refused in 3.13.
    if (def.builtin && context.python === '3.12') return null;
    return importError(def.name);
  }
  // A multi-phase module without the slot counts as SUPPORTED.
  const slot: MultipleInterpretersSlot = def.slots[0] ?? 'supported';
  switch (slot) {
    case 'not-supported':
      return importError(def.name);
    case 'supported':
      return hasOwnGil(config) ? importError(def.name) : null;
    case 'per-interpreter-gil-supported':
      return null;
  }
}
