// The simulated runtime: `_PyRuntimeState` (what is shared) and `PyInterpreterState` (what each
// interpreter owns), built from a scenario's layout and configs, then run by a seeded scheduler.
// Each interpreter's program is a generator that yields at each scheduling point (one op); an
// interpreter holds its GIL (its own, or the main interpreter's when `gil` is shared/default) for a
// quantum of steps. Detectors watch every access and record violations as values.

import { assertNever } from './assert-never.js';
import { catalog } from './catalog.js';
import {
  checkConfig,
  checkOperation,
  type GuardedOperation,
  hasOwnGil,
  type InterpreterConfig,
  MAIN_CONFIG,
  type RuleFailure,
  resolveConfig,
} from './config.js';
import { HappensBefore } from './happens-before.js';
import { checkImport, type ExtensionDef } from './import-rules.js';
import { normalizePlacement, type Placement } from './placement.js';
import {
  Code,
  type CompiledProgram,
  type CompileTables,
  compileProgram,
  type Instr,
  moduleId,
  type OpInfo,
} from './program.js';
import type { AllocType, MultipleInterpretersSlot, Scenario } from './scenario.js';
import { SINGLETON_NAMES } from './scenario.js';
import {
  type SimReport,
  type Step,
  VIOLATION_KINDS,
  type Violation,
  type ViolationKind,
} from './violations.js';
import { displayOf, isShareableType, notShareable, type PyType, type XiValue } from './xidata.js';

// Access modes derived from placements.
const LOCAL = 0;
const PLAIN = 1;
const ATOMIC = 2;
const LOCKED = 3;
const IMMORTAL = 4;

function modeOf(p: Placement): number {
  switch (p) {
    case 'shared':
      return PLAIN;
    case 'per-interpreter':
      return LOCAL;
    case 'atomic':
      return ATOMIC;
    case 'locked':
      return LOCKED;
    case 'immortal':
      return IMMORTAL;
    default:
      return assertNever(p, 'placement');
  }
}

const PY_TYPES: readonly PyType[] = [
  'NoneType',
  'bool',
  'int',
  'float',
  'str',
  'bytes',
  'tuple',
  'list',
  'dict',
  'set',
  'frame',
  'slice',
  'context',
  'async_gen',
  'object',
  'memoryview',
  'bytearray',
  'ellipsis',
  'NotImplementedType',
  'callable',
];
const TYPE_ID = new Map(PY_TYPES.map((t, i) => [t, i]));
const tid = (t: PyType): number => TYPE_ID.get(t)!;

const SINGLETON_TYPE: Record<(typeof SINGLETON_NAMES)[number], PyType> = {
  None: 'NoneType',
  True: 'bool',
  False: 'bool',
  Ellipsis: 'ellipsis',
  NotImplemented: 'NotImplementedType',
  empty_tuple: 'tuple',
  empty_bytes: 'bytes',
  empty_str: 'str',
};

/** Alloc types with a free list in CPython 3.8 (Objects/*.c), by their catalog component. */
const FREE_LIST_OF: Partial<Record<AllocType, string>> = {
  tuple: 'freelist.tuple',
  list: 'freelist.list',
  dict: 'freelist.dict',
  float: 'freelist.float',
  frame: 'freelist.frame',
  slice: 'freelist.slice',
  context: 'freelist.context',
  async_gen: 'freelist.async_gen',
};

/** A component's runtime-wide location, in words (for race messages). */
function locationName(id: string): string {
  if (id.startsWith('freelist.')) return `the ${id.slice('freelist.'.length)} free list`;
  switch (id) {
    case 'obmalloc':
      return "obmalloc's pools and arenas";
    case 'unicode.interned':
      return 'the interned-strings dict';
    case 'ceval.signals_pending':
      return 'the signals_pending flag';
    case 'ceval.gil_drop_request':
      return 'the gil_drop_request flag';
    case 'ceval.pending_calls':
      return 'the pending-calls queue';
    case 'gc':
      return 'the GC state (generations, counts)';
    case 'warnings':
      return 'the warnings state (filters, once registry)';
    case 'import':
      return 'the import state (sys.modules, module locks)';
    default:
      return id.startsWith('global:')
        ? `the C global ${id.slice(id.lastIndexOf(':') + 1)}`
        : `the state of ${id}`;
  }
}

const STEPPED = 0;
const BLOCKED = 1;

// Object flags.
const ALIVE = 1;
const IMMORTAL_OBJ = 2;
/** A cached/shared object (singleton, small int, interned...): `free` only drops a reference. */
const CACHED = 4;

interface ModuleModel {
  name: string;
  comp: number;
  def: ExtensionDef;
  placement: Placement;
  globals: string[];
  /** Location of its first static global. */
  globalLoc: number;
}

interface Entry {
  obj: number;
  raw: boolean;
  type: number;
  items: XiValue[] | undefined;
  /** The cached object CPython hands the receiver for the copy (COPY_*), and which one (`slot`). */
  copy: number;
  slot: number;
  /** `str()` of the value, kept by a fresh copy. */
  display: string;
}

// What the receiver's copy of cross-interpreter data is: Python/crossinterp.c rebuilds it with
// PyLong_FromSsize_t, PyUnicode_FromKindAndData, PyBytes_FromStringAndSize, PyTuple_New..., which hand
// out the receiver's cached objects (singletons, small ints, latin-1 characters) when the value has one.
const COPY_FRESH = 0;
const COPY_SINGLETON = 1;
const COPY_SMALL_INT = 2;
const COPY_LATIN1 = 3;

export interface RunOptions {
  /** Race, cross-interpreter-object and cross-allocator-free detectors (default true). CPython's own
   *  rules (config, import, forbidden operations) always apply: they are behaviour, not monitoring. */
  detectors?: boolean;
  /** Measure `stats.durationMs` (default true); false gives 0, so reports compare byte for byte. */
  timing?: boolean;
  /** Called after each run with the number of runs done (for a progress bar); must not throw. */
  onRun?: (done: number, runs: number) => void;
}

/** What a `PyInterpreterState` is made of, here: its config, its GIL and its allocator. */
export interface InterpreterState {
  id: number;
  name: string;
  isMain: boolean;
  config: InterpreterConfig;
  /** False when `Py_NewInterpreterFromConfig` refused the config. */
  created: boolean;
  /** The interpreter (id) whose GIL it holds: its own, or the main interpreter's (PEP 684). */
  gil: number;
  /** The interpreter (id) whose obmalloc state it allocates from (gh-101660). */
  allocator: number;
}

