// The eval loop (Python/ceval.c): executes one interpreter's compiled program, one op per scheduling
// point. Each program is a generator that yields after each op (engine262's discipline), so the
// scheduler (scheduler.ts) can interleave interpreters; `recv` on an empty channel yields BLOCKED.
// The eval breaker's flags (signals, the GIL drop request, pending calls: Python/ceval_gil.c), GC and
// warnings are touched here; objects, imports and cross-interpreter data have their own files.

import { assertNever } from './assert-never.js';
import { catalog } from './catalog.js';
import { Code, type Instr } from './compile.js';
import { checkOperation, type GuardedOperation } from './interpreter-config.js';
import { AccessMode } from './layout.js';
import { lifecycleFailure } from './lifecycle.js';
import { ALIVE, CACHED, IMMORTAL_OBJ, PY_TYPES, SINGLETON_TYPE_IDS, typeId } from './object-heap.js';
import { type AllocType, SINGLETON_NAMES } from './ops.js';
import type { RuntimeState } from './runtime-state.js';
import {
  type CachedValue,
  cachedValue,
  SMALL_INT_MAX,
  SMALL_INT_MIN,
  STATIC_STRINGS,
} from './value-cache.js';

/** What an interpreter's generator yields: it ran an op, or it waits for an object to receive. */
export const STEPPED = 0;
export const BLOCKED = 1;

const INT = typeId('int');
const STR = typeId('str');
const BYTES = typeId('bytes');
const OBJECT = typeId('object');
const CALLABLE = typeId('callable');

/** The operation each guarded instruction asks the interpreter's config for. */
const GUARDED = {
  [Code.SignalHandler]: 'signal_handler',
  [Code.Thread]: 'thread',
  [Code.DaemonThread]: 'daemon_thread',
  [Code.Fork]: 'fork',
  [Code.Exec]: 'exec',
  [Code.Subprocess]: 'subprocess',
} as const satisfies Record<number, GuardedOperation>;

