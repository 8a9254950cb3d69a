// The objects of a run and the memory behind them: the object table (type, reference count, who
// created it, which allocator handed it out), the free lists of Objects/tupleobject.c, listobject.c,
// dictobject.c, floatobject.c, frameobject.c... and the small-object allocator of Objects/obmalloc.c
// (pools written on every allocation and deallocation), the caches of cached objects (singletons,
// small ints of Objects/longobject.c, latin-1 characters and interned strings of
// Objects/unicodeobject.c), and reference counting (Include/object.h: Py_INCREF, Py_DECREF; immortal
// objects are never written, PEP 683). Each access goes through the detectors.
//
// Kept as structure-of-arrays indexed by object id, reused across runs; a cache is indexed by
// slot * n + scope, where scope is 0 for runtime-wide state, else the interpreter.

import { catalog, freeListOf } from './catalog.js';
import type { Detectors } from './detectors.js';
import { internIn } from './intern-table.js';
import { AccessMode, type Layout } from './layout.js';
import { bytesRepr } from './object-repr.js';
import { ALLOC_TYPES, SINGLETON_NAMES } from './ops.js';
import type { Interpreters } from './pystate.js';
import { SMALL_INT_MAX, SMALL_INT_MIN, STATIC_STRINGS } from './value-cache.js';

/** Slots for the statically allocated strings of any version (indices into its `STATIC_STRINGS`). */
const STATIC_STRING_SLOTS = Math.max(...Object.values(STATIC_STRINGS).map((s) => s.length));

/** The types of the objects a run creates (`ob_type`). */
export const PY_TYPES = [
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
] as const;
export type PyType = (typeof PY_TYPES)[number];

const TYPE_ID = new Map<string, number>(PY_TYPES.map((t, i) => [t, i]));
/** A type's id in the object table. */
export const typeId = (t: PyType): number => TYPE_ID.get(t)!;

/** The type of each singleton, by `SINGLETON_NAMES` index. */
export const SINGLETON_TYPE_IDS = SINGLETON_NAMES.map((name) =>
  typeId(
    (
      {
        None: 'NoneType',
        True: 'bool',
        False: 'bool',
        Ellipsis: 'ellipsis',
        NotImplemented: 'NotImplementedType',
        empty_tuple: 'tuple',
        empty_bytes: 'bytes',
        empty_str: 'str',
      } as const
    )[name],
  ),
);

// Object flags.
export const ALIVE = 1;
export const IMMORTAL_OBJ = 2;
/** A cached/shared object (singleton, small int, interned...): `free` only drops a reference. */
export const CACHED = 4;

export class ObjectHeap {
  static readonly INITIAL_CAPACITY = 1024;
  totalObjects = 0;
  private cap = ObjectHeap.INITIAL_CAPACITY;
  objCount = 0;
  objType = new Uint8Array(this.cap);
  objFlags = new Uint8Array(this.cap);
  /** Who created it (or last freed it into a free list), and at which op. */
  objCreator = new Int16Array(this.cap);
  objCreatorOp = new Int32Array(this.cap);
  /** Whose allocator handed it out, and at which op. */
  objAlloc = new Int16Array(this.cap);
  objAllocOp = new Int32Array(this.cap);
  /** Its component: a cache's, a free list's, or `object.refcnt` for an ordinary object. */
  objComp = new Int16Array(this.cap);
  /** The component a cross-interpreter use of it is blamed on. */
  objXComp = new Int16Array(this.cap);
  objRc = new Int32Array(this.cap);
  /** Which cached object it is: singleton index, small int + 5, character, string id, global index. */
  objArg = new Int32Array(this.cap);
  /** A tuple's items. */
  readonly objItems = new Map<number, number[]>();
  /** Per tuple with items: the first object cross-interpreter data refuses in it, or -1 (set at alloc). */
  readonly tupleBad = new Map<number, number>();
  /**
   * The value a program gave a fresh object (an int's digits, a str's or bytes' text, a frame's or async
   * generator's code name; object-repr.ts shows them), as an id into `texts`, or -1.
   */
  objValueId = new Int32Array(this.cap);
  /** Per received tuple copy: `str()` of the tuple it copies, which it shows as its own (id or -1). */
  objShownId = new Int32Array(this.cap);
  /** The distinct texts of a run (a text per object would be a map of millions of entries). */
  private readonly texts: string[] = [];
  private readonly textIds = new Map<string, number>();
  /** Per tuple with items: the first object pickle refuses in it, or -1 (set at alloc). */
  readonly tupleUnpicklable = new Map<number, number>();