/** The scenario compiled once: interpreters, GILs, allocators, components and their placements. */
export class RuntimeModel {
  readonly n: number;
  readonly interpreters: InterpreterState[];
  readonly names: string[];
  readonly configs: InterpreterConfig[];
  readonly configFailures: (RuleFailure | null)[];
  readonly programs: CompiledProgram[];
  readonly ops: OpInfo[];
  readonly compIds: string[];
  readonly compIndex: Map<string, number>;
  readonly compMode: Uint8Array;
  readonly compPlacement: Placement[];
  readonly gilOf: Int32Array;
  readonly gilShared: Uint8Array;
  readonly allocatorOf: Int32Array;
  readonly allocatorShared: Uint8Array;
  readonly modules: ModuleModel[];
  /** The module (index into `modules`) of each static-global location, by location - compIds.length. */
  readonly moduleOfGlobal: Int32Array;
  readonly strings: string[];
  readonly objectBase: number;
  readonly freeListComp: Int32Array;
  readonly freeListCapacity: Int32Array;
  readonly python: Scenario['python'];
  readonly c: {
    obmalloc: number;
    refcnt: number;
    interned: number;
    latin1: number;
    smallInts: number;
    signals: number;
    gilDrop: number;
    pending: number;
    gc: number;
    warnings: number;
    import: number;
    xidata: number;
    gil: number;
    singletons: number[];
  };

  constructor(scenario: Scenario) {
    this.python = scenario.python;
    this.n = scenario.interpreters.length;
    this.names = scenario.interpreters.map((i) => i.name);
    this.configs = scenario.interpreters.map((spec, i) =>
      i === 0 ? { ...MAIN_CONFIG } : resolveConfig(spec.config),
    );
    this.configFailures = this.configs.map((c, i) => (i === 0 ? null : checkConfig(c)));

    // Components: the catalog, then modules the scenario defines that the catalog lacks.
    this.compIds = catalog.components.map((c) => c.id);
    this.compPlacement = catalog.components.map((c) => c.placement38);
    this.compIndex = new Map(this.compIds.map((id, i) => [id, i]));
    const addComp = (id: string, placement: Placement): number => {
      let i = this.compIndex.get(id);
      if (i === undefined) {
        i = this.compIds.length;
        this.compIds.push(id);
        this.compPlacement.push(placement);
        this.compIndex.set(id, i);
      }
      return i;
    };
    const cix = (id: string): number => this.compIndex.get(id)!;
    const tables: CompileTables = {
      ops: [],
      strings: [],
      stringIds: new Map(),
      modules: [],
      moduleIds: new Map(),
      interps: new Map(this.names.map((name, i) => [name, i])),
      componentIndex: (id) => this.compIndex.get(id) ?? cix('crossinterp.raw'),
    };
    for (const ext of scenario.extensions) moduleId(tables, ext.name);
    this.programs = scenario.interpreters.map((spec, i) => compileProgram(spec.program, i, tables));
    this.ops = tables.ops;
    this.strings = tables.strings;

    // Extension modules: a layout override (a claim) converts the module; else the scenario's
    // definition; else the catalog's default placement (CPython 3.8: single-phase, static globals).
    const overrides = new Map<string, Placement>();
    for (const [id, value] of Object.entries(scenario.layout)) overrides.set(id, normalizePlacement(value));
    let globalLoc = 0;
    const specs = new Map(scenario.extensions.map((e) => [e.name, e]));
    const modulesRaw = tables.modules.map((name) => {
      const id = `ext:${name}`;
      const spec = specs.get(name);
      const override = overrides.get(id);
      let def: ExtensionDef;
      let placement: Placement;
      if (override !== undefined) {
        placement = override;
        def =
          override === 'shared'
            ? { name, init: 'single-phase', slots: [] }
            : { name, init: 'multi-phase', slots: ['per-interpreter-gil-supported'] };
      } else if (spec) {
        const slots: MultipleInterpretersSlot[] =
          spec.multipleInterpreters === null
            ? []
            : Array.isArray(spec.multipleInterpreters)
              ? spec.multipleInterpreters
              : [spec.multipleInterpreters];
        def = { name, init: spec.init, slots };
        placement = spec.init === 'single-phase' ? 'shared' : 'per-interpreter';
      } else {
        placement = this.compPlacement[cix(id)] ?? 'shared';
        def =
          placement === 'shared'
            ? { name, init: 'single-phase', slots: [] }
            : { name, init: 'multi-phase', slots: ['per-interpreter-gil-supported'] };
      }
      const globals = spec && spec.globals.length > 0 ? spec.globals : ['state'];
      const comp = addComp(id, placement);
      const m = { name, comp, def, placement, globals, globalLoc };
      globalLoc += globals.length;
      return m;
    });
    for (const [id, p] of overrides) {
      const i = this.compIndex.get(id);
      if (i !== undefined) this.compPlacement[i] = p;
    }
    for (const m of modulesRaw) this.compPlacement[m.comp] = m.placement;
    const C = this.compIds.length;
    this.modules = modulesRaw.map((m) => ({ ...m, globalLoc: C + m.globalLoc }));
    this.moduleOfGlobal = new Int32Array(globalLoc);
    this.modules.forEach((mod, k) => {
      this.moduleOfGlobal.fill(k, mod.globalLoc - C, mod.globalLoc - C + mod.globals.length);
    });
    this.objectBase = C + globalLoc;
    this.compMode = Uint8Array.from(this.compPlacement, modeOf);

    this.c = {
      obmalloc: cix('obmalloc'),
      refcnt: cix('object.refcnt'),
      interned: cix('unicode.interned'),
      latin1: cix('unicode.latin1'),
      smallInts: cix('small_ints'),
      signals: cix('ceval.signals_pending'),
      gilDrop: cix('ceval.gil_drop_request'),
      pending: cix('ceval.pending_calls'),
      gc: cix('gc'),
      warnings: cix('warnings'),
      import: cix('import'),
      xidata: cix('crossinterp.raw'),
      gil: cix('ceval.gil'),
      singletons: SINGLETON_NAMES.map((name) => cix(`singleton.${name}`)),
    };

    // NON-CPYTHON: which GIL an interpreter holds follows its config, not the layout's `ceval.gil`:
    // the simulator asks what breaks once interpreters have their own GILs (PEP 684).
    const n = this.n;
    this.gilOf = new Int32Array(n);
    this.allocatorOf = new Int32Array(n);
    const gilUsers = new Int32Array(n);
    const allocUsers = new Int32Array(n);
    const perInterpObmalloc = this.compPlacement[this.c.obmalloc] === 'per-interpreter';
    for (let i = 0; i < n; i++) {
      if (this.configFailures[i]) continue;
      this.gilOf[i] = i === 0 || hasOwnGil(this.configs[i]!) ? i : 0;
      // gh-101660: an interpreter created with use_main_obmalloc=0 has its own obmalloc state.
      this.allocatorOf[i] = i !== 0 && perInterpObmalloc && !this.configs[i]!.useMainObmalloc ? i : 0;
      gilUsers[this.gilOf[i]!]!++;
      allocUsers[this.allocatorOf[i]!]!++;
    }
    this.gilShared = Uint8Array.from(gilUsers, (u) => (u > 1 ? 1 : 0));
    this.interpreters = this.names.map((name, i) => ({
      id: i,
      name,
      isMain: i === 0,
      config: this.configs[i]!,
      created: !this.configFailures[i],
      gil: this.gilOf[i]!,
      allocator: this.allocatorOf[i]!,
    }));
    this.allocatorShared = Uint8Array.from(allocUsers, (u) => (u > 1 ? 1 : 0));

    this.freeListComp = new Int32Array(PY_TYPES.length).fill(-1);
    this.freeListCapacity = new Int32Array(PY_TYPES.length);
    for (const [type, id] of Object.entries(FREE_LIST_OF)) {
      const t = tid(type as PyType);
      this.freeListComp[t] = cix(id);
      this.freeListCapacity[t] = catalog.components[cix(id)]!.freeListCapacity ?? 80;
    }
  }

