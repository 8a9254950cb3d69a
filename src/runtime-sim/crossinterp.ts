// Cross-interpreter data (Python/crossinterp.c, `_PyObject_GetCrossInterpreterData`; the channels of
// Modules/_interpchannelsmodule.c and 3.13's queues, Modules/_interpqueuesmodule.c): only registered
// shareable types pass between interpreters, copied into the receiver. 3.12 shares None, int, str,
// bytes; 3.13 adds bool, float, tuple (element-wise) and memoryview. An int must fit in 64 bits
// (`_PyLong_Shared`: OverflowError). A 3.13 queue pickles what it is given unless `syncobj`
// (Lib/test/support/interpreters/queues.py); 3.12 has no queues. `send_raw` models a buggy extension
// that hands over the very object instead. Measured: test/fixtures/cpython-observed/xidata.json.

import type { Detectors } from './detectors.js';
import type { RuleFailure } from './interpreter-config.js';
import type { Layout } from './layout.js';
import { CACHED, type ObjectHeap, PY_TYPES, type PyType } from './object-heap.js';
import { type ShownObject, strOf } from './object-repr.js';
import type { PythonVersion } from './scenario.js';
import { SMALL_INT_MIN } from './value-cache.js';

const SHAREABLE_312: ReadonlySet<PyType> = new Set(['NoneType', 'int', 'str', 'bytes']);
const SHAREABLE_313: ReadonlySet<PyType> = new Set([
  ...SHAREABLE_312,
  'bool',
  'float',
  'tuple',
  'memoryview',
]);

/** Whether objects of `type` are registered as shareable under `python` (a tuple still needs its items). */
export function isShareableType(type: PyType, python: PythonVersion): boolean {
  return (python === '3.12' ? SHAREABLE_312 : SHAREABLE_313).has(type);
}

/** CPython's exception for an unshareable object: ValueError (3.12), NotShareableError (3.13). */
export function notShareable(shown: ShownObject, python: PythonVersion): RuleFailure {
  return {
    exception: python === '3.12' ? 'ValueError' : 'NotShareableError',
    message: `${shown.display} does not support cross-interpreter data`,
    component: 'crossinterp.raw',
  };
}

/** `_PyLong_Shared`: an int that does not fit in a C int64_t. */
const INT_TOO_BIG: RuleFailure = {
  exception: 'OverflowError',
  message: 'try sending as bytes',
  component: 'crossinterp.raw',
};

/** 3.12 has no `_interpqueues` (the queue a send `via: 'queue'` needs). */
const NO_QUEUES: RuleFailure = {
  exception: 'ModuleNotFoundError',
  message: "No module named '_interpqueues'",
  component: 'import',
};

/** pickle's refusal of the types that cannot be pickled (their `__reduce_ex__`; measured messages). */
const UNPICKLABLE: Partial<Record<PyType, string>> = {
  frame: "cannot pickle 'frame' object",
  async_gen: "cannot pickle 'async_generator' object",
  memoryview: 'cannot pickle memoryview objects',
  context: "cannot pickle '_contextvars.Context' object",
};

const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;

/** An object in a channel: the very object (raw), or what the receiver's copy will be. */
interface Entry {
  obj: number;
  raw: boolean;
  type: number;
  /** The cached object CPython hands the receiver for the copy (COPY_*), and which one (`slot`). */
  copy: number;
  slot: number;
  /** A fresh copy's value (an int's digits, a str's or bytes' text), as the heap keeps it. */
  value: string | undefined;
  /** A tuple's `str()`, which its fresh copy shows as its own (it holds no items). */
  display: string | undefined;
}

// What the receiver's copy of cross-interpreter data is: Python/crossinterp.c rebuilds it with
// PyLong_FromSsize_t, PyUnicode_FromKindAndData, PyBytes_FromStringAndSize, PyTuple_New..., which hand
// out the receiver's cached objects (singletons, small ints, latin-1 characters, one-byte bytes) when the
// value has one.
const COPY_FRESH = 0;
const COPY_SINGLETON = 1;
const COPY_SMALL_INT = 2;
const COPY_LATIN1 = 3;
const COPY_BYTE = 4;

/** One channel per receiving interpreter: what was sent to it, in order, and whether it waits. */
export class Channels {
  readonly inbox: Entry[][];
  /** 1 while the interpreter waits in `recv` on an empty inbox. */
  readonly blocked: Uint8Array;

  constructor(
    n: number,
    private readonly layout: Layout,
    private readonly heap: ObjectHeap,
    private readonly det: Detectors,
    private readonly python: PythonVersion,
    private readonly strings: readonly string[],
  ) {
    this.inbox = Array.from({ length: n }, () => []);
    this.blocked = new Uint8Array(n);
  }

