// Cross-interpreter data (Python/crossinterp.c, `_PyObject_GetCrossInterpreterData`; the channels of
// Modules/_interpchannelsmodule.c): only registered shareable types pass between interpreters, copied
// into the receiver. 3.12 shares None, int, str, bytes; 3.13 adds bool, float, tuple (element-wise) and
// memoryview. `send_raw` models a buggy extension that hands over the very object instead.

import type { Detectors } from './detectors.js';
import type { Layout } from './layout.js';
import { CACHED, type ObjectHeap, PY_TYPES, type PyType, SMALL_INT_MIN } from './object-heap.js';
import type { PythonVersion } from './scenario.js';

const SHAREABLE_312: ReadonlySet<PyType> = new Set(['NoneType', 'int', 'str', 'bytes']);
const SHAREABLE_313: ReadonlySet<PyType> = new Set([
  ...SHAREABLE_312,
  'bool',
  'float',
  'tuple',
  'memoryview',
]);

export interface XiValue {
  type: PyType;
  /** A display of the object as `str()` would give it (used in the error message). */
  display: string;
  items?: XiValue[];
}

/** Whether objects of `type` are registered as shareable under `python` (a tuple still needs its items). */
export function isShareableType(type: PyType, python: PythonVersion): boolean {
  return (python === '3.12' ? SHAREABLE_312 : SHAREABLE_313).has(type);
}

/** CPython's exception for an unshareable object: ValueError (3.12), NotShareableError (3.13). */
export function notShareable(value: XiValue, python: PythonVersion): { exception: string; message: string } {
  return {
    exception: python === '3.12' ? 'ValueError' : 'NotShareableError',
    message: `${value.display} does not support cross-interpreter data`,
  };
}

/** `str()` of a fresh object of `type`. NON-CPYTHON: `<object object>` has no address, for determinism. */
export function displayOf(type: PyType, items?: readonly XiValue[]): string {
  switch (type) {
    case 'NoneType':
      return 'None';
    case 'bool':
      return 'False';
    case 'int':
      return '0';
    case 'float':
      return '0.0';
    case 'str':
      return '';
    case 'bytes':
      return "b''";
    case 'tuple':
      if (!items || items.length === 0) return '()';
      // str() of a tuple shows its items' repr().
      return items.length === 1 ? `(${reprOf(items[0]!)},)` : `(${items.map(reprOf).join(', ')})`;
    case 'list':
      return '[]';
    case 'dict':
      return '{}';
    case 'set':
      return 'set()';
    case 'frame':
      return '<frame object>';
    case 'slice':
      return 'slice(None, None, None)';
    case 'context':
      return '<_contextvars.Context object>';
    case 'async_gen':
      return '<async_generator object>';
    case 'object':
      return '<object object>';
    case 'memoryview':
      return '<memory>';
    case 'bytearray':
      return "bytearray(b'')";
    case 'ellipsis':
      return 'Ellipsis';
    case 'NotImplementedType':
      return 'NotImplemented';
    case 'callable':
      return '<function>';
  }
}

/** `repr()` of a value: a str is quoted (Objects/unicodeobject.c, unicode_repr); the others here show the same. */
export function reprOf(value: XiValue): string {
  return value.type === 'str' ? strRepr(value.display) : value.display;
}

function strRepr(text: string): string {
  const quote = text.includes("'") && !text.includes('"') ? '"' : "'";
  let out = quote;
  for (const ch of text) {
    const c = ch.codePointAt(0)!;
    if (ch === '\\' || ch === quote) out += `\\${ch}`;
    else if (ch === '\t') out += '\\t';
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (c < 0x20 || (c >= 0x7f && c <= 0xa0) || c === 0xad)
      out += `\\x${c.toString(16).padStart(2, '0')}`;
    else out += ch;
  }
  return out + quote;
}

/** An object in a channel: the very object (raw), or what the receiver's copy will be. */
interface Entry {
  obj: number;
  raw: boolean;
  type: number;
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