  /** Sync object ids: GILs, then one per component (its lock / atomic clock), then one channel per interpreter. */
  syncOfComp(comp: number): number {
    return this.n + comp;
  }
  syncOfChannel(interp: number): number {
    return this.n + this.compIds.length + interp;
  }
  get syncCount(): number {
    return this.n * 2 + this.compIds.length;
  }

  step(op: number): Step {
    if (op < 0) return { interpreter: this.names[0]!, index: -1, op: '(runtime init)' };
    const info = this.ops[op]!;
    return { interpreter: this.names[info.interp]!, index: info.index, op: info.label };
  }
}

interface Rec {
  kind: ViolationKind;
  comp: number;
  interpA: number;
  opA: number;
  interpB: number;
  opB: number;
  detail: string;
  exception?: string;
  message?: string;
  count: number;
  lastRun: number;
  order: number;
}

/**
 * `_PyRuntimeState` for one run: the runtime-wide state (free lists, caches, the interned dict, the
 * allocator, pending calls... when their placement is not per-interpreter) and each
 * `PyInterpreterState`'s own copies, kept as structure-of-arrays indexed by scope (0 = runtime-wide,
 * else the interpreter), plus the violation records that outlive runs.
 */
export class RuntimeState {
  readonly m: RuntimeModel;
  readonly detect: boolean;
  readonly hb: HappensBefore;
  private run = -1;
  private readonly recs = new Map<number, Rec>();
  totalSteps = 0;
  totalObjects = 0;

  // Objects (structure of arrays, reused across runs).
  private cap = 1024;
  private objCount = 0;
  private objType = new Uint8Array(this.cap);
  private objFlags = new Uint8Array(this.cap);
  private objCreator = new Int16Array(this.cap);
  private objCreatorOp = new Int32Array(this.cap);
  private objAlloc = new Int16Array(this.cap);
  private objAllocOp = new Int32Array(this.cap);
  private objComp = new Int16Array(this.cap);
  private objXComp = new Int16Array(this.cap);
  private objRc = new Int32Array(this.cap);
  /** Which cached object it is: singleton index, small int + 5, character, string id, global index. */
  private objArg = new Int32Array(this.cap);
  private objItems = new Map<number, number[]>();
  /** Per tuple with items: the first object cross-interpreter data refuses in it, or -1 (set at alloc). */
  private tupleBad = new Map<number, number>();
  /** `str()` of fresh ints and strs whose value a program gave (big ints, non-latin-1 characters). */
  private objValue = new Map<number, string>();

  // Shared and per-interpreter caches; `scope` is 0 for runtime-wide state, else the interpreter.
  private readonly singletonObj: Int32Array;
  private readonly smallIntObj: Int32Array;
  private readonly latin1Obj: Int32Array;
  private readonly internObj: Int32Array;
  private readonly globalObj: Int32Array;
  private readonly touchObj = new Map<number, number>();
  private readonly freeLists: Int32Array[];
  private readonly freeTop: Int32Array;
  private readonly imported: Uint8Array;
  private readonly moduleInitBy: Int32Array;
  private readonly pending: number[][];
  readonly inbox: Entry[][];
  readonly blocked: Uint8Array;
  private readonly moduleGlobalObj: Int32Array;

  constructor(model: RuntimeModel, detect: boolean) {
    this.m = model;
    this.detect = detect;
    const n = model.n;
    this.hb = new HappensBefore(n, model.syncCount, model.objectBase + this.cap);
    this.singletonObj = new Int32Array(SINGLETON_NAMES.length * n);
    this.smallIntObj = new Int32Array(262 * n);
    this.latin1Obj = new Int32Array(256 * n);
    this.internObj = new Int32Array(Math.max(1, model.strings.length) * n);
    this.globalObj = new Int32Array(1);
    this.freeLists = [];
    for (let t = 0; t < PY_TYPES.length; t++) {
      for (let s = 0; s < n; s++) {
        this.freeLists.push(new Int32Array(model.freeListComp[t]! >= 0 ? model.freeListCapacity[t]! : 0));
      }
    }
    this.freeTop = new Int32Array(PY_TYPES.length * n);
    this.imported = new Uint8Array(Math.max(1, model.modules.length) * n);
    this.moduleInitBy = new Int32Array(Math.max(1, model.modules.length));
    const totalGlobals = model.modules.reduce((s, mod) => s + mod.globals.length, 0);
    this.moduleGlobalObj = new Int32Array(Math.max(1, totalGlobals) * n);
    this.pending = Array.from({ length: n }, () => []);
    this.inbox = Array.from({ length: n }, () => []);
    this.blocked = new Uint8Array(n);
  }

  startRun(run: number): void {
    this.run = run;
    this.hb.reset(this.m.objectBase + this.objCount);
    this.objCount = 0;
    this.objItems.clear();
    this.tupleBad.clear();
    this.objValue.clear();
    this.singletonObj.fill(-1);
    this.smallIntObj.fill(-1);
    this.latin1Obj.fill(-1);
    this.internObj.fill(-1);
    this.moduleGlobalObj.fill(-1);
    this.touchObj.clear();
    this.freeTop.fill(0);
    this.imported.fill(0);
    this.moduleInitBy.fill(-1);
    for (const q of this.pending) q.length = 0;
    for (const q of this.inbox) q.length = 0;
    this.blocked.fill(0);
    this.globalObj.fill(-1);
    for (let i = 0; i < this.m.n; i++) {
      const failure = this.m.configFailures[i];
      if (failure) {
        this.record(
          'config-error',
          this.m.compIndex.get(failure.component)!,
          0,
          -1,
          i,
          -1,
          failure.message,
          failure,
        );
      }
    }
  }

  // --- violations -------------------------------------------------------------------------------