  // Caches, by slot * n + scope.
  readonly singletonObj: Int32Array;
  readonly smallIntObj: Int32Array;
  readonly latin1Obj: Int32Array;
  readonly byteCharObj: Int32Array;
  readonly staticStrObj: Int32Array;
  readonly internObj: Int32Array;
  /** The object a C global holds, by component * n + scope (created when first touched). */
  readonly touchObj = new Map<number, number>();

  // Free lists, by type * n + scope.
  /** The free list's component of each type id, or -1. */
  readonly freeListComp: Int32Array;
  private readonly freeLists: Int32Array[];
  private readonly freeTop: Int32Array;

  constructor(
    private readonly layout: Layout,
    private readonly interps: Interpreters,
    private readonly det: Detectors,
    /** Interned strings by id (the compiled programs' string table). */
    private readonly strings: readonly string[],
  ) {
    const n = interps.n;
    this.singletonObj = new Int32Array(SINGLETON_NAMES.length * n);
    this.smallIntObj = new Int32Array((SMALL_INT_MAX - SMALL_INT_MIN + 1) * n);
    this.latin1Obj = new Int32Array(256 * n);
    this.byteCharObj = new Int32Array(256 * n);
    this.staticStrObj = new Int32Array(STATIC_STRING_SLOTS * n);
    this.internObj = new Int32Array(Math.max(1, strings.length) * n);
    this.freeListComp = new Int32Array(PY_TYPES.length).fill(-1);
    const capacity = new Int32Array(PY_TYPES.length);
    for (const type of ALLOC_TYPES) {
      const freeList = freeListOf(type);
      if (!freeList) continue;
      const t = typeId(type);
      this.freeListComp[t] = layout.compIndex.get(freeList.id)!;
      capacity[t] = freeList.freeListCapacity ?? 80;
    }
    this.freeLists = [];
    for (let t = 0; t < PY_TYPES.length; t++) {
      for (let s = 0; s < n; s++) this.freeLists.push(new Int32Array(capacity[t]!));
    }
    this.freeTop = new Int32Array(PY_TYPES.length * n);
  }

  /** A new run: no objects, empty caches and free lists. */
  startRun(): void {
    this.objCount = 0;
    this.objItems.clear();
    this.tupleBad.clear();
    this.texts.length = 0;
    this.textIds.clear();
    this.tupleUnpicklable.clear();
    this.singletonObj.fill(-1);
    this.smallIntObj.fill(-1);
    this.latin1Obj.fill(-1);
    this.byteCharObj.fill(-1);
    this.staticStrObj.fill(-1);
    this.internObj.fill(-1);
    this.touchObj.clear();
    this.freeTop.fill(0);
  }

  /** The component object `o`'s location belongs to, by location. */
  componentAt(loc: number): number {
    const layout = this.layout;
    if (loc < layout.compIds.length) return loc;
    if (loc < layout.objectBase)
      return layout.modules[layout.moduleOfGlobal[loc - layout.compIds.length]!]!.comp;
    return this.objComp[loc - layout.objectBase]!;
  }

