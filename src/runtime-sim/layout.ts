// The layout: where each piece of runtime state lives once the scenario's claims apply. CPython keeps
// process-wide state in `_PyRuntimeState` (Include/internal/pycore_runtime.h) and each interpreter's
// own in `PyInterpreterState` (Include/internal/pycore_interp.h); bpo-40512 moves state from the first
// to the second, makes objects immortal (PEP 683) or guards what stays global. A layout is the
// catalog's CPython 3.8 placements plus the scenario's overrides, and the extension modules it uses
// (a claim on `ext:<module>` converts the module: Python/import.c sees the def it gives).
//
// Locations (what the race detector tracks): one per component, then one per static global of each
// extension module, then the objects of a run (from `objectBase` on).

import { assertNever } from './assert-never.js';
import { catalog, componentIndex, getComponent } from './catalog.js';
import {
  type ExtensionDef,
  extensionDefOfPlacement,
  extensionDefOfSpec,
  placementOfSpec,
} from './import-rules.js';
import type { RuleFailure } from './interpreter-config.js';
import { SINGLETON_NAMES } from './ops.js';
import {
  LAYOUT_PLACEMENTS,
  type LayoutPlacement,
  normalizePlacement,
  PLACEMENTS,
  type Placement,
} from './placement.js';
import type { PythonVersion, Scenario } from './scenario.js';
import { stdlibModule } from './stdlib-modules.js';

/** How an access to a component's state is made, from its placement. */
export const AccessMode = {
  /** `per-interpreter`: each interpreter its own copy; never shared. */
  Local: 0,
  /** `shared`: plain accesses, ordered only by a common GIL. */
  Plain: 1,
  /** `atomic`: synchronising read-modify-writes. */
  Atomic: 2,
  /** `locked`: under the component's own lock. */
  Locked: 3,
  /** `immortal`: reference counts never written (PEP 683). */
  Immortal: 4,
} as const;
export type AccessMode = (typeof AccessMode)[keyof typeof AccessMode];

export function accessModeOf(p: Placement): AccessMode {
  switch (p) {
    case 'shared':
      return AccessMode.Plain;
    case 'per-interpreter':
      return AccessMode.Local;
    case 'atomic':
      return AccessMode.Atomic;
    case 'locked':
      return AccessMode.Locked;
    case 'immortal':
      return AccessMode.Immortal;
    default:
      return assertNever(p, 'placement');
  }
}

/** An extension module a scenario uses: its def, where its static globals live and their locations. */
export interface ExtensionModule {
  name: string;
  /** Its component (`ext:<name>`). */
  comp: number;
  def: ExtensionDef;
  /** False when the scenario's CPython version has no module of that name (ModuleNotFoundError). */
  found: boolean;
  /** Modules (indices into `Layout.modules`) whose failed import makes this one fail with `requiresFailure`. */
  requires: number[];
  requiresFailure: RuleFailure | null;
  placement: Placement;
  /** Its static globals' names (`state` when the scenario names none). */
  globals: string[];
  /** Location of its first static global. */
  globalLoc: number;
}

/** Component indices the eval loop uses by name. */
export interface WellKnownComponents {
  obmalloc: number;
  refcnt: number;
  interned: number;
  latin1: number;
  byteChars: number;
  staticStrings: number;
  smallInts: number;
  signals: number;
  gilDrop: number;
  pending: number;
  gc: number;
  warnings: number;
  import: number;
  crossinterpRaw: number;
  interpreters: number;
  gil: number;
  /** By `SINGLETON_NAMES` index. */
  singletons: number[];
}

export interface Layout {
  /** Component ids: the catalog's, in order, then modules the scenario defines that the catalog lacks. */
  compIds: string[];
  compIndex: Map<string, number>;
  compPlacement: Placement[];
  compMode: Uint8Array;
  /**
   * By component: 1 when its objects are immortal (PEP 683). Its placement says so (`immortal`), or the
   * scenario's version does for state left open: 3.12 interns immortal strings though each interpreter
   * has its own (see IMMORTAL_OBJECTS_IN).
   */
  immortalObjects: Uint8Array;
  modules: ExtensionModule[];
  /** The module (index into `modules`) of each static-global location, by location - compIds.length. */
  moduleOfGlobal: Int32Array;
  /** The first object location. */
  objectBase: number;
  c: WellKnownComponents;
}