  private record(
    kind: ViolationKind,
    comp: number,
    interpA: number,
    opA: number,
    interpB: number,
    opB: number,
    detail: string | number,
    failure?: { exception: string; message: string },
  ): void {
    if (kind === 'data-race' && opA > opB) {
      // A race is a pair of steps: one record whichever came first in this interleaving.
      const [ia, oa] = [interpA, opA];
      interpA = interpB;
      opA = opB;
      interpB = ia;
      opB = oa;
    }
    const kindIx = VIOLATION_KINDS.indexOf(kind);
    // Numeric key: kind, component, both steps (op ids < 65536; creation keyed by the interpreter).
    const a = opA + 1;
    const b = opB < 0 ? 65535 - interpB : opB + 1;
    const key = ((kindIx * 4096 + comp) * 65536 + a) * 65536 + b;
    const rec = this.recs.get(key);
    if (rec) {
      if (rec.lastRun !== this.run) {
        rec.lastRun = this.run;
        rec.count++;
      }
      return;
    }
    this.recs.set(key, {
      kind,
      comp,
      interpA,
      opA,
      interpB,
      opB,
      // Described once, when first seen: a number is a location (>= 0) or an object (~(objectBase + id)).
      detail: typeof detail === 'string' ? detail : this.describe(detail),
      ...(failure ? { exception: failure.exception, message: failure.message } : {}),
      count: 1,
      lastRun: this.run,
      order: this.recs.size,
    });
  }

  private readonly onRace = (
    loc: number,
    prevInterp: number,
    prevOp: number,
    interp: number,
    op: number,
  ): void => {
    const m = this.m;
    let comp: number;
    if (loc < m.compIds.length) comp = loc;
    else if (loc < m.objectBase) {
      comp = m.modules[m.moduleOfGlobal[loc - m.compIds.length]!]!.comp;
    } else comp = this.objComp[loc - m.objectBase]!;
    this.record('data-race', comp, prevInterp, prevOp, interp, op, loc);
  };

  /** What a location (>= 0) or an object (~location) is, in words. */
  private describe(code: number): string {
    const m = this.m;
    const loc = code < 0 ? ~code : code;
    if (loc < m.compIds.length) return locationName(m.compIds[loc]!);
    if (loc < m.objectBase) {
      const mod = m.modules[m.moduleOfGlobal[loc - m.compIds.length]!]!;
      return `static global '${mod.globals[loc - mod.globalLoc]}' of ${mod.name}`;
    }
    const o = loc - m.objectBase;
    const label = this.objectLabel(o);
    return code < 0 ? label : `ob_refcnt of ${label}`;
  }

  private objectLabel(o: number): string {
    const m = this.m;
    const comp = this.objComp[o]!;
    const arg = this.objArg[o]!;
    const id = m.compIds[comp]!;
    if (this.objFlags[o]! & CACHED) {
      if (id.startsWith('singleton.')) return id.slice('singleton.'.length);
      if (comp === m.c.smallInts) return `the small int ${arg - 5}`;
      if (comp === m.c.latin1) return `the latin-1 string ${JSON.stringify(String.fromCharCode(arg))}`;
      if (comp === m.c.interned) return `the interned string ${JSON.stringify(m.strings[arg])}`;
      if (comp === m.c.pending) return 'a pending call';
      const mod = m.modules.find((x) => x.comp === comp);
      if (mod) return `the object in static global '${mod.globals[arg]}' of ${mod.name}`;
      return `the object ${catalog.components[comp]?.cpythonName ?? id}`;
    }
    return `a ${PY_TYPES[this.objType[o]!]} object`;
  }

  // --- memory accesses --------------------------------------------------------------------------

  /** An access to a component's runtime-wide location, according to its placement. */
  private access(
    comp: number,
    loc: number,
    write: boolean,
    i: number,
    op: number,
    mode = this.m.compMode[comp],
  ): void {
    if (!this.detect) return;
    switch (mode) {
      case LOCAL:
      case IMMORTAL:
        return;
      case PLAIN:
        if (write) this.hb.write(loc, i, op, this.onRace);
        else this.hb.read(loc, i, op, this.onRace);
        return;
      case ATOMIC: {
        // Atomics synchronise (seq_cst read-modify-write): no race, an order.
        const s = this.m.syncOfComp(comp);
        this.hb.acquire(i, s);
        this.hb.release(i, s);
        return;
      }
      case LOCKED: {
        const s = this.m.syncOfComp(comp);
        this.hb.acquire(i, s);
        if (write) this.hb.write(loc, i, op, this.onRace);
        else this.hb.read(loc, i, op, this.onRace);
        this.hb.release(i, s);
        return;
      }
    }
  }

  /** The allocator: pymalloc's pools are written on every allocation and deallocation. */
  private allocatorAccess(i: number, op: number): void {
    if (!this.detect) return;
    const a = this.m.allocatorOf[i]!;
    if (!this.m.allocatorShared[a]) return;
    const comp = this.m.c.obmalloc;
    // An allocator several interpreters use is shared state even when obmalloc is "per-interpreter".
    if (this.m.compMode[comp] === LOCAL) this.hb.write(comp, i, op, this.onRace);
    else this.access(comp, comp, true, i, op);
  }

  private newObject(type: number, i: number, op: number, comp: number, flags: number): number {
    if (this.objCount === this.cap) this.grow();
    const o = this.objCount++;
    this.totalObjects++;
    this.objType[o] = type;
    this.objFlags[o] = ALIVE | flags;
    this.objCreator[o] = i;
    this.objCreatorOp[o] = op;
    this.objAlloc[o] = this.m.allocatorOf[i]!;
    this.objAllocOp[o] = op;
    this.objComp[o] = comp;
    this.objXComp[o] = comp;
    this.objRc[o] = 1;
    if (this.detect) this.hb.clearLocation(this.m.objectBase + o);
    return o;
  }

  private grow(): void {
    const cap = this.cap * 2;
    const g = <T extends Uint8Array | Int16Array | Int32Array>(a: T, make: (n: number) => T): T => {
      const b = make(cap);
      b.set(a);
      return b;
    };
    this.objType = g(this.objType, (k) => new Uint8Array(k));
    this.objFlags = g(this.objFlags, (k) => new Uint8Array(k));
    this.objCreator = g(this.objCreator, (k) => new Int16Array(k));
    this.objCreatorOp = g(this.objCreatorOp, (k) => new Int32Array(k));
    this.objAlloc = g(this.objAlloc, (k) => new Int16Array(k));
    this.objAllocOp = g(this.objAllocOp, (k) => new Int32Array(k));
    this.objComp = g(this.objComp, (k) => new Int16Array(k));
    this.objXComp = g(this.objXComp, (k) => new Int16Array(k));
    this.objRc = g(this.objRc, (k) => new Int32Array(k));
    this.objArg = g(this.objArg, (k) => new Int32Array(k));
    this.cap = cap;
    this.hb.ensureLocations(this.m.objectBase + cap);
  }

