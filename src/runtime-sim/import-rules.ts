// Importing extension modules into an interpreter: `_PyImport_CheckSubinterpIncompatibleModule`
// (Python/import.c) and `PyModule_FromDefAndSpec2` (Objects/moduleobject.c). Rule book: "Importing
// extension modules", table cell by cell.

import type { InterpreterConfig, RuleFailure } from './interpreter-config.js';
import { hasOwnGil } from './interpreter-config.js';
import type { Placement } from './placement.js';
import type { ExtensionSpec, MultipleInterpretersSlot } from './scenario.js';

/** An extension module as the import machinery sees it (PEP 489 module def). */
export interface ExtensionDef {
  name: string;
  init: 'single-phase' | 'multi-phase';
  /** Every `Py_mod_multiple_interpreters` slot the def has (usually zero or one). */
  slots: MultipleInterpretersSlot[];
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

/** Returns CPython's failure for importing `def` into an interpreter with `config`, or null if it loads. */
export function checkImport(
  def: ExtensionDef,
  config: InterpreterConfig,
  isMain: boolean,
): RuleFailure | null {
  if (def.init === 'multi-phase' && def.slots.length > 1) {
    // Objects/moduleobject.c: checked while creating the module, in every interpreter.
    return {
      exception: 'SystemError',
      message: `module ${def.name} has more than one 'multiple interpreters' slots`,
      component: `ext:${def.name}`,
    };
  }
  // The main interpreter never checks; elsewhere only with check_multi_interp_extensions.
  if (isMain || !config.checkMultiInterpExtensions) return null;
  if (def.init === 'single-phase') return importError(def.name);
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
