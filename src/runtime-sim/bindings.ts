// What each interpreter's refs hold when a run ends: the object's type, its repr as CPython prints it,
// whether it is immortal (PEP 683) and which object it is (the same id in two interpreters is the very
// same object). Not part of a report: a view for comparing a run with CPython's recorded observations
// (test/fixtures/cpython-observed, `refs`), asked for with `RunOptions.onBindings`.

import { IMMORTAL_OBJ, PY_TYPES } from './object-heap.js';
import { reprOf } from './object-repr.js';
import type { RuntimeState } from './runtime-state.js';

export interface RefBinding {
  /** The simulator's type name (object-heap.ts, `PY_TYPES`). */
  type: string;
  repr: string;
  immortal: boolean;
  /** The object's id in the run. */
  object: number;
}

/** By interpreter name, then ref name; interpreters never created, or destroyed, hold nothing. */
export type Bindings = Record<string, Record<string, RefBinding>>;

export function bindingsOf(rt: RuntimeState): Bindings {
  const out: Bindings = {};
  rt.programs.forEach((program, i) => {
    const slots = rt.frames[i];
    if (!slots || rt.lifecycle.destroyed[i]) return;
    const refs: Record<string, RefBinding> = {};
    program.slots.forEach((name, s) => {
      const o = slots[s]!;
      if (o < 0) return;
      refs[name] = {
        type: PY_TYPES[rt.heap.objType[o]!]!,
        repr: reprOf(rt.channels.shown(o), rt.python),
        immortal: (rt.heap.objFlags[o]! & IMMORTAL_OBJ) !== 0,
        object: o,
      };
    });
    out[rt.interps.names[i]!] = refs;
  });
  return out;
}