  newObject(type: number, i: number, op: number, comp: number, flags: number): number {
    if (this.objCount === this.cap) this.grow();
    const o = this.objCount++;
    this.totalObjects++;
    this.objType[o] = type;
    this.objFlags[o] = ALIVE | flags;
    this.objCreator[o] = i;
    this.objCreatorOp[o] = op;
    this.objAlloc[o] = this.interps.allocatorOf[i]!;
    this.objAllocOp[o] = op;
    this.objComp[o] = comp;
    this.objXComp[o] = comp;
    this.objRc[o] = 1;
    this.objValueId[o] = -1;
    this.objShownId[o] = -1;
    if (this.det.enabled) this.det.hb.clearLocation(this.layout.objectBase + o);
    return o;
  }

  setValue(o: number, value: string): void {
    this.objValueId[o] = internIn(this.texts, this.textIds, value);
  }

  valueOf(o: number): string | undefined {
    const id = this.objValueId[o]!;
    return id < 0 ? undefined : this.texts[id];
  }

  setShown(o: number, shown: string): void {
    this.objShownId[o] = internIn(this.texts, this.textIds, shown);
  }

  shownOf(o: number): string | undefined {
    const id = this.objShownId[o]!;
    return id < 0 ? undefined : this.texts[id];
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
    this.objValueId = g(this.objValueId, (k) => new Int32Array(k));
    this.objShownId = g(this.objShownId, (k) => new Int32Array(k));
    this.cap = cap;
    this.det.hb.ensureLocations(this.layout.objectBase + cap);
  }

  /** Py_INCREF / Py_DECREF: a write of ob_refcnt, unless the object is immortal (PEP 683). */
  refWrite(o: number, i: number, op: number, delta: number): void {
    if (this.objFlags[o]! & IMMORTAL_OBJ) return;
    this.objRc[o] = this.objRc[o]! + delta;
    if (!this.det.enabled) return;
    // Ordinary objects follow object.refcnt's placement; shared caches follow their component's.
    const modeComp = this.objFlags[o]! & CACHED ? this.objComp[o]! : this.layout.c.refcnt;
    this.det.refcountWrite(this.layout.objectBase + o, modeComp, i, op);
  }

  /** The "debug mode" check of bpo-40512: an object used by an interpreter that did not create it. */
  useObject(o: number, i: number, op: number): void {
    if (!this.det.enabled || this.objFlags[o]! & IMMORTAL_OBJ) return;
    const creator = this.objCreator[o]!;
    if (creator !== i) {
      this.det.crossInterpreterObject(this.objXComp[o]!, creator, this.objCreatorOp[o]!, i, op, o);
    }
  }

  /** Interpreter `i` takes type `type`'s free list (component `fl`): a write of it; its index. */
  private freeListIndex(type: number, fl: number, i: number, op: number): number {
    this.det.access(fl, fl, true, i, op);
    return type * this.interps.n + (this.layout.compMode[fl] === AccessMode.Local ? i : 0);
  }