  /** `send` (copied, if shareable) or `send_raw` (the very object, blamed on `via`) of `o` to `to`. */
  send(o: number, to: number, raw: boolean, via: number, i: number, op: number): void {
    const heap = this.heap;
    let entry: Entry;
    if (!raw) {
      const badObject = this.firstUnshareable(o);
      if (badObject >= 0) {
        this.det.ruleFailure(
          'forbidden-operation',
          this.layout.c.crossinterpRaw,
          i,
          op,
          'send',
          notShareable(this.xiValue(badObject), this.python),
        );
        return;
      }
      const value = this.xiValue(o);
      entry = { obj: o, raw: false, type: heap.objType[o]!, ...this.copyOf(o, value) };
    } else {
      // A buggy extension hands over the very object.
      heap.objXComp[o] = via;
      entry = { obj: o, raw: true, type: heap.objType[o]!, copy: COPY_FRESH, slot: -1, display: '' };
    }
    this.inbox[to]!.push(entry);
    this.blocked[to] = 0;
    // The channel's lock orders the send before the matching recv.
    if (this.det.enabled) this.det.hb.release(i, this.det.syncOfChannel(to));
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
    switch (entry.copy) {
      case COPY_SINGLETON:
        heap.bindOrRelease(
          heap.cached(heap.singletonObj, s, c.singletons[s]!, entry.type, i, op),
          slot,
          slots,
          i,
          op,
        );
        return;
      case COPY_SMALL_INT:
        heap.bindOrRelease(
          heap.cached(heap.smallIntObj, s, c.smallInts, entry.type, i, op),
          slot,
          slots,
          i,
          op,
        );
        return;
      case COPY_LATIN1:
        heap.bindOrRelease(heap.cached(heap.latin1Obj, s, c.latin1, entry.type, i, op), slot, slots, i, op);
        return;
    }
    if (heap.freeListComp[entry.type]! >= 0) {
      // PyFloat_FromDouble and PyTuple_New take from their free lists.
      slots[slot] = heap.alloc(entry.type, i, op);
      return;
    }
    heap.objValue.set(heap.bindFresh(entry.type, slot, slots, i, op), entry.display);
  }

  /** A new tuple's items: remembers the first one cross-interpreter data would refuse. */
  setItems(o: number, items: number[]): void {
    this.heap.objItems.set(o, items);
    let bad = -1;
    for (const x of items) {
      bad = this.firstUnshareable(x);
      if (bad >= 0) break;
    }
    this.heap.tupleBad.set(o, bad);
  }

  /** Which cached object of the receiver a copy of `o` is (see COPY_*). */
  private copyOf(o: number, value: XiValue): { copy: number; slot: number; display: string } {
    const heap = this.heap;
    const c = this.layout.c;
    const display = value.display;
    if (value.type === 'NoneType') return { copy: COPY_SINGLETON, slot: 0, display };
    if (value.type === 'bool') return { copy: COPY_SINGLETON, slot: display === 'True' ? 1 : 2, display };
    if (heap.objFlags[o]! & CACHED) {
      const comp = heap.objComp[o]!;
      const arg = heap.objArg[o]!;
      const singleton = c.singletons.indexOf(comp);
      if (singleton >= 0) return { copy: COPY_SINGLETON, slot: singleton, display };
      if (comp === c.smallInts) return { copy: COPY_SMALL_INT, slot: arg, display };
      if (comp === c.latin1) return { copy: COPY_LATIN1, slot: arg, display };
    }
    return { copy: COPY_FRESH, slot: -1, display };
  }

  /**
   * The first object cross-interpreter data refuses in `o`: itself, or a tuple's item in the order
   * `_tuple_shared` recurses; -1 if none. O(1): a tuple's answer is computed once, when it is allocated,
   * from its items' answers (a tuple holds references: its items are what they were then).
   */
  private firstUnshareable(o: number): number {
    const type = PY_TYPES[this.heap.objType[o]!]!;
    if (!isShareableType(type, this.python)) return o;
    return type === 'tuple' ? (this.heap.tupleBad.get(o) ?? -1) : -1;
  }

  /**
   * An object as cross-interpreter data's messages show it. NON-CPYTHON: past `budget.nodes` objects a
   * tuple's remaining items show as `…` (CPython would print them all, however many).
   */
  private xiValue(o: number, budget = { nodes: 256 }): XiValue {
    const heap = this.heap;
    const c = this.layout.c;
    budget.nodes--;
    const type = PY_TYPES[heap.objType[o]!]!;
    const items = heap.objItems.get(o);
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
    if (heap.objFlags[o]! & CACHED) {
      const comp = heap.objComp[o]!;
      const arg = heap.objArg[o]!;
      if (type === 'bool') display = c.singletons.indexOf(comp) === 1 ? 'True' : 'False';
      else if (comp === c.smallInts) display = String(arg + SMALL_INT_MIN);
      else if (comp === c.latin1) display = String.fromCharCode(arg);
      else if (comp === c.interned) display = this.strings[arg]!;
    } else {
      display = heap.objValue.get(o) ?? display;
    }
    return values ? { type, display, items: values } : { type, display };
  }
}