  /** Py_INCREF / Py_DECREF: a write of ob_refcnt, unless the object is immortal (PEP 683). */
  private refWrite(o: number, i: number, op: number, delta: number): void {
    if (this.objFlags[o]! & IMMORTAL_OBJ) return;
    this.objRc[o] = this.objRc[o]! + delta;
    if (!this.detect) return;
    const comp = this.objComp[o]!;
    // Ordinary objects follow object.refcnt's placement; shared caches follow their component's.
    const modeComp = this.objFlags[o]! & CACHED ? comp : this.m.c.refcnt;
    const mode = this.m.compMode[modeComp];
    const loc = this.m.objectBase + o;
    if (mode === ATOMIC || mode === LOCKED) {
      const s = this.m.syncOfComp(modeComp);
      this.hb.acquire(i, s);
      if (mode === LOCKED) this.hb.write(loc, i, op, this.onRace);
      this.hb.release(i, s);
    } else this.hb.write(loc, i, op, this.onRace);
  }

  /** The "debug mode" check of bpo-40512: an object used by an interpreter that did not create it. */
  private useObject(o: number, i: number, op: number): void {
    if (!this.detect || this.objFlags[o]! & IMMORTAL_OBJ) return;
    const creator = this.objCreator[o]!;
    if (creator !== i) {
      this.record(
        'cross-interpreter-object',
        this.objXComp[o]!,
        creator,
        this.objCreatorOp[o]!,
        i,
        op,
        ~(this.m.objectBase + o),
      );
    }
  }

  private freeListScope(comp: number, i: number): number {
    return this.m.compMode[comp] === LOCAL ? i : 0;
  }

  private alloc(type: number, i: number, op: number): number {
    const fl = this.m.freeListComp[type]!;
    if (fl >= 0) {
      const scope = this.freeListScope(fl, i);
      this.access(fl, fl, true, i, op);
      const idx = type * this.m.n + scope;
      const top = this.freeTop[idx]!;
      if (top > 0) {
        const o = this.freeLists[idx]![top - 1]!;
        this.freeTop[idx] = top - 1;
        this.objXComp[o] = fl;
        // A dead object from the free list is re-initialised: whoever freed it into the list is the
        // interpreter that last owned its memory.
        this.useObject(o, i, op);
        this.objFlags[o] = ALIVE;
        this.objCreator[o] = i;
        this.objCreatorOp[o] = op;
        this.objComp[o] = fl;
        this.objXComp[o] = fl;
        this.objRc[o] = 0;
        // A tuple from the free list does not keep its old items.
        this.objItems.delete(o);
        this.tupleBad.delete(o);
        this.refWrite(o, i, op, 1);
        return o;
      }
    }
    this.allocatorAccess(i, op);
    const o = this.newObject(type, i, op, this.m.c.refcnt, 0);
    if (this.detect) this.hb.write(this.m.objectBase + o, i, op, this.onRace);
    return o;
  }

  /** The last reference goes: back to the free list if it has room, else to the allocator. */
  private dealloc(o: number, i: number, op: number): void {
    const flags = this.objFlags[o]!;
    if (!(flags & ALIVE)) return;
    if (flags & CACHED) {
      this.refWrite(o, i, op, -1);
      return;
    }
    this.refWrite(o, i, op, -this.objRc[o]!);
    this.objFlags[o] = flags & ~ALIVE;
    const type = this.objType[o]!;
    const fl = this.m.freeListComp[type]!;
    if (fl >= 0) {
      const scope = this.freeListScope(fl, i);
      this.access(fl, fl, true, i, op);
      const idx = type * this.m.n + scope;
      const top = this.freeTop[idx]!;
      const list = this.freeLists[idx]!;
      if (top < list.length) {
        list[top] = o;
        this.freeTop[idx] = top + 1;
        this.objCreator[o] = i;
        this.objCreatorOp[o] = op;
        return;
      }
    }
    this.allocatorAccess(i, op);
    if (this.detect && this.objAlloc[o] !== this.m.allocatorOf[i]) {
      // Objects/obmalloc.c: freeing a block into an allocator that did not hand it out.
      const owner = this.objAlloc[o]!;
      this.record(
        'cross-allocator-free',
        this.m.c.obmalloc,
        owner,
        this.objAllocOp[o]!,
        i,
        op,
        ~(this.m.objectBase + o),
      );
    }
  }

  /** A cached object (singleton, small int, latin-1 char, interned string, ext global). */
  private cached(
    table: Int32Array,
    slot: number,
    comp: number,
    type: number,
    i: number,
    op: number,
    creatorOp = -1,
  ): number {
    const mode = this.m.compMode[comp]!;
    const scope = mode === LOCAL ? i : 0;
    const idx = slot * this.m.n + scope;
    let o = table[idx]!;
    if (o < 0) {
      // Static objects are created at runtime init by the main interpreter; per-interpreter ones by theirs.
      const creator = mode === LOCAL ? i : creatorOp < 0 ? 0 : i;
      o = this.newObject(
        type,
        creator,
        creatorOp < 0 ? -1 : op,
        comp,
        CACHED | (mode === IMMORTAL ? IMMORTAL_OBJ : 0),
      );
      this.objArg[o] = slot;
      table[idx] = o;
    }
    return o;
  }

  private bindOrRelease(o: number, slot: number, slots: Int32Array, i: number, op: number): void {
    this.useObject(o, i, op);
    this.refWrite(o, i, op, 1);
    if (slot >= 0) slots[slot] = o;
    else this.refWrite(o, i, op, -1);
  }

  private forbidden(op: GuardedOperation, i: number, opId: number): void {
    const failure = checkOperation(op, this.m.configs[i]!, i === 0);
    if (failure) {
      this.record(
        'forbidden-operation',
        this.m.compIndex.get(failure.component)!,
        i,
        opId,
        i,
        opId,
        op,
        failure,
      );
    }
  }

  /**
   * The first object cross-interpreter data refuses in `o`: itself, or a tuple's item in the order
   * `_tuple_shared` recurses; -1 if none. O(1): a tuple's answer is computed once, when it is allocated,
   * from its items' answers (a tuple holds references: its items are what they were then).
   */
  private firstUnshareable(o: number): number {
    const type = PY_TYPES[this.objType[o]!]!;
    if (!isShareableType(type, this.m.python)) return o;
    return type === 'tuple' ? (this.tupleBad.get(o) ?? -1) : -1;
  }

  /**
   * An object as cross-interpreter data's messages show it. NON-CPYTHON: past `budget.nodes` objects a
   * tuple's remaining items show as `…` (CPython would print them all, however many).
   */
  private xiValue(o: number, budget = { nodes: 256 }): XiValue {
    budget.nodes--;
    const type = PY_TYPES[this.objType[o]!]!;
    const items = this.objItems.get(o);
    let values: XiValue[] | undefined;
    if (items && items.length > 0) {
      values = [];
      for (const x of items) {
        if (budget.nodes <= 0) {
          values.push({ type: 'ellipsis', display: '…' });
          break;
        }
        values.push(this.xiValue(x, budget));
      }
    }
    let display = displayOf(type, values);
    if (this.objFlags[o]! & CACHED) {
      const comp = this.objComp[o]!;
      const arg = this.objArg[o]!;
      if (type === 'bool') display = this.m.c.singletons.indexOf(comp) === 1 ? 'True' : 'False';
      else if (comp === this.m.c.smallInts) display = String(arg - 5);
      else if (comp === this.m.c.latin1) display = String.fromCharCode(arg);
      else if (comp === this.m.c.interned) display = this.m.strings[arg]!;
    } else {
      display = this.objValue.get(o) ?? display;
    }
    return values ? { type, display, items: values } : { type, display };
  }