  startRun(): void {
    for (const q of this.inbox) q.length = 0;
    this.blocked.fill(0);
  }

  /**
   * `send` of `o` to `to`: through a channel (`mode` 0: copied, if shareable), a 3.13 queue (1:
   * pickled; 2: `syncobj`, as a channel), or `send_raw` (the very object, blamed on component `via`).
   */
  send(o: number, to: number, raw: boolean, mode: number, via: number, i: number, op: number): void {
    const heap = this.heap;
    let entry: Entry;
    if (!raw) {
      const failure = this.sendFailure(o, mode);
      if (failure) {
        const comp = this.layout.compIndex.get(failure.component)!;
        const kind = failure === NO_QUEUES ? 'import-error' : 'forbidden-operation';
        this.det.ruleFailure(kind, comp, i, op, 'send', failure);
        return;
      }
      entry = { obj: o, raw: false, type: heap.objType[o]!, ...this.copyOf(o) };
    } else {
      // A buggy extension hands over the very object.
      heap.objXComp[o] = via;
      entry = {
        obj: o,
        raw: true,
        type: heap.objType[o]!,
        copy: COPY_FRESH,
        slot: -1,
        value: undefined,
        display: undefined,
      };
    }
    this.inbox[to]!.push(entry);
    this.blocked[to] = 0;
    // The channel's lock orders the send before the matching recv.
    if (this.det.enabled) this.det.hb.release(i, this.det.syncOfChannel(to));
  }

  /** Why CPython refuses to send `o` this way, or null. */
  private sendFailure(o: number, mode: number): RuleFailure | null {
    if (mode !== 0 && this.python === '3.12') return NO_QUEUES;
    if (mode === 1) {
      const bad = this.firstUnpicklable(o);
      return bad < 0
        ? null
        : {
            exception: 'TypeError',
            message: UNPICKLABLE[PY_TYPES[this.heap.objType[bad]!]!]!,
            component: 'crossinterp.raw',
          };
    }
    const bad = this.firstUnshareable(o);
    if (bad < 0) return null;
    // An int is shareable by type; one that does not fit in 64 bits fails when its data is made.
    return PY_TYPES[this.heap.objType[bad]!] === 'int' && isShareableType('int', this.python)
      ? INT_TOO_BIG
      : notShareable(this.shown(bad), this.python);
  }

  /** `recv`: the next object sent to `i`, bound to `slot`; nothing if none came. */
  recv(slot: number, slots: Int32Array, i: number, op: number): void {
    const entry = this.inbox[i]!.shift();
    if (!entry) return;
    const heap = this.heap;
    const c = this.layout.c;
    if (this.det.enabled) this.det.hb.acquire(i, this.det.syncOfChannel(i));
    if (entry.raw) {
      heap.bindOrRelease(entry.obj, slot, slots, i, op);
      return;
    }
    // Copied into the receiver: its own cached object for the value, else a new object of the type.
    const s = entry.slot;
    const cache =
      entry.copy === COPY_SINGLETON
        ? ([heap.singletonObj, c.singletons[s]!] as const)
        : entry.copy === COPY_SMALL_INT
          ? ([heap.smallIntObj, c.smallInts] as const)
          : entry.copy === COPY_LATIN1
            ? ([heap.latin1Obj, c.latin1] as const)
            : entry.copy === COPY_BYTE
              ? ([heap.byteCharObj, c.byteChars] as const)
              : null;
    if (cache) {
      heap.bindOrRelease(heap.cached(cache[0], s, cache[1], entry.type, i, op), slot, slots, i, op);
      return;
    }
    let copy: number;
    if (heap.freeListComp[entry.type]! >= 0) {
      // PyFloat_FromDouble and PyTuple_New take from their free lists.
      copy = heap.alloc(entry.type, i, op);
      slots[slot] = copy;
    } else copy = heap.bindFresh(entry.type, slot, slots, i, op);
    if (entry.value !== undefined) heap.setValue(copy, entry.value);
    // NON-CPYTHON: a tuple's copy shows the items it was made from but holds none (its items are not
    // objects of the run: copying them would make a send cost as much as the tuple is big).
    if (entry.display !== undefined) heap.setShown(copy, entry.display);
  }

  /** A new tuple's items: remembers the first one cross-interpreter data, and pickle, would refuse. */
  setItems(o: number, items: number[]): void {
    this.heap.objItems.set(o, items);
    let bad = -1;
    for (const x of items) {
      bad = this.firstUnshareable(x);
      if (bad >= 0) break;
    }
    this.heap.tupleBad.set(o, bad);
    let unpicklable = -1;
    for (const x of items) {
      unpicklable = this.firstUnpicklable(x);
      if (unpicklable >= 0) break;
    }
    this.heap.tupleUnpicklable.set(o, unpicklable);
  }