/** Executes one op of interpreter `i`; `slots` are its refs (object ids, -1 when unbound). */
export function exec(rt: RuntimeState, i: number, ins: Instr, slots: Int32Array): void {
  const { layout, heap, det } = rt;
  const c = layout.c;
  const op = ins.id;
  rt.totalSteps++;
  switch (ins.code) {
    case Code.Alloc: {
      const value = ins.c > 0 ? rt.values[ins.c - 1] : undefined;
      const cached = cachedValue(PY_TYPES[ins.b] as AllocType, value, ins.items);
      if (cached) {
        heap.bindOrRelease(cachedObject(rt, cached, i, op), ins.a, slots, i, op);
        return;
      }
      const o = heap.alloc(ins.b, i, op);
      if (value !== undefined) heap.setValue(o, value);
      if (ins.items !== null) {
        const items: number[] = [];
        for (const s of ins.items) if (slots[s]! >= 0) items.push(slots[s]!);
        rt.channels.setItems(o, items);
      }
      slots[ins.a] = o;
      return;
    }
    case Code.Free: {
      const o = slots[ins.a]!;
      if (o < 0) return;
      heap.useObject(o, i, op);
      heap.dealloc(o, i, op);
      slots[ins.a] = -1;
      return;
    }
    case Code.Incref:
    case Code.Decref:
    case Code.Use: {
      const o = slots[ins.a]!;
      if (o < 0 || !(heap.objFlags[o]! & ALIVE)) return;
      heap.useObject(o, i, op);
      if (ins.code === Code.Incref) heap.refWrite(o, i, op, 1);
      else if (ins.code === Code.Use) {
        heap.refWrite(o, i, op, 1);
        heap.refWrite(o, i, op, -1);
      } else if (heap.objRc[o]! <= 1 && !(heap.objFlags[o]! & (CACHED | IMMORTAL_OBJ))) {
        heap.dealloc(o, i, op);
        slots[ins.a] = -1;
      } else heap.refWrite(o, i, op, -1);
      return;
    }
    case Code.Singleton: {
      const o = heap.cached(
        heap.singletonObj,
        ins.a,
        c.singletons[ins.a]!,
        SINGLETON_TYPE_IDS[ins.a]!,
        i,
        op,
      );
      heap.bindOrRelease(o, ins.b, slots, i, op);
      return;
    }
    case Code.SmallInt: {
      // Objects/longobject.c: -5..256 come from the small-int cache.
      if (ins.a >= SMALL_INT_MIN && ins.a <= SMALL_INT_MAX) {
        const o = cachedObject(rt, { kind: 'small_int', value: ins.a }, i, op);
        heap.bindOrRelease(o, ins.b, slots, i, op);
      } else heap.setValue(heap.bindFresh(INT, ins.b, slots, i, op), String(ins.a));
      return;
    }
    case Code.Char: {
      // Objects/unicodeobject.c: one-character latin-1 strings are cached singletons.
      if (ins.a < 256) {
        const o = cachedObject(rt, { kind: 'char', code: ins.a }, i, op);
        heap.bindOrRelease(o, ins.b, slots, i, op);
      } else heap.setValue(heap.bindFresh(STR, ins.b, slots, i, op), String.fromCodePoint(ins.a));
      return;
    }
    case Code.Intern: {
      if (ins.c > 0) {
        // A string the runtime allocates statically: interned at init, the one object for everyone.
        const o = cachedObject(rt, { kind: 'static_str', index: ins.c - 1 }, i, op);
        heap.bindOrRelease(o, ins.b, slots, i, op);
        return;
      }
      // PyUnicode_InternInPlace: look the string up in the interned dict, insert it if missing.
      const comp = c.interned;
      const mode = layout.compMode[comp];
      // Immortal is not immutable: immortal interned strings still live in a shared, plain dict.
      const dictMode = mode === AccessMode.Immortal ? AccessMode.Plain : mode;
      det.access(comp, comp, false, i, op, dictMode);
      const scope = mode === AccessMode.Local ? i : 0;
      if (heap.internObj[ins.a * rt.interps.n + scope]! < 0) det.access(comp, comp, true, i, op, dictMode);
      const o = heap.cached(heap.internObj, ins.a, comp, STR, i, op, op);
      heap.bindOrRelease(o, ins.b, slots, i, op);
      return;
    }
    case Code.Import:
      rt.imports.importModule(ins.a, i, op, ins.b as -1 | 0 | 1);
      return;
    case Code.OverrideImportCheck:
      rt.imports.overrideCheck(ins.a as -1 | 0 | 1, i, op);
      return;
    case Code.Destroy: {
      const failure = lifecycleFailure('destroy', ins.a, i, rt.lifecycle, rt.python);
      if (failure) rt.det.ruleFailure('forbidden-operation', c.interpreters, i, op, 'destroy', failure);
      // NON-CPYTHON: the destroyed interpreter's program stops where it is (the scheduler skips it).
      else rt.lifecycle.destroyed[ins.a] = 1;
      return;
    }
    case Code.Run: {
      const failure = lifecycleFailure('run', ins.a, i, rt.lifecycle, rt.python);
      if (failure) rt.det.ruleFailure('forbidden-operation', c.interpreters, i, op, 'run', failure);
      return;
    }
    case Code.Call:
      rt.imports.callModule(ins.a, i, op);
      return;
    case Code.Signal:
      // trip_signal() sets the flag (in the main interpreter, which handles signals); every eval loop
      // reads it through the eval breaker.
      det.access(c.signals, c.signals, i === 0, i, op);
      return;
    case Code.GilDropRequest:
      // A thread waiting for the GIL sets gil_drop_request; the holder's eval loop reads and resets it.
      det.access(c.gilDrop, c.gilDrop, true, i, op);
      return;
    case Code.PendingCall: {
      // make_pending_calls() runs what is queued, whoever queued it; then Py_AddPendingCall() queues ours.
      const comp = c.pending;
      det.access(comp, comp, true, i, op);
      const queue = rt.pending[layout.compMode[comp] === AccessMode.Local ? i : 0]!;
      for (const o of queue) {
        heap.useObject(o, i, op);
        heap.refWrite(o, i, op, -1);
      }
      queue.length = 0;
      queue.push(heap.newObject(CALLABLE, i, op, comp, CACHED));
      return;
    }
    case Code.Gc:
      det.access(c.gc, c.gc, true, i, op);
      return;
    case Code.Warn:
      det.access(c.warnings, c.warnings, false, i, op);
      det.access(c.warnings, c.warnings, true, i, op);
      return;
    case Code.SignalHandler:
    case Code.Thread:
    case Code.DaemonThread:
    case Code.Fork:
    case Code.Exec:
    case Code.Subprocess:
      forbidden(rt, GUARDED[ins.code], i, op);
      return;
    case Code.Send:
    case Code.SendRaw: {
      const o = slots[ins.a]!;
      const to = ins.b;
      if (o < 0 || to < 0 || rt.interps.configFailures[to]) return;
      if (ins.code === Code.SendRaw) rt.channels.send(o, to, true, 0, ins.c, i, op);
      else rt.channels.send(o, to, false, ins.c, 0, i, op);
      return;
    }
    case Code.Recv:
      rt.channels.recv(ins.a, slots, i, op);
      return;
    case Code.Touch:
      touch(rt, ins.a, ins.b === 1, i, op);
      return;
    case Code.RepeatStart:
    case Code.RepeatEnd:
      return;
    default:
      assertNever(ins.code, 'code');
  }
}