  /** Executes one op of interpreter `i`. */
  exec(i: number, ins: Instr, slots: Int32Array): void {
    const m = this.m;
    const op = ins.id;
    this.totalSteps++;
    switch (ins.code) {
      case Code.Alloc: {
        const o = this.alloc(tid(ins.type as PyType), i, op);
        if (ins.items && ins.items.length > 0) {
          const items: number[] = [];
          for (const s of ins.items) if (slots[s]! >= 0) items.push(slots[s]!);
          this.objItems.set(o, items);
          let bad = -1;
          for (const x of items) {
            bad = this.firstUnshareable(x);
            if (bad >= 0) break;
          }
          this.tupleBad.set(o, bad);
        }
        slots[ins.a] = o;
        return;
      }
      case Code.Free: {
        const o = slots[ins.a]!;
        if (o < 0) return;
        this.useObject(o, i, op);
        this.dealloc(o, i, op);
        slots[ins.a] = -1;
        return;
      }
      case Code.Incref:
      case Code.Decref:
      case Code.Use: {
        const o = slots[ins.a]!;
        if (o < 0 || !(this.objFlags[o]! & ALIVE)) return;
        this.useObject(o, i, op);
        if (ins.code === Code.Incref) this.refWrite(o, i, op, 1);
        else if (ins.code === Code.Use) {
          this.refWrite(o, i, op, 1);
          this.refWrite(o, i, op, -1);
        } else if (this.objRc[o]! <= 1 && !(this.objFlags[o]! & (CACHED | IMMORTAL_OBJ))) {
          this.dealloc(o, i, op);
          slots[ins.a] = -1;
        } else this.refWrite(o, i, op, -1);
        return;
      }
      case Code.Singleton: {
        const comp = m.c.singletons[ins.a]!;
        const type = tid(SINGLETON_TYPE[SINGLETON_NAMES[ins.a]!]);
        this.bindOrRelease(this.cached(this.singletonObj, ins.a, comp, type, i, op), ins.b, slots, i, op);
        return;
      }
      case Code.SmallInt: {
        // Objects/longobject.c: -5..256 come from the small-int cache (NSMALLNEGINTS, NSMALLPOSINTS).
        if (ins.a >= -5 && ins.a <= 256) {
          const o = this.cached(this.smallIntObj, ins.a + 5, m.c.smallInts, tid('int'), i, op);
          this.bindOrRelease(o, ins.b, slots, i, op);
        } else this.objValue.set(this.bindFresh(tid('int'), ins.b, slots, i, op), String(ins.a));
        return;
      }
      case Code.Char: {
        // Objects/unicodeobject.c: one-character latin-1 strings are cached singletons.
        if (ins.a < 256) {
          const o = this.cached(this.latin1Obj, ins.a, m.c.latin1, tid('str'), i, op);
          this.bindOrRelease(o, ins.b, slots, i, op);
        } else
          this.objValue.set(this.bindFresh(tid('str'), ins.b, slots, i, op), String.fromCodePoint(ins.a));
        return;
      }
      case Code.Intern: {
        // PyUnicode_InternInPlace: look the string up in the interned dict, insert it if missing.
        const comp = m.c.interned;
        // Immortal is not immutable: immortal interned strings still live in a shared, plain dict.
        const dictMode = m.compMode[comp] === IMMORTAL ? PLAIN : m.compMode[comp];
        this.access(comp, comp, false, i, op, dictMode);
        const scope = m.compMode[comp] === LOCAL ? i : 0;
        if (this.internObj[ins.a * m.n + scope]! < 0) this.access(comp, comp, true, i, op, dictMode);
        const o = this.cached(this.internObj, ins.a, comp, tid('str'), i, op, op);
        this.bindOrRelease(o, ins.b, slots, i, op);
        return;
      }
      case Code.Import:
        this.importModule(ins.a, i, op);
        return;
      case Code.Call:
        this.callModule(ins.a, i, op);
        return;
      case Code.Signal:
        // trip_signal() sets the flag (in the main interpreter, which handles signals); every eval loop
        // reads it through the eval breaker.
        this.access(m.c.signals, m.c.signals, i === 0, i, op);
        return;
      case Code.GilDropRequest:
        // A thread waiting for the GIL sets gil_drop_request; the holder's eval loop reads and resets it.
        this.access(m.c.gilDrop, m.c.gilDrop, true, i, op);
        return;
      case Code.PendingCall: {
        // make_pending_calls() runs what is queued, whoever queued it; then Py_AddPendingCall() queues ours.
        const comp = m.c.pending;
        this.access(comp, comp, true, i, op);
        const queue = this.pending[m.compMode[comp] === LOCAL ? i : 0]!;
        for (const o of queue) {
          this.useObject(o, i, op);
          this.refWrite(o, i, op, -1);
        }
        queue.length = 0;
        queue.push(this.newObject(tid('callable'), i, op, comp, CACHED));
        return;
      }
      case Code.Gc:
        this.access(m.c.gc, m.c.gc, true, i, op);
        return;
      case Code.Warn:
        this.access(m.c.warnings, m.c.warnings, false, i, op);
        this.access(m.c.warnings, m.c.warnings, true, i, op);
        return;
      case Code.SignalHandler:
        this.forbidden('signal_handler', i, op);
        return;
      case Code.Thread:
        this.forbidden('thread', i, op);
        return;
      case Code.DaemonThread:
        this.forbidden('daemon_thread', i, op);
        return;
      case Code.Fork:
        this.forbidden('fork', i, op);
        return;
      case Code.Exec:
        this.forbidden('exec', i, op);
        return;
      case Code.Subprocess:
        this.forbidden('subprocess', i, op);
        return;
      case Code.Send:
      case Code.SendRaw: {
        const o = slots[ins.a]!;
        const to = ins.b;
        if (o < 0 || to < 0 || m.configFailures[to]) return;
        let entry: Entry;
        if (ins.code === Code.Send) {
          const badObject = this.firstUnshareable(o);
          if (badObject >= 0) {
            this.record(
              'forbidden-operation',
              m.compIndex.get('crossinterp.raw')!,
              i,
              op,
              i,
              op,
              'send',
              notShareable(this.xiValue(badObject), m.python),
            );
            return;
          }
          const value = this.xiValue(o);
          entry = {
            obj: o,
            raw: false,
            type: this.objType[o]!,
            items: value.items,
            ...this.copyOf(o, value),
          };
        } else {
          // A buggy extension hands over the very object.
          this.objXComp[o] = ins.c;
          entry = {
            obj: o,
            raw: true,
            type: this.objType[o]!,
            items: undefined,
            copy: COPY_FRESH,
            slot: -1,
            display: '',
          };
        }
        this.inbox[to]!.push(entry);
        this.blocked[to] = 0;
        // The channel's lock orders the send before the matching recv.
        if (this.detect) this.hb.release(i, m.syncOfChannel(to));
        return;
      }
      case Code.Recv: {
        const entry = this.inbox[i]!.shift();
        if (!entry) return;
        if (this.detect) this.hb.acquire(i, m.syncOfChannel(i));
        if (entry.raw) {
          this.bindOrRelease(entry.obj, ins.a, slots, i, op);
          return;
        }
        // Copied into the receiver: its own cached object for the value, else a new object of the type.
        const s = entry.slot;
        switch (entry.copy) {
          case COPY_SINGLETON:
            this.bindOrRelease(
              this.cached(this.singletonObj, s, m.c.singletons[s]!, entry.type, i, op),
              ins.a,
              slots,
              i,
              op,
            );
            return;
          case COPY_SMALL_INT:
            this.bindOrRelease(
              this.cached(this.smallIntObj, s, m.c.smallInts, entry.type, i, op),
              ins.a,
              slots,
              i,
              op,
            );
            return;
          case COPY_LATIN1:
            this.bindOrRelease(
              this.cached(this.latin1Obj, s, m.c.latin1, entry.type, i, op),
              ins.a,
              slots,
              i,
              op,
            );
            return;
        }
        if (m.freeListComp[entry.type]! >= 0) {
          // PyFloat_FromDouble and PyTuple_New take from their free lists.
          slots[ins.a] = this.alloc(entry.type, i, op);
          return;
        }
        this.objValue.set(this.bindFresh(entry.type, ins.a, slots, i, op), entry.display);
        return;
      }
      case Code.Touch:
        this.touch(ins.a, ins.b === 1, i, op);
        return;
      case Code.RepeatStart:
      case Code.RepeatEnd:
        return;
      default:
        assertNever(ins.code, 'code');
    }
  }

