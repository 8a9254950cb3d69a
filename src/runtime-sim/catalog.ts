// The catalog of runtime state components, modelled on CPython's `_PyRuntimeState`
// (Include/internal/pycore_runtime.h) and `PyInterpreterState` (Include/internal/pycore_interp.h),
// plus c-analyzer's globals-to-fix.tsv and the stdlib extension modules, both loaded as data.
// `placement38` is where CPython 3.8 had it (where bpo-40512 starts; it is also the default layout),
// `placement312` where CPython 3.12+ ended (see the rule book, "How the meta issue's items ended").

import {
  type GlobalToFix,
  globalsToFix,
  globalsToFixMain2025,
  type ImportScan,
  importScan312,
  importScan313,
} from './cpython-data.js';
import { PLACEMENTS, type Placement } from './placement.js';

export type ComponentKind =
  | 'free-list'
  | 'singleton'
  | 'object-cache'
  | 'interned-strings'
  | 'allocator'
  | 'ceval'
  | 'interpreter-state'
  | 'object-header'
  | 'mechanism'
  | 'extension-module'
  | 'c-global';

export interface Component {
  id: string;
  kind: ComponentKind;
  description: string;
  group?: string;
  placement38: Placement;
  placement312: Placement;
  /** The placements this component can take in a layout (others are refused by parseScenario). */
  placements: Placement[];
  /** bpo / PEP / CPython file that moved it, or the data it comes from. */
  source: string;
  cpythonName?: string;
  /** Simulator facts for kinds that need them (free-list capacity, an extension's import status). */
  freeListCapacity?: number;
  /** `ext:` components: `import` in an isolated subinterpreter, as measured ("ok" or the error). */
  importStatus312?: string;
  importStatus313?: string;
  builtin?: boolean;
  /** `c-global` components: still in CPython main's list in May 2025 (derived data). */
  stillGlobalIn2025?: boolean;
  /**
   * `c-global` components: the global holds a Python object (globals-to-fix's "global objects"
   * sections), which `touch` uses; false for C state.
   */
  holdsObject?: boolean;
}

export interface Catalog {
  components: Component[];
  /** Component ids by group, in catalog order. */
  groups: { group: string; ids: string[] }[];
}

const ALL: Placement[] = [...PLACEMENTS];
const STATE: Placement[] = ['shared', 'per-interpreter', 'locked', 'atomic'];

function freeList(type: string, capacity: number, source: string, cpythonName: string): Component {
  return {
    id: `freelist.${type}`,
    kind: 'free-list',
    description: `Free list of ${type} objects: dead ${type}s kept for reuse (up to ${capacity}).`,
    group: 'free lists',
    placement38: 'shared',
    placement312: 'per-interpreter',
    placements: STATE,
    source,
    cpythonName,
    freeListCapacity: capacity,
  };
}

function singleton(name: string, description: string, cpythonName: string): Component {
  return {
    id: `singleton.${name}`,
    kind: 'singleton',
    description,
    group: 'singletons',
    placement38: 'shared',
    placement312: 'immortal',
    placements: ALL,
    source: 'bpo-39511 (per-interpreter, reverted); bpo-40255 / PEP 683 (immortal, 3.12)',
    cpythonName,
  };
}