  /** A new object of `type` (a type id): from its free list if it has a dead one, else from obmalloc. */
  alloc(type: number, i: number, op: number): number {
    const fl = this.freeListComp[type]!;
    if (fl >= 0) {
      const idx = this.freeListIndex(type, fl, i, op);
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
        // A tuple from the free list does not keep its old items (nor anything else it showed).
        this.objItems.delete(o);
        this.tupleBad.delete(o);
        this.tupleUnpicklable.delete(o);
        this.objValueId[o] = -1;
        this.objShownId[o] = -1;
        this.refWrite(o, i, op, 1);
        return o;
      }
    }
    return this.allocFresh(type, i, op);
  }

  /** A new object straight from obmalloc. */
  allocFresh(type: number, i: number, op: number): number {
    this.det.allocatorAccess(i, op);
    const o = this.newObject(type, i, op, this.layout.c.refcnt, 0);
    if (this.det.enabled) this.det.hb.write(this.layout.objectBase + o, i, op, this.det.onRace);
    return o;
  }

  /** The last reference goes: back to the free list if it has room, else to the allocator. */
  dealloc(o: number, i: number, op: number): void {
    const flags = this.objFlags[o]!;
    if (!(flags & ALIVE)) return;
    if (flags & CACHED) {
      this.refWrite(o, i, op, -1);
      return;
    }
    this.refWrite(o, i, op, -this.objRc[o]!);
    this.objFlags[o] = flags & ~ALIVE;
    const type = this.objType[o]!;
    const fl = this.freeListComp[type]!;
    if (fl >= 0) {
      const idx = this.freeListIndex(type, fl, i, op);
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
    this.det.allocatorAccess(i, op);
    if (this.det.enabled && this.objAlloc[o] !== this.interps.allocatorOf[i]) {
      this.det.crossAllocatorFree(this.objAlloc[o]!, this.objAllocOp[o]!, i, op, o);
    }
  }

  /**
   * A cached object (singleton, small int, latin-1 char, one-byte bytes, interned string): `table[slot]` in the scope
   * its component's placement gives, created on first use. Static objects are created at runtime init
   * by the main interpreter (`creatorOp` -1); per-interpreter ones, and those created on demand
   * (`creatorOp` >= 0, e.g. an interned string), by the interpreter that asks.
   */
  cached(
    table: Int32Array,
    slot: number,
    comp: number,
    type: number,
    i: number,
    op: number,
    creatorOp = -1,
  ): number {
    const mode = this.layout.compMode[comp]!;
    const scope = mode === AccessMode.Local ? i : 0;
    const idx = slot * this.interps.n + scope;
    let o = table[idx]!;
    if (o < 0) {
      const creator = mode === AccessMode.Local ? i : creatorOp < 0 ? 0 : i;
      o = this.newObject(
        type,
        creator,
        creatorOp < 0 ? -1 : op,
        comp,
        CACHED | (this.layout.immortalObjects[comp] ? IMMORTAL_OBJ : 0),
      );
      this.objArg[o] = slot;
      table[idx] = o;
    }
    return o;
  }

  /** A reference to `o` taken: bound to the ref `slot` of the frame's `slots`, or dropped at once (-1). */
  bindOrRelease(o: number, slot: number, slots: Int32Array, i: number, op: number): void {
    this.useObject(o, i, op);
    this.refWrite(o, i, op, 1);
    if (slot >= 0) slots[slot] = o;
    else this.refWrite(o, i, op, -1);
  }

  /** A new object from obmalloc bound to the ref `slot`, or freed at once (-1); returns it. */
  bindFresh(type: number, slot: number, slots: Int32Array, i: number, op: number): number {
    const o = this.allocFresh(type, i, op);
    if (slot >= 0) slots[slot] = o;
    else this.dealloc(o, i, op);
    return o;
  }

  /** An object in words, for messages: which cached object it is, else its type. */
  objectLabel(o: number): string {
    const { c, compIds, modules } = this.layout;
    const comp = this.objComp[o]!;
    const arg = this.objArg[o]!;
    const id = compIds[comp]!;
    if (this.objFlags[o]! & CACHED) {
      if (id.startsWith('singleton.')) return id.slice('singleton.'.length);
      if (comp === c.smallInts) return `the small int ${arg + SMALL_INT_MIN}`;
      if (comp === c.latin1) return `the latin-1 string ${JSON.stringify(String.fromCharCode(arg))}`;
      if (comp === c.byteChars) return `the one-byte bytes ${bytesRepr(String.fromCharCode(arg))}`;
      if (comp === c.interned) return `the interned string ${JSON.stringify(this.strings[arg])}`;
      if (comp === c.staticStrings) return `the static string ${JSON.stringify(this.valueOf(o))}`;
      if (comp === c.pending) return 'a pending call';
      const mod = modules.find((x) => x.comp === comp);
      if (mod) return `the object in static global '${mod.globals[arg]}' of ${mod.name}`;
      return `the object ${catalog.components[comp]?.cpythonName ?? id}`;
    }
    return `a ${PY_TYPES[this.objType[o]!]} object`;
  }
}