  /** Which cached object of the receiver a copy of `o` is (see COPY_*). */
  private copyOf(o: number, value: XiValue): { copy: number; slot: number; display: string } {
    const display = value.display;
    if (value.type === 'NoneType') return { copy: COPY_SINGLETON, slot: 0, display };
    if (value.type === 'bool') return { copy: COPY_SINGLETON, slot: display === 'True' ? 1 : 2, display };
    if (this.objFlags[o]! & CACHED) {
      const comp = this.objComp[o]!;
      const arg = this.objArg[o]!;
      const singleton = this.m.c.singletons.indexOf(comp);
      if (singleton >= 0) return { copy: COPY_SINGLETON, slot: singleton, display };
      if (comp === this.m.c.smallInts) return { copy: COPY_SMALL_INT, slot: arg, display };
      if (comp === this.m.c.latin1) return { copy: COPY_LATIN1, slot: arg, display };
    }
    return { copy: COPY_FRESH, slot: -1, display };
  }

  private bindFresh(type: number, slot: number, slots: Int32Array, i: number, op: number): number {
    this.allocatorAccess(i, op);
    const o = this.newObject(type, i, op, this.m.c.refcnt, 0);
    if (this.detect) this.hb.write(this.m.objectBase + o, i, op, this.onRace);
    if (slot >= 0) slots[slot] = o;
    else this.dealloc(o, i, op);
    return o;
  }

  private touch(comp: number, write: boolean, i: number, op: number): void {
    this.access(comp, comp, write, i, op);
    const component = catalog.components[comp];
    if (!component || !/a Python object/.test(component.description)) return;
    // A C global holding an object: created at runtime init, used by whoever touches it.
    const mode = this.m.compMode[comp]!;
    const key = comp * this.m.n + (mode === LOCAL ? i : 0);
    let o = this.touchObj.get(key);
    if (o === undefined) {
      o = this.newObject(
        tid('object'),
        mode === LOCAL ? i : 0,
        -1,
        comp,
        CACHED | (mode === IMMORTAL ? IMMORTAL_OBJ : 0),
      );
      this.touchObj.set(key, o);
    }
    this.useObject(o, i, op);
    this.refWrite(o, i, op, 1);
    this.refWrite(o, i, op, -1);
  }

  private importModule(mi: number, i: number, op: number): void {
    const m = this.m;
    const mod = m.modules[mi]!;
    const n = m.n;
    if (this.imported[mi * n + i]) {
      this.access(m.c.import, m.c.import, false, i, op); // found in sys.modules
      return;
    }
    // importlib's _find_and_load takes a module lock in _module_locks (import state) before loading.
    this.access(m.c.import, m.c.import, true, i, op);
    const failure = checkImport(mod.def, m.configs[i]!, i === 0);
    if (failure) {
      this.record('import-error', mod.comp, i, op, i, op, mod.name, failure);
      return;
    }
    this.imported[mi * n + i] = 1;
    if (mod.placement === 'shared' && this.moduleInitBy[mi]! < 0) {
      // Single-phase init runs once per process; later imports copy m_copy (Python/import.c).
      this.moduleInitBy[mi] = i;
      for (let k = 0; k < mod.globals.length; k++) {
        const idx = (mod.globalLoc - m.compIds.length + k) * n;
        const o = this.newObject(tid('object'), i, op, mod.comp, CACHED);
        this.objArg[o] = k;
        this.moduleGlobalObj[idx] = o;
      }
    }
    this.touchModuleGlobals(mod, i, op);
  }

  private callModule(mi: number, i: number, op: number): void {
    const mod = this.m.modules[mi]!;
    if (!this.imported[mi * this.m.n + i]) return; // its import failed
    this.touchModuleGlobals(mod, i, op);
  }

  /** A single-phase module's static globals are process-wide; a multi-phase module uses its module state. */
  private touchModuleGlobals(mod: ModuleModel, i: number, op: number): void {
    const m = this.m;
    switch (mod.placement) {
      case 'per-interpreter':
        return;
      case 'shared':
        for (let k = 0; k < mod.globals.length; k++) {
          this.access(mod.comp, mod.globalLoc + k, true, i, op);
          const o = this.moduleGlobalObj[(mod.globalLoc - m.compIds.length + k) * m.n]!;
          if (o >= 0) {
            this.useObject(o, i, op);
            this.refWrite(o, i, op, 1);
            this.refWrite(o, i, op, -1);
          }
        }
        return;
      case 'locked':
      case 'atomic':
        for (let k = 0; k < mod.globals.length; k++) this.access(mod.comp, mod.globalLoc + k, true, i, op);
        return;
      case 'immortal':
        return;
      default:
        assertNever(mod.placement, 'placement');
    }
  }