/** The components the simulator's operations touch directly. */
const CORE: Component[] = [
  freeList('tuple', 2000, 'bpo-40521 (3.11: per-interpreter), Objects/tupleobject.c', 'free_list, numfree'),
  freeList('list', 80, 'bpo-40521, Objects/listobject.c', 'free_list, numfree'),
  freeList('dict', 80, 'bpo-40521, Objects/dictobject.c', 'free_list, keys_free_list'),
  freeList('float', 100, 'bpo-40521, Objects/floatobject.c', 'free_list'),
  freeList('frame', 200, 'bpo-40521, Objects/frameobject.c', 'free_list, numfree'),
  freeList('slice', 1, 'bpo-40521, Objects/sliceobject.c', 'slice_cache'),
  freeList('context', 255, 'bpo-40521, Python/context.c', 'ctx_freelist'),
  freeList('async_gen', 80, 'bpo-40521, Objects/genobject.c', 'ag_value_freelist, ag_asend_freelist'),
  singleton('None', 'The None singleton.', '_Py_NoneStruct'),
  singleton('True', 'The True singleton.', '_Py_TrueStruct'),
  singleton('False', 'The False singleton.', '_Py_FalseStruct'),
  singleton('Ellipsis', 'The Ellipsis singleton.', '_Py_EllipsisObject'),
  singleton('NotImplemented', 'The NotImplemented singleton.', '_Py_NotImplementedStruct'),
  singleton('empty_tuple', 'The empty tuple singleton.', 'tuple_empty / _Py_SINGLETON(tuple_empty)'),
  singleton('empty_bytes', 'The empty bytes singleton.', 'empty_bytes / _Py_SINGLETON(bytes_empty)'),
  singleton('empty_str', 'The empty str singleton.', 'unicode_empty / _Py_STR(empty)'),
  {
    id: 'small_ints',
    kind: 'object-cache',
    description: 'Preallocated small int objects -5..256.',
    group: 'singletons',
    placement38: 'shared',
    placement312: 'immortal',
    placements: ALL,
    source: 'bpo-38858 (3.9: per-interpreter), PEP 683 (3.12: immortal, shared); Objects/longobject.c',
    cpythonName: 'small_ints / _Py_SINGLETON(small_ints)',
  },
  {
    id: 'unicode.latin1',
    kind: 'object-cache',
    description: 'One-character latin-1 strings (code points 0..255).',
    group: 'unicode',
    placement38: 'shared',
    placement312: 'immortal',
    placements: ALL,
    source: 'bpo-40521 (per-interpreter), PEP 683 (3.12: static, immortal); Objects/unicodeobject.c',
    cpythonName: 'unicode_latin1 / _Py_LATIN1_CHR',
  },
  {
    id: 'bytes.characters',
    kind: 'object-cache',
    description: 'One-byte bytes objects (b"\\x00".."\\xff").',
    group: 'singletons',
    placement38: 'shared',
    placement312: 'immortal',
    placements: ALL,
    source: 'PEP 683 (3.12: static, immortal); Objects/bytesobject.c',
    cpythonName: 'characters / _Py_SINGLETON(bytes_characters)',
  },
  {
    id: 'unicode.static_strings',
    kind: 'object-cache',
    description:
      'Strings the runtime allocates statically (`_Py_ID(__name__)`, `_Py_STR(anon_lambda)`), interned at init.',
    group: 'unicode',
    placement38: 'shared',
    placement312: 'immortal',
    placements: ALL,
    source: 'gh-90699 (_Py_IDENTIFIER to _Py_ID; 3.12: static, immortal); pycore_global_strings.h',
    cpythonName: '_Py_ID / _Py_STR (_PyRuntime.static_objects.singletons.strings)',
  },
  {
    id: 'unicode.interned',
    kind: 'interned-strings',
    description: 'The interned-strings dict and the interned strings it holds.',
    group: 'unicode',
    placement38: 'shared',
    placement312: 'per-interpreter',
    placements: ALL,
    source: 'bpo-40521, gh-100227 (3.12: interned dict per interpreter); Objects/unicodeobject.c',
    cpythonName: 'interned / interp->cached_objects.interned_strings',
  },
  {
    id: 'obmalloc',
    kind: 'allocator',
    description:
      'pymalloc, the small-object allocator (arenas, pools, usedpools). Per interpreter only for interpreters created with use_main_obmalloc=0.',
    group: 'allocator',
    placement38: 'shared',
    placement312: 'per-interpreter',
    placements: STATE,
    source: 'gh-101660 (3.12: per-interpreter obmalloc state); Objects/obmalloc.c',
    cpythonName: '_PyRuntime.obmalloc / interp->obmalloc',
  },
  {
    id: 'ceval.signals_pending',
    kind: 'ceval',
    description:
      "The eval loop's signals-pending flag, set when a signal trips and read by the eval breaker.",
    group: 'ceval',
    placement38: 'shared',
    placement312: 'per-interpreter',
    placements: STATE,
    source: 'bpo-40010, bpo-40512; Python/ceval_gil.c',
    cpythonName: '_PyRuntimeState.ceval.signals_pending',
  },
  {
    id: 'ceval.gil_drop_request',
    kind: 'ceval',
    description: 'The GIL drop request a waiting thread sets and the eval loop reads.',
    group: 'ceval',
    placement38: 'shared',
    placement312: 'per-interpreter',
    placements: STATE,
    source: 'bpo-40010, PEP 684 (3.12: the GIL per interpreter); Python/ceval_gil.c',
    cpythonName: '_PyRuntimeState.ceval.gil_drop_request',
  },
  {
    id: 'ceval.pending_calls',
    kind: 'ceval',
    description:
      'Pending calls (Py_AddPendingCall): a queue under its own lock in 3.8, run by whichever interpreter checks it.',
    group: 'ceval',
    placement38: 'locked',
    placement312: 'per-interpreter',
    placements: STATE,
    source: 'bpo-39984 (3.9: per-interpreter); Python/ceval_gil.c',
    cpythonName: '_PyRuntimeState.ceval.pending',
  },
  {
    id: 'ceval.gil',
    kind: 'ceval',
    description: 'The GIL itself. Interpreters created with gil=own get their own (PEP 684).',
    group: 'ceval',
    placement38: 'shared',
    placement312: 'per-interpreter',
    placements: ['shared', 'per-interpreter'],
    source: 'PEP 684 (3.12); Python/ceval_gil.c',
    cpythonName: '_PyRuntimeState.ceval.gil / interp->ceval.gil',
  },
  {
    id: 'gc',
    kind: 'interpreter-state',
    description: "The cyclic GC's state: generations, counts, the collecting flag.",
    group: 'interpreter state',
    placement38: 'shared',
    placement312: 'per-interpreter',
    placements: STATE,
    source: 'bpo-36854 (3.9); Modules/gcmodule.c',
    cpythonName: '_PyRuntimeState.gc / interp->gc',
  },
  {
    id: 'warnings',
    kind: 'interpreter-state',
    description: 'The warnings module state: filters, once registry, default action.',
    group: 'interpreter state',
    placement38: 'shared',
    placement312: 'per-interpreter',
    placements: STATE,
    source: 'bpo-36737 (3.9); Python/_warnings.c',
    cpythonName: '_PyRuntimeState.warnings / interp->warnings',
  },
  {
    id: 'import',
    kind: 'interpreter-state',
    description: 'Import state: sys.modules, the import lock, the extensions cache bookkeeping.',
    group: 'interpreter state',
    placement38: 'shared',
    placement312: 'per-interpreter',
    placements: STATE,
    source: 'gh-99741 (3.12: import state per interpreter); Python/import.c',
    cpythonName: '_PyRuntimeState.imports / interp->imports',
  },
  {
    id: 'interp.config',
    kind: 'interpreter-state',
    description:
      "The interpreter's feature flags from PyInterpreterConfig (Py_RTFLAGS_THREADS, _DAEMON_THREADS, _FORK, _EXEC): what it may start.",
    group: 'interpreter state',
    placement38: 'per-interpreter',
    placement312: 'per-interpreter',
    placements: ['per-interpreter'],
    source: 'PEP 684, Include/cpython/pylifecycle.h (PyInterpreterConfig), Python/pylifecycle.c',
    cpythonName: 'interp->feature_flags',
  },
  {
    id: 'interpreters',
    kind: 'interpreter-state',
    description:
      "The runtime's interpreters (head, main, next id) under the runtime's HEAD_LOCK, and whether each is running: what destroy and run look up.",
    group: 'interpreter state',
    placement38: 'locked',
    placement312: 'locked',
    placements: ['locked'],
    source: 'Python/pystate.c (_PyRuntimeState.interpreters); Modules/_interpretersmodule.c',
    cpythonName: '_PyRuntimeState.interpreters',
  },
  {
    id: 'object.refcnt',
    kind: 'object-header',
    description:
      "PyObject.ob_refcnt of ordinary objects: plain increments, safe only while no object is shared (bpo-40512's interim idea: make it atomic).",
    group: 'object header',
    placement38: 'shared',
    placement312: 'shared',
    placements: ['shared', 'atomic', 'locked'],
    source: 'bpo-40512; Include/object.h',
    cpythonName: 'PyObject.ob_refcnt',
  },
  {
    id: 'crossinterp.raw',
    kind: 'mechanism',
    description:
      'Objects passed between interpreters without the cross-interpreter data mechanism, as a buggy extension would.',
    group: 'cross-interpreter data',
    placement38: 'shared',
    placement312: 'shared',
    placements: ['shared'],
    source: 'PEP 554 / PEP 734; Python/crossinterp.c',
  },
];