/**
 * Components whose objects are immortal in a CPython version although each interpreter has its own:
 * 3.12 makes every interned string immortal (Objects/unicodeobject.c, `_PyUnicode_InternInPlace`);
 * 3.13 interns mortal strings again (only statically allocated ones are immortal). Measured:
 * test/fixtures/cpython-observed/identity.json.
 */
const IMMORTAL_OBJECTS_IN: Record<PythonVersion, readonly string[]> = {
  '3.12': ['unicode.interned'],
  '3.13': [],
};

/**
 * The layout of `scenario`: the placements of its CPython version (the catalog's `placement312`; with
 * no version, CPython 3.8's `placement38`, the planning baseline), then its `layout` overrides, and the
 * modules named `modules` (its `extensions[]` first, then the ones its programs import, then the ones
 * those need). A module's def comes from a layout override (a claim converts the module), else its
 * `extensions[]` definition, else the stdlib module as the version has it (stdlib-modules.ts; none:
 * ModuleNotFoundError), else, with no version, the catalog's placement (3.8: single-phase).
 */
export function resolveLayout(scenario: Scenario, modules: readonly string[]): Layout {
  const python = scenario.python;
  const compIds = catalog.components.map((c) => c.id);
  const compPlacement = catalog.components.map((c) => (python ? c.placement312 : c.placement38));
  const compIndex = new Map(compIds.map((id, i) => [id, i]));
  const cix = (id: string): number => compIndex.get(id)!;

  const overrides = new Map<string, Placement>();
  for (const [id, value] of Object.entries(scenario.layout)) overrides.set(id, normalizePlacement(value));
  for (const [id, p] of overrides) {
    const i = compIndex.get(id);
    if (i !== undefined) compPlacement[i] = p;
  }

  const specs = new Map(scenario.extensions.map((e) => [e.name, e]));
  const names = [...modules];
  const seen = new Set(names);
  const resolved = [];
  for (let k = 0; k < names.length; k++) {
    const name = names[k]!;
    const id = `ext:${name}`;
    const spec = specs.get(name);
    const override = overrides.get(id);
    const catalogIndex = componentIndex(id);
    const stdlib = python && override === undefined && !spec ? stdlibModule(name, python) : undefined;
    const placement =
      override ??
      (spec
        ? placementOfSpec(spec)
        : stdlib
          ? stdlib.placement
          : catalogIndex === undefined
            ? 'shared'
            : compPlacement[catalogIndex]!);
    const def = stdlib
      ? stdlib.def
      : override === undefined && spec
        ? extensionDefOfSpec(spec)
        : extensionDefOfPlacement(name, placement);
    // What a stdlib module needs is imported along (3.12's _zoneinfo imports datetime, then _datetime).
    for (const required of stdlib?.requires ?? []) {
      if (!seen.has(required)) {
        seen.add(required);
        names.push(required);
      }
    }
    let comp = compIndex.get(id);
    if (comp === undefined) {
      comp = compIds.length;
      compIds.push(id);
      compPlacement.push(placement);
      compIndex.set(id, comp);
    }
    compPlacement[comp] = placement;
    const globals = spec && spec.globals.length > 0 ? spec.globals : ['state'];
    resolved.push({
      name,
      comp,
      def,
      found: stdlib !== null,
      requiredNames: stdlib?.requires ?? [],
      requiresFailure: stdlib?.failure ?? null,
      placement,
      globals,
    });
  }
  const moduleIndex = new Map(names.map((name, k) => [name, k]));

  const C = compIds.length;
  let globalLoc = C;
  const extensionModules = resolved.map(({ requiredNames, ...m }) => {
    const mod: ExtensionModule = { ...m, requires: requiredNames.map((r) => moduleIndex.get(r)!), globalLoc };
    globalLoc += m.globals.length;
    return mod;
  });
  const compMode = Uint8Array.from(compPlacement, accessModeOf);
  const immortalObjects = Uint8Array.from(compMode, (mode) => (mode === AccessMode.Immortal ? 1 : 0));
  for (const id of python ? IMMORTAL_OBJECTS_IN[python] : []) {
    if (!overrides.has(id)) immortalObjects[cix(id)] = 1;
  }
  const moduleOfGlobal = new Int32Array(globalLoc - C);
  extensionModules.forEach((mod, k) => {
    moduleOfGlobal.fill(k, mod.globalLoc - C, mod.globalLoc - C + mod.globals.length);
  });

  return {
    compIds,
    compIndex,
    compPlacement,
    compMode,
    immortalObjects,
    modules: extensionModules,
    moduleOfGlobal,
    objectBase: globalLoc,
    c: {
      obmalloc: cix('obmalloc'),
      refcnt: cix('object.refcnt'),
      interned: cix('unicode.interned'),
      latin1: cix('unicode.latin1'),
      byteChars: cix('bytes.characters'),
      staticStrings: cix('unicode.static_strings'),
      smallInts: cix('small_ints'),
      signals: cix('ceval.signals_pending'),
      gilDrop: cix('ceval.gil_drop_request'),
      pending: cix('ceval.pending_calls'),
      gc: cix('gc'),
      warnings: cix('warnings'),
      import: cix('import'),
      crossinterpRaw: cix('crossinterp.raw'),
      interpreters: cix('interpreters'),
      gil: cix('ceval.gil'),
      singletons: SINGLETON_NAMES.map((name) => cix(`singleton.${name}`)),
    },
  };
}

