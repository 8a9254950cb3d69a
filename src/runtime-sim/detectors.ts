// The detectors that watch every access (the "debug mode" of bpo-40512, and what ThreadSanitizer does
// for CPython's free-threaded build): data races on shared state (vector clocks, happens-before.ts),
// objects used by an interpreter that did not create them, and blocks freed into an obmalloc that did
// not hand them out (Objects/obmalloc.c). CPython's own rules (config, import, forbidden operations)
// are recorded through `ruleFailure`: they are behaviour and apply even with the detectors off.
//
// Synchronisation objects (happens-before.ts): GILs (one per interpreter id), then one per component
// (its lock, or its atomic clock), then one channel per receiving interpreter.

import { HappensBefore, type RaceSink } from './happens-before.js';
import type { RuleFailure } from './interpreter-config.js';
import { AccessMode, type Layout } from './layout.js';
import type { Interpreters } from './pystate.js';
import type { Failure, Observation, ViolationLog } from './violation-log.js';

export class Detectors {
  readonly hb: HappensBefore;

  constructor(
    /** False: the three monitoring detectors are off (`RunOptions.detectors`). */
    readonly enabled: boolean,
    private readonly layout: Layout,
    private readonly interps: Interpreters,
    private readonly log: ViolationLog,
    /** The component a location belongs to (objects: the heap knows). */
    private readonly componentAt: (loc: number) => number,
    locations: number,
  ) {
    const n = interps.n;
    this.hb = new HappensBefore(n, n * 2 + layout.compIds.length, locations);
  }

  syncOfComp(comp: number): number {
    return this.interps.n + comp;
  }

  syncOfChannel(interp: number): number {
    return this.interps.n + this.layout.compIds.length + interp;
  }

  /** A race the vector clocks found (a callback of HappensBefore: created once). */
  readonly onRace: RaceSink = (loc, prevInterp, prevOp, interp, op) => {
    const o = this.steps(prevInterp, prevOp, interp, op);
    o.kind = 'data-race';
    o.comp = this.componentAt(loc);
    o.detail = loc;
    this.log.record(o);
  };

  /** An access to a component's runtime-wide location, according to its placement. */
  access(
    comp: number,
    loc: number,
    write: boolean,
    i: number,
    op: number,
    mode = this.layout.compMode[comp],
  ): void {
    if (!this.enabled) return;
    switch (mode) {
      case AccessMode.Local:
      case AccessMode.Immortal:
        return;
      case AccessMode.Plain:
        if (write) this.hb.write(loc, i, op, this.onRace);
        else this.hb.read(loc, i, op, this.onRace);
        return;
      case AccessMode.Atomic: {
        // Atomics synchronise (seq_cst read-modify-write): no race, an order.
        const s = this.syncOfComp(comp);
        this.hb.acquire(i, s);
        this.hb.release(i, s);
        return;
      }
      case AccessMode.Locked: {
        const s = this.syncOfComp(comp);
        this.hb.acquire(i, s);
        if (write) this.hb.write(loc, i, op, this.onRace);
        else this.hb.read(loc, i, op, this.onRace);
        this.hb.release(i, s);
        return;
      }
    }
  }

  /** The allocator: pymalloc's pools are written on every allocation and deallocation. */
  allocatorAccess(i: number, op: number): void {
    if (!this.enabled) return;
    const a = this.interps.allocatorOf[i]!;
    if (!this.interps.allocatorShared[a]) return;
    const comp = this.layout.c.obmalloc;
    // An allocator several interpreters use is shared state even when obmalloc is "per-interpreter".
    if (this.layout.compMode[comp] === AccessMode.Local) this.hb.write(comp, i, op, this.onRace);
    else this.access(comp, comp, true, i, op);
  }

  /** A write of an object's `ob_refcnt` (at `loc`), made as component `modeComp`'s placement says. */
  refcountWrite(loc: number, modeComp: number, i: number, op: number): void {
    const mode = this.layout.compMode[modeComp];
    if (mode === AccessMode.Atomic || mode === AccessMode.Locked) {
      const s = this.syncOfComp(modeComp);
      this.hb.acquire(i, s);
      if (mode === AccessMode.Locked) this.hb.write(loc, i, op, this.onRace);
      this.hb.release(i, s);
    } else this.hb.write(loc, i, op, this.onRace);
  }

  /** The "debug mode" check of bpo-40512: object `o`, created by `creator`, used by `i`. */
  crossInterpreterObject(
    comp: number,
    creator: number,
    creatorOp: number,
    i: number,
    op: number,
    obj: number,
  ): void {
    const o = this.steps(creator, creatorOp, i, op);
    o.kind = 'cross-interpreter-object';
    o.comp = comp;
    o.detail = ~(this.layout.objectBase + obj);
    this.log.record(o);
  }

  /** Objects/obmalloc.c: object `obj` freed by `i` into `owner`'s allocator, which did not hand it out. */
  crossAllocatorFree(owner: number, ownerOp: number, i: number, op: number, obj: number): void {
    const o = this.steps(owner, ownerOp, i, op);
    o.kind = 'cross-allocator-free';
    o.comp = this.layout.c.obmalloc;
    o.detail = ~(this.layout.objectBase + obj);
    this.log.record(o);
  }

  /** A CPython rule refused step (i, op): recorded whether or not the detectors are on. */
  ruleFailure(
    kind: 'import-error' | 'forbidden-operation',
    comp: number,
    i: number,
    op: number,
    detail: string,
    failure: Failure,
  ): void {
    const o = this.steps(i, op, i, op);
    o.kind = kind;
    o.comp = comp;
    o.detail = detail;
    o.failure = failure;
    this.log.record(o);
  }

  /** `Py_NewInterpreterFromConfig` refused interpreter `i`'s config (step -1 of `i`; runtime init before). */
  configError(i: number, failure: RuleFailure): void {
    const o = this.steps(0, -1, i, -1);
    o.kind = 'config-error';
    o.comp = this.layout.compIndex.get(failure.component)!;
    o.detail = failure.message;
    o.failure = failure;
    this.log.record(o);
  }

  /**
   * The log's step record, between the earlier step (firstInterp, firstOp) and the step that found it
   * (interp, op), with no failure; the caller names the rest and records it.
   */
  private steps(firstInterp: number, firstOp: number, interp: number, op: number): Observation {
    const o = this.log.observation;
    o.firstInterp = firstInterp;
    o.firstOp = firstOp;
    o.interp = interp;
    o.op = op;
    o.failure = undefined;
    return o;
  }
}