/** The object CPython hands out for a cached value (value-cache.ts), in `i`'s scope. */
function cachedObject(rt: RuntimeState, cached: CachedValue, i: number, op: number): number {
  const { heap } = rt;
  const c = rt.layout.c;
  switch (cached.kind) {
    case 'singleton': {
      const s = SINGLETON_NAMES.indexOf(cached.name);
      return heap.cached(heap.singletonObj, s, c.singletons[s]!, SINGLETON_TYPE_IDS[s]!, i, op);
    }
    case 'small_int':
      return heap.cached(heap.smallIntObj, cached.value - SMALL_INT_MIN, c.smallInts, INT, i, op);
    case 'char':
      return heap.cached(heap.latin1Obj, cached.code, c.latin1, STR, i, op);
    case 'byte':
      return heap.cached(heap.byteCharObj, cached.code, c.byteChars, BYTES, i, op);
    case 'static_str': {
      const o = heap.cached(heap.staticStrObj, cached.index, c.staticStrings, STR, i, op);
      // Its text, for reprs, messages and the copies cross-interpreter data makes of it.
      heap.setValue(o, STATIC_STRINGS[rt.python][cached.index]!);
      return o;
    }
  }
}

/** An operation the interpreter's config may forbid (interpreter-config.ts). */
function forbidden(rt: RuntimeState, name: GuardedOperation, i: number, op: number): void {
  const failure = checkOperation(name, rt.interps.configs[i]!, i === 0);
  if (failure) {
    rt.det.ruleFailure(
      'forbidden-operation',
      rt.layout.compIndex.get(failure.component)!,
      i,
      op,
      name,
      failure,
    );
  }
}

/** `touch`: a read or write of a component's state; a C global holding an object also uses it. */
function touch(rt: RuntimeState, comp: number, write: boolean, i: number, op: number): void {
  const { layout, heap } = rt;
  rt.det.access(comp, comp, write, i, op);
  if (!catalog.components[comp]?.holdsObject) return;
  // A C global holding an object: created at runtime init, used by whoever touches it.
  const mode = layout.compMode[comp]!;
  const key = comp * rt.interps.n + (mode === AccessMode.Local ? i : 0);
  let o = heap.touchObj.get(key);
  if (o === undefined) {
    o = heap.newObject(
      OBJECT,
      mode === AccessMode.Local ? i : 0,
      -1,
      comp,
      CACHED | (layout.immortalObjects[comp] ? IMMORTAL_OBJ : 0),
    );
    heap.touchObj.set(key, o);
  }
  heap.useObject(o, i, op);
  heap.refWrite(o, i, op, 1);
  heap.refWrite(o, i, op, -1);
}

/** An interpreter's program as a generator: it yields at each scheduling point (after each op). */
export function* interpreterLoop(rt: RuntimeState, i: number): Generator<number, void, void> {
  const prog = rt.programs[i]!;
  const code = prog.code;
  const inbox = rt.channels.inbox[i]!;
  const counters = new Int32Array(Math.max(1, prog.maxDepth));
  const slots = new Int32Array(Math.max(1, prog.slots.length)).fill(-1);
  rt.frames[i] = slots;
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
    if (ins.code === Code.Recv && inbox.length === 0) {
      yield BLOCKED;
      continue;
    }
    exec(rt, i, ins, slots);
    pc++;
    yield STEPPED;
  }
}
