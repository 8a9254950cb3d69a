// Data-race detection with vector clocks, FastTrack-style (Flanagan & Freund, PLDI 2009): each
// interpreter has a vector clock; a GIL, a component lock, an atomic location or a channel is a
// synchronisation object with its own clock (acquire joins it, release copies into it and ticks).
// A location keeps the epoch of its last write and of each interpreter's last read. Two accesses
// race when neither happens before the other: this does not depend on the interleaving's luck.
// Interpreters that hold one shared GIL are ordered by it; own GILs order nothing (PEP 684).

export type RaceSink = (loc: number, prevInterp: number, prevOp: number, interp: number, op: number) => void;

export class HappensBefore {
  readonly n: number;
  /** clocks[i * n + j]: what interpreter i knows of j's time. */
  readonly clocks: Uint32Array;
  private syncClocks: Uint32Array;
  private writeInterp: Int16Array;
  private writeClock: Uint32Array;
  private writeOp: Int32Array;
  private readClock: Uint32Array;
  private readOp: Int32Array;
  private capacity: number;

  constructor(n: number, syncObjects: number, locations: number) {
    this.n = n;
    this.clocks = new Uint32Array(n * n);
    this.syncClocks = new Uint32Array(Math.max(1, syncObjects) * n);
    this.capacity = Math.max(16, locations);
    this.writeInterp = new Int16Array(this.capacity).fill(-1);
    this.writeClock = new Uint32Array(this.capacity);
    this.writeOp = new Int32Array(this.capacity);
    this.readClock = new Uint32Array(this.capacity * n);
    this.readOp = new Int32Array(this.capacity * n);
  }

  /** Forgets everything (a new run) for locations below `used`. */
  reset(used: number): void {
    const n = this.n;
    this.clocks.fill(0);
    for (let i = 0; i < n; i++) this.clocks[i * n + i] = 1;
    this.syncClocks.fill(0);
    const top = Math.min(used, this.capacity);
    this.writeInterp.fill(-1, 0, top);
    this.writeClock.fill(0, 0, top);
    this.readClock.fill(0, 0, top * n);
  }

  ensureLocations(count: number): void {
    if (count <= this.capacity) return;
    let cap = this.capacity;
    while (cap < count) cap *= 2;
    const n = this.n;
    const wi = new Int16Array(cap).fill(-1);
    wi.set(this.writeInterp);
    const wc = new Uint32Array(cap);
    wc.set(this.writeClock);
    const wo = new Int32Array(cap);
    wo.set(this.writeOp);
    const rc = new Uint32Array(cap * n);
    rc.set(this.readClock);
    const ro = new Int32Array(cap * n);
    ro.set(this.readOp);
    this.writeInterp = wi;
    this.writeClock = wc;
    this.writeOp = wo;
    this.readClock = rc;
    this.readOp = ro;
    this.capacity = cap;
  }

  /** Clears a location (a fresh object reusing an id never happens: ids are not reused within a run). */
  clearLocation(loc: number): void {
    this.writeInterp[loc] = -1;
    this.writeClock[loc] = 0;
    this.readClock.fill(0, loc * this.n, loc * this.n + this.n);
  }

  acquire(interp: number, sync: number): void {
    const n = this.n;
    const c = this.clocks;
    const s = this.syncClocks;
    const ci = interp * n;
    const si = sync * n;
    for (let j = 0; j < n; j++) if (s[si + j]! > c[ci + j]!) c[ci + j] = s[si + j]!;
  }

  /** Release: the sync object's clock joins the interpreter's, then the interpreter ticks. */
  release(interp: number, sync: number): void {
    const n = this.n;
    const c = this.clocks;
    const s = this.syncClocks;
    const ci = interp * n;
    const si = sync * n;
    for (let j = 0; j < n; j++) if (c[ci + j]! > s[si + j]!) s[si + j] = c[ci + j]!;
    c[ci + interp]!++;
  }

  write(loc: number, interp: number, op: number, onRace: RaceSink): void {
    const n = this.n;
    const c = this.clocks;
    const ci = interp * n;
    const w = this.writeInterp[loc]!;
    if (w >= 0 && w !== interp && this.writeClock[loc]! > c[ci + w]!)
      onRace(loc, w, this.writeOp[loc]!, interp, op);
    const ri = loc * n;
    for (let j = 0; j < n; j++) {
      if (j === interp) continue;
      const r = this.readClock[ri + j]!;
      if (r !== 0 && r > c[ci + j]!) onRace(loc, j, this.readOp[ri + j]!, interp, op);
    }
    this.writeInterp[loc] = interp;
    this.writeClock[loc] = c[ci + interp]!;
    this.writeOp[loc] = op;
    this.readClock.fill(0, ri, ri + n);
  }

  read(loc: number, interp: number, op: number, onRace: RaceSink): void {
    const n = this.n;
    const ci = interp * n;
    const w = this.writeInterp[loc]!;
    if (w >= 0 && w !== interp && this.writeClock[loc]! > this.clocks[ci + w]!) {
      onRace(loc, w, this.writeOp[loc]!, interp, op);
    }
    this.readClock[loc * n + interp] = this.clocks[ci + interp]!;
    this.readOp[loc * n + interp] = op;
  }
}