/** The module name of a scan key (`BUILTIN:_abc` -> `_abc`). */
function scanModule(key: string): { module: string; builtin: boolean } {
  return key.startsWith('BUILTIN:')
    ? { module: key.slice(8), builtin: true }
    : { module: key, builtin: false };
}

function extensionComponents(scan312: ImportScan, scan313: ImportScan): Component[] {
  const modules = new Map<string, { builtin: boolean; s312?: string; s313?: string }>();
  for (const [key, status] of Object.entries(scan312)) {
    const { module, builtin } = scanModule(key);
    modules.set(module, { ...modules.get(module), builtin, s312: status });
  }
  for (const [key, status] of Object.entries(scan313)) {
    const { module, builtin } = scanModule(key);
    modules.set(module, { ...modules.get(module), builtin, s313: status });
  }
  return [...modules.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([module, { builtin, s312, s313 }]) => {
      // The latest measured status decides where 3.12+ ended: importable in an isolated subinterpreter
      // means converted to multi-phase init with the per-interpreter-GIL slot.
      const latest = s313 ?? s312 ?? 'unknown';
      return {
        id: `ext:${module}`,
        kind: 'extension-module' as const,
        description: `Static globals of the ${builtin ? 'built-in' : 'stdlib'} extension module ${module}.`,
        group: 'extension modules',
        placement38: 'shared' as const,
        placement312: latest === 'ok' ? ('per-interpreter' as const) : ('shared' as const),
        placements: ALL,
        source: 'PEP 489, PEP 687, PEP 684; data/cpython import scans (3.12.1, 3.13.0)',
        cpythonName: module,
        builtin,
        ...(s312 !== undefined ? { importStatus312: s312 } : {}),
        ...(s313 !== undefined ? { importStatus313: s313 } : {}),
      };
    });
}

