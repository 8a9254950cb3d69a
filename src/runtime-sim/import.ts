// Importing and calling extension modules (Python/import.c): the import state (`sys.modules`, the
// module locks, the override of the check), CPython's check of a module against the interpreter
// (import-rules.ts) and the version's modules (stdlib-modules.ts), single-phase
// init that runs once per process and shares its static globals (later imports copy `m_copy`), and
// multi-phase modules (PEP 489) whose state lives in each interpreter's module object.

import { assertNever } from './assert-never.js';
import type { Detectors } from './detectors.js';
import { checkImport, type ImportCheckOverride, moduleNotFound, OVERRIDE_IN_MAIN } from './import-rules.js';
import type { RuleFailure } from './interpreter-config.js';
import type { ExtensionModule, Layout } from './layout.js';
import { CACHED, type ObjectHeap, typeId } from './object-heap.js';
import type { Interpreters } from './pystate.js';
import type { PythonVersion } from './scenario.js';

const OBJECT = typeId('object');

export class ImportState {
  /** By module * n + interpreter: 1 once the module is in that interpreter's sys.modules. */
  private readonly imported: Uint8Array;
  /** By module: the interpreter whose import ran single-phase init, or -1. */
  private readonly moduleInitBy: Int32Array;
  /** By (static-global location - component count) * n: the object it holds, or -1. */
  private readonly moduleGlobalObj: Int32Array;
  /** By interpreter: its override of the import check (-1 never, 1 always, 0 its config). */
  private readonly override: Int8Array;

  constructor(
    private readonly layout: Layout,
    private readonly interps: Interpreters,
    private readonly heap: ObjectHeap,
    private readonly det: Detectors,
    private readonly python: PythonVersion,
  ) {
    this.override = new Int8Array(interps.n);
    const n = interps.n;
    const modules = layout.modules;
    this.imported = new Uint8Array(Math.max(1, modules.length) * n);
    this.moduleInitBy = new Int32Array(Math.max(1, modules.length));
    const totalGlobals = modules.reduce((s, mod) => s + mod.globals.length, 0);
    this.moduleGlobalObj = new Int32Array(Math.max(1, totalGlobals) * n);
  }

  startRun(): void {
    this.override.fill(0);
    this.imported.fill(0);
    this.moduleInitBy.fill(-1);
    this.moduleGlobalObj.fill(-1);
  }

  /**
   * `import` of module `mi` by interpreter `i`; `restrictions` overrides the check for this import only
   * (importlib.util's `_incompatible_extension_module_restrictions`: -1 disable, 1 enable, 0 none).
   */
  importModule(mi: number, i: number, op: number, restrictions: ImportCheckOverride = 0): void {
    const { layout, interps, heap } = this;
    const mod = layout.modules[mi]!;
    const n = interps.n;
    const importComp = layout.c.import;
    if (restrictions !== 0 && i === 0) {
      // The context manager's __enter__ overrides the check: refused in the main interpreter.
      this.det.ruleFailure('forbidden-operation', importComp, i, op, mod.name, OVERRIDE_IN_MAIN);
      return;
    }
    if (this.imported[mi * n + i]) {
      this.det.access(importComp, importComp, false, i, op); // found in sys.modules
      return;
    }
    // importlib's _find_and_load takes a module lock in _module_locks (import state) before loading.
    this.det.access(importComp, importComp, true, i, op);
    const override = restrictions === 0 ? (this.override[i] as ImportCheckOverride) : restrictions;
    const failure = this.importFailure(mi, i, override);
    if (failure) {
      this.det.ruleFailure('import-error', mod.comp, i, op, mod.name, failure);
      return;
    }
    this.imported[mi * n + i] = 1;
    if (mod.placement === 'shared' && this.moduleInitBy[mi]! < 0) {
      // Single-phase init runs once per process; later imports copy m_copy (Python/import.c).
      this.moduleInitBy[mi] = i;
      for (let k = 0; k < mod.globals.length; k++) {
        const o = heap.newObject(OBJECT, i, op, mod.comp, CACHED);
        heap.objArg[o] = k;
        this.moduleGlobalObj[(mod.globalLoc - layout.compIds.length + k) * n] = o;
      }
    }
    this.touchModuleGlobals(mod, i, op);
  }

  /**
   * Why importing module `mi` fails in interpreter `i` (with the check overridden as `override` says),
   * or null: not found in this version, CPython's check, or a module it needs that fails here.
   */
  private importFailure(mi: number, i: number, override: ImportCheckOverride): RuleFailure | null {
    const mod = this.layout.modules[mi]!;
    if (!mod.found) return moduleNotFound(mod.name);
    const context = { python: this.python, override };
    const failure = checkImport(mod.def, this.interps.configs[i]!, i === 0, context);
    if (failure) return failure;
    for (const r of mod.requires) {
      if (this.importFailure(r, i, override)) return mod.requiresFailure;
    }
    return null;
  }

  /** `_imp._override_multi_interp_extensions_check(value)` by interpreter `i`. */
  overrideCheck(value: ImportCheckOverride, i: number, op: number): void {
    if (i === 0) {
      const importComp = this.layout.c.import;
      this.det.ruleFailure('forbidden-operation', importComp, i, op, 'override', OVERRIDE_IN_MAIN);
      return;
    }
    this.override[i] = value;
  }

  /** `call` into module `mi` by interpreter `i` (nothing if its import failed there). */
  callModule(mi: number, i: number, op: number): void {
    if (!this.imported[mi * this.interps.n + i]) return;
    this.touchModuleGlobals(this.layout.modules[mi]!, i, op);
  }

  /** A single-phase module's static globals are process-wide; a multi-phase module uses its module state. */
  private touchModuleGlobals(mod: ExtensionModule, i: number, op: number): void {
    const { layout, heap } = this;
    switch (mod.placement) {
      case 'per-interpreter':
        return;
      case 'shared':
        for (let k = 0; k < mod.globals.length; k++) {
          this.det.access(mod.comp, mod.globalLoc + k, true, i, op);
          const o = this.moduleGlobalObj[(mod.globalLoc - layout.compIds.length + k) * this.interps.n]!;
          if (o >= 0) {
            heap.useObject(o, i, op);
            heap.refWrite(o, i, op, 1);
            heap.refWrite(o, i, op, -1);
          }
        }
        return;
      case 'locked':
      case 'atomic':
        for (let k = 0; k < mod.globals.length; k++)
          this.det.access(mod.comp, mod.globalLoc + k, true, i, op);
        return;
      case 'immortal':
        return;
      default:
        assertNever(mod.placement, 'placement');
    }
  }
}