  violations(): Violation[] {
    const m = this.m;
    const recs = [...this.recs.values()];
    recs.sort((x, y) => x.order - y.order);
    const out = recs.map((r): Violation => {
      const component = m.compIds[r.comp]!;
      const a = r.opA < 0 && r.kind === 'config-error' ? null : m.step(r.opA);
      const b =
        r.opB < 0
          ? { interpreter: m.names[r.interpB]!, index: -1, op: 'Py_NewInterpreterFromConfig' }
          : m.step(r.opB);
      const nameA = m.names[r.interpA]!;
      const nameB = m.names[r.interpB]!;
      const steps = a && (r.opA !== r.opB || r.interpA !== r.interpB) ? [a, b] : [b];
      const interpreters = nameA === nameB || r.kind === 'config-error' ? [nameB] : [nameA, nameB];
      let message: string;
      switch (r.kind) {
        case 'data-race':
          message = `${component}: ${b.op} in ${nameB} and ${a!.op} in ${nameA} access ${r.detail} with no common lock and no happens-before order (${this.gilText(r.interpA)}, ${this.gilText(r.interpB)})`;
          break;
        case 'cross-interpreter-object':
          message = component.startsWith('freelist.')
            ? `${component}: ${b.op} in ${nameB} reuses ${r.detail} that ${nameA} freed into the shared free list (${a!.op})`
            : `${component}: ${b.op} in ${nameB} uses ${r.detail} created by ${nameA}${a!.index < 0 ? ' at runtime init' : ` (${a!.op})`}, and it is not immortal`;
          break;
        case 'cross-allocator-free':
          message = `obmalloc: ${b.op} in ${nameB} frees ${r.detail} that ${nameA}'s allocator handed out (${a!.op}); freeing it into another interpreter's obmalloc corrupts it`;
          break;
        case 'config-error':
        case 'import-error':
        case 'forbidden-operation':
          message = r.message ?? r.detail;
          break;
        default:
          message = assertNever(r.kind, 'kind');
      }
      return {
        kind: r.kind,
        component,
        interpreters,
        steps,
        message,
        ...(r.exception !== undefined ? { exception: r.exception } : {}),
        count: r.count,
      };
    });
    const stepKey = (v: Violation) =>
      v.steps
        .map(
          (s) =>
            `${String(m.names.indexOf(s.interpreter)).padStart(3, '0')}:${String(s.index + 1).padStart(6, '0')}`,
        )
        .join('|');
    out.sort(
      (x, y) =>
        VIOLATION_KINDS.indexOf(x.kind) - VIOLATION_KINDS.indexOf(y.kind) ||
        (x.component < y.component ? -1 : x.component > y.component ? 1 : 0) ||
        (stepKey(x) < stepKey(y) ? -1 : stepKey(x) > stepKey(y) ? 1 : 0),
    );
    return out;
  }

  private gilText(i: number): string {
    const g = this.m.gilOf[i]!;
    return `${this.m.names[i]} holds ${g === i ? (i === 0 || !this.m.gilShared[g] ? 'its own GIL' : 'the main GIL') : `${this.m.names[g]}'s GIL`}`;
  }
}

/** A seeded PRNG (mulberry32): the scheduler's only source of choice. */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (t ^ (t >>> 14)) >>> 0;
  };
}

/** An interpreter's program as a generator: it yields at each scheduling point (after each op). */
export function* interpreterLoop(rt: RuntimeState, i: number): Generator<number, void, void> {
  const prog = rt.m.programs[i]!;
  const code = prog.code;
  const counters = new Int32Array(Math.max(1, prog.maxDepth));
  const slots = new Int32Array(Math.max(1, prog.slots.length)).fill(-1);
  let pc = 0;
  while (pc < code.length) {
    const ins = code[pc]!;
    if (ins.code === Code.RepeatStart) {
      if (ins.a <= 0) pc = ins.b + 1;
      else {
        counters[ins.c] = ins.a;
        pc++;
      }
      continue;
    }
    if (ins.code === Code.RepeatEnd) {
      counters[ins.c] = counters[ins.c]! - 1;
      pc = counters[ins.c]! > 0 ? ins.a + 1 : pc + 1;
      continue;
    }
    if (ins.code === Code.Recv && rt.inbox[i]!.length === 0) {
      yield BLOCKED;
      continue;
    }
    rt.exec(i, ins, slots);
    pc++;
    yield STEPPED;
  }
}

/**
 * Runs a scenario: `runs` seeded interleavings. Pure and synchronous; the same scenario and seed give
 * the same report byte for byte, except `stats.durationMs` (pass `timing: false` to get 0 there).
 */
export function runScenario(scenario: Scenario, options: RunOptions = {}): SimReport {
  const started = options.timing === false ? 0 : performance.now();
  const model = new RuntimeModel(scenario);
  const rt = new RuntimeState(model, options.detectors !== false);
  const n = model.n;
  const gens: (Generator<number, void, void> | null)[] = new Array(n).fill(null);
  const done = new Uint8Array(n);
  const runnable = new Int32Array(n);
  for (let run = 0; run < scenario.runs; run++) {
    rt.startRun(run);
    const next = mulberry32((scenario.seed ^ Math.imul(run + 1, 0x9e3779b1)) >>> 0);
    for (let i = 0; i < n; i++) {
      const created = !model.configFailures[i];
      gens[i] = created ? interpreterLoop(rt, i) : null;
      done[i] = created ? 0 : 1;
    }
    for (;;) {
      let count = 0;
      for (let i = 0; i < n; i++) if (!done[i] && !rt.blocked[i]) runnable[count++] = i;
      if (count === 0) break; // finished, or every live interpreter waits on recv
      const i = runnable[next() % count]!;
      const quantum = 1 + (next() & 3);
      const g = model.gilOf[i]!;
      const shared = rt.detect && model.gilShared[g] === 1;
      if (shared) rt.hb.acquire(i, g);
      const gen = gens[i]!;
      for (let q = 0; q < quantum; q++) {
        const r = gen.next();
        if (r.done) {
          done[i] = 1;
          break;
        }
        if (r.value === BLOCKED) {
          rt.blocked[i] = 1;
          break;
        }
      }
      if (shared) rt.hb.release(i, g);
    }
    options.onRun?.(run + 1, scenario.runs);
  }
  const violations = rt.violations();
  return {
    ok: violations.length === 0,
    violations,
    stats: {
      runs: scenario.runs,
      steps: rt.totalSteps,
      objects: rt.totalObjects,
      durationMs: options.timing === false ? 0 : Math.round((performance.now() - started) * 1000) / 1000,
    },
  };
}

/** Each interpreter's resolved config, GIL and allocator under the scenario's layout (no run). */
export function interpreterStates(scenario: Scenario): InterpreterState[] {
  return new RuntimeModel(scenario).interpreters;
}