  /**
   * Which cached object of the receiver a copy of `o` is (see COPY_*), else what a fresh copy keeps: its
   * value, and for a tuple with items what it shows (computed here only: a send stays O(1) otherwise).
   */
  private copyOf(o: number): Pick<Entry, 'copy' | 'slot' | 'value' | 'display'> {
    const heap = this.heap;
    const c = this.layout.c;
    const fresh = { copy: COPY_FRESH, slot: -1, value: heap.valueOf(o), display: undefined };
    if (heap.objFlags[o]! & CACHED) {
      const comp = heap.objComp[o]!;
      const arg = heap.objArg[o]!;
      const singleton = c.singletons.indexOf(comp);
      if (singleton >= 0) return { ...fresh, copy: COPY_SINGLETON, slot: singleton };
      if (comp === c.smallInts) return { ...fresh, copy: COPY_SMALL_INT, slot: arg };
      if (comp === c.latin1) return { ...fresh, copy: COPY_LATIN1, slot: arg };
      if (comp === c.byteChars) return { ...fresh, copy: COPY_BYTE, slot: arg };
      // An interned string's copy is a new string with its text.
      if (comp === c.interned) return { ...fresh, value: this.strings[arg] };
    }
    // A tuple shows its items; a received tuple's copy (which holds none) what it was copied from.
    if (heap.objItems.has(o)) return { ...fresh, display: this.shown(o).display };
    const shown = heap.shownOf(o);
    return shown !== undefined ? { ...fresh, display: shown } : fresh;
  }

  /**
   * The first object cross-interpreter data refuses in `o`: itself (a type not registered, or an int
   * beyond 64 bits), or a tuple's item in the order `_tuple_shared` recurses; -1 if none. O(1): a
   * tuple's answer is computed once, when it is allocated, from its items' answers (a tuple holds
   * references: its items are what they were then).
   */
  private firstUnshareable(o: number): number {
    const type = PY_TYPES[this.heap.objType[o]!]!;
    if (!isShareableType(type, this.python)) return o;
    if (type === 'int') return this.fitsInt64(o) ? -1 : o;
    return type === 'tuple' ? (this.heap.tupleBad.get(o) ?? -1) : -1;
  }

  /** The first object pickle refuses in `o` (itself or a tuple's item), or -1. O(1) as above. */
  private firstUnpicklable(o: number): number {
    const type = PY_TYPES[this.heap.objType[o]!]!;
    if (UNPICKLABLE[type] !== undefined) return o;
    return type === 'tuple' ? (this.heap.tupleUnpicklable.get(o) ?? -1) : -1;
  }

  private fitsInt64(o: number): boolean {
    const digits = this.heap.valueOf(o);
    if (digits === undefined || digits.length < 19) return true;
    const value = BigInt(digits);
    return value >= INT64_MIN && value <= INT64_MAX;
  }

  /**
   * An object as CPython's messages show it (object-repr.ts). NON-CPYTHON: past `budget.nodes` objects a
   * tuple's remaining items show as `…` (CPython would print them all, however many).
   */
  shown(o: number, budget = { nodes: 256 }): ShownObject {
    const heap = this.heap;
    const c = this.layout.c;
    budget.nodes--;
    const type = PY_TYPES[heap.objType[o]!]!;
    const override = heap.shownOf(o);
    if (override !== undefined) return { type, display: override };
    const items = heap.objItems.get(o);
    let values: ShownObject[] | undefined;
    if (items && items.length > 0) {
      values = [];
      for (const x of items) {
        if (budget.nodes <= 0) {
          values.push({ type: 'ellipsis', display: '…' });
          break;
        }
        values.push(this.shown(x, budget));
      }
    }
    let value = heap.valueOf(o);
    if (heap.objFlags[o]! & CACHED) {
      const comp = heap.objComp[o]!;
      const arg = heap.objArg[o]!;
      if (type === 'bool') value = c.singletons.indexOf(comp) === 1 ? 'True' : 'False';
      else if (comp === c.smallInts) value = String(arg + SMALL_INT_MIN);
      else if (comp === c.latin1 || comp === c.byteChars) value = String.fromCharCode(arg);
      else if (comp === c.interned) value = this.strings[arg]!;
    }
    const display = strOf(type, value, values, this.python);
    return values ? { type, display, items: values } : { type, display };
  }
}
