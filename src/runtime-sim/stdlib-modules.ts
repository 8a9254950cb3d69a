// The stdlib's extension modules in CPython 3.12 and 3.13, as measured (data/cpython/
// cpython-3.1x-extension-modules.json, from scripts/probe-cpython/extension_defs.py): which modules a
// version has, and the def its import machinery sees for each (single-phase or multi-phase init, the
// `Py_mod_multiple_interpreters` slots; PEP 489, PEP 687). With import-rules.ts these reproduce the
// measured import scans of both versions module for module (test/runtime-sim/stdlib-modules.test.ts).

import { extensionModules312, extensionModules313, type MeasuredExtensionModule } from './cpython-data.js';
import type { ExtensionDef } from './import-rules.js';
import type { RuleFailure } from './interpreter-config.js';
import type { Placement } from './placement.js';
import type { MultipleInterpretersSlot, PythonVersion } from './scenario.js';

export interface StdlibModule {
  def: ExtensionDef;
  /** Where its C state lives: a single-phase module's static globals are process-wide. */
  placement: Placement;
  /** Extension modules whose failed import makes this one fail (3.12's `_zoneinfo` needs `_datetime`). */
  requires: string[];
  /** How it fails then, as CPython reported it. */
  failure: RuleFailure | null;
}

const MEASURED: Record<PythonVersion, Readonly<Record<string, MeasuredExtensionModule>>> = {
  '3.12': extensionModules312,
  '3.13': extensionModules313,
};

/** "Type: message" as the measurements write an exception. */
function parseFailure(name: string, text: string): RuleFailure {
  const colon = text.indexOf(': ');
  return colon < 0
    ? { exception: text, message: '', component: `ext:${name}` }
    : { exception: text.slice(0, colon), message: text.slice(colon + 2), component: `ext:${name}` };
}

function slotsOf(value: MeasuredExtensionModule['multipleInterpreters']): MultipleInterpretersSlot[] {
  if (value === null || value === undefined) return [];
  return (Array.isArray(value) ? value : [value]) as MultipleInterpretersSlot[];
}

const cache = new Map<string, StdlibModule | null>();

/** Module `name` of the stdlib as CPython `python` has it, or null when that version has no such module. */
export function stdlibModule(name: string, python: PythonVersion): StdlibModule | null {
  const key = `${python}\u0000${name}`;
  const hit = cache.get(key);
  if (hit !== undefined) return hit;
  const measured = Object.hasOwn(MEASURED[python], name) ? MEASURED[python][name]! : undefined;
  const module: StdlibModule | null = measured
    ? {
        def: {
          name,
          init: measured.init,
          slots: slotsOf(measured.multipleInterpreters),
          builtin: measured.builtin,
        },
        placement: measured.init === 'single-phase' ? 'shared' : 'per-interpreter',
        requires: measured.requires ?? [],
        failure: measured.failure ? parseFailure(name, measured.failure) : null,
      }
    : null;
  cache.set(key, module);
  return module;
}