/** Where component `id` lives under `layout` (`shared` for an id it does not know). */
export function placementOf(layout: Layout, id: string): Placement {
  const i = layout.compIndex.get(id);
  return i === undefined ? 'shared' : layout.compPlacement[i]!;
}

/** What is wrong with one layout entry or claim: its component or its placement, and why. */
export interface PlacementProblem {
  field: 'component' | 'placement';
  message: string;
}

/**
 * The rule for giving component `id` the placement `value`, in a scenario's layout or in a claim:
 * the component must exist (`modules`: extension modules a scenario defines itself, `ext:<name>`
 * with every placement), the placement must be one of `LAYOUT_PLACEMENTS`, `multi-phase` and
 * `single-phase` apply to `ext:<module>` components only, and the component must accept it. Lists
 * every problem (none when the entry is fine).
 */
export function placementProblems(
  id: string,
  value: unknown,
  modules: ReadonlySet<string> = new Set(),
): PlacementProblem[] {
  const problems: PlacementProblem[] = [];
  const component =
    getComponent(id) ??
    (id.startsWith('ext:') && modules.has(id.slice(4))
      ? { kind: 'extension-module' as const, placements: [...PLACEMENTS] }
      : undefined);
  if (!component) {
    problems.push({ field: 'component', message: `unknown component '${id}' (see GET /v1/sim/catalog)` });
  }
  if (typeof value !== 'string' || !(LAYOUT_PLACEMENTS as readonly string[]).includes(value)) {
    problems.push({
      field: 'placement',
      message: `unknown placement ${JSON.stringify(value)} (expected one of ${LAYOUT_PLACEMENTS.join(', ')})`,
    });
    return problems;
  }
  if (!component) return problems;
  if ((value === 'multi-phase' || value === 'single-phase') && component.kind !== 'extension-module') {
    problems.push({ field: 'placement', message: `'${value}' applies to ext:<module> components only` });
    return problems;
  }
  const placement = normalizePlacement(value as LayoutPlacement);
  if (!component.placements.includes(placement)) {
    problems.push({
      field: 'placement',
      message: `placement '${placement}' is not meaningful for ${id} (allowed: ${component.placements.join(', ')})`,
    });
  }
  return problems;
}