function globalId(row: GlobalToFix): string {
  return `global:${row.filename}:${row.funcname === '-' ? '' : `${row.funcname}:`}${row.name}`;
}

function globalComponents(rows: readonly GlobalToFix[], main2025: readonly GlobalToFix[]): Component[] {
  const still = new Set(main2025.map(globalId));
  const seen = new Set<string>();
  const out: Component[] = [];
  for (const row of rows) {
    const id = globalId(row);
    if (seen.has(id)) continue;
    seen.add(id);
    const isObject = row.section.startsWith('global objects');
    // Statically allocated objects (builtin and static types, exception types, singletons) are immortal
    // in 3.12+ (PEP 683); heap objects, caches and C state of extension modules are still global.
    const staticObject = isObject && (row.section.endsWith('core code') || /static types$/.test(row.group));
    out.push({
      id,
      kind: 'c-global',
      description: `C global ${row.name} (${row.filename}${row.funcname === '-' ? '' : `, in ${row.funcname}()`}): ${isObject ? 'a Python object' : 'C state'}.`,
      group: `globals-to-fix: ${row.group}`,
      placement38: 'shared',
      placement312: staticObject ? 'immortal' : 'shared',
      placements: ALL,
      source: 'Tools/c-analyzer/cpython/globals-to-fix.tsv (data/cpython)',
      cpythonName: row.name,
      stillGlobalIn2025: still.has(id),
      holdsObject: isObject,
    });
  }
  return out;
}

function buildCatalog(): Catalog {
  const components = [
    ...CORE,
    ...extensionComponents(importScan312, importScan313),
    ...globalComponents(globalsToFix, globalsToFixMain2025),
  ];
  const groups = new Map<string, string[]>();
  for (const c of components) {
    const g = c.group ?? c.kind;
    let ids = groups.get(g);
    if (!ids) {
      ids = [];
      groups.set(g, ids);
    }
    ids.push(c.id);
  }
  return { components, groups: [...groups.entries()].map(([group, ids]) => ({ group, ids })) };
}

export const catalog: Catalog = buildCatalog();
const byId = new Map(catalog.components.map((c) => [c.id, c]));
const indexById = new Map(catalog.components.map((c, i) => [c.id, i]));

export function getCatalog(): Catalog {
  return catalog;
}

export function getComponent(id: string): Component | undefined {
  return byId.get(id);
}

/** A component's position in `catalog.components`. */
export function componentIndex(id: string): number | undefined {
  return indexById.get(id);
}

/** The free list objects of an alloc `type` are kept on for reuse (Objects/*.c), if CPython has one. */
export function freeListOf(type: string): Component | undefined {
  const component = byId.get(`freelist.${type}`);
  return component?.kind === 'free-list' ? component : undefined;
}

/** `{ id: placement312 }` for the given components (CPython 3.12+'s layout for them). */
export function placements312(ids: readonly string[]): Record<string, Placement> {
  const out: Record<string, Placement> = {};
  for (const id of ids) {
    const c = byId.get(id);
    if (c) out[id] = c.placement312;
  }
  return out;
}
