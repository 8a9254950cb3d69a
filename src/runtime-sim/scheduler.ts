// The scheduler: which interpreter runs next, and for how long. In CPython a thread holds its GIL
// until the switch interval asks it to drop it (Python/ceval_gil.c, take_gil / drop_gil); here a
// seeded PRNG picks a runnable interpreter and a quantum of 1-4 ops, so every run is reproducible from
// the scenario's seed. An interpreter that shares a GIL holds it for its quantum: the GIL's release
// and acquire order the interpreters that share it (detectors.ts); own GILs order nothing (PEP 684).

import { type Bindings, bindingsOf } from './bindings.js';
import { BLOCKED, interpreterLoop } from './ceval.js';
import { RuntimeState } from './runtime-state.js';
import type { Scenario } from './scenario.js';
import type { SimReport } from './violations.js';

export interface RunOptions {
  /** Race, cross-interpreter-object and cross-allocator-free detectors (default true). CPython's own
   *  rules (config, import, forbidden operations) always apply: they are behaviour, not monitoring. */
  detectors?: boolean;
  /** Measure `stats.durationMs` (default true); false gives 0, so reports compare byte for byte. */
  timing?: boolean;
  /** Called after each run with the number of runs done (for a progress bar); must not throw. */
  onRun?: (done: number, runs: number) => void;
  /** Called once at the end with what each interpreter's refs hold after the last run (bindings.ts). */
  onBindings?: (bindings: Bindings) => void;
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

/**
 * Runs a scenario: `runs` seeded interleavings. Pure and synchronous; the same scenario and seed give
 * the same report byte for byte, except `stats.durationMs` (pass `timing: false` to get 0 there).
 */
export function runScenario(scenario: Scenario, options: RunOptions = {}): SimReport {
  const started = options.timing === false ? 0 : performance.now();
  const rt = new RuntimeState(scenario, options.detectors !== false);
  const { n, configFailures, gilOf, gilShared } = rt.interps;
  const hb = rt.det.hb;
  const detect = rt.det.enabled;
  const blocked = rt.channels.blocked;
  const destroyed = rt.lifecycle.destroyed;
  const gens: (Generator<number, void, void> | null)[] = new Array(n).fill(null);
  const done = new Uint8Array(n);
  const runnable = new Int32Array(n);
  for (let run = 0; run < scenario.runs; run++) {
    rt.startRun(run);
    const next = mulberry32((scenario.seed ^ Math.imul(run + 1, 0x9e3779b1)) >>> 0);
    for (let i = 0; i < n; i++) {
      const created = !configFailures[i];
      gens[i] = created ? interpreterLoop(rt, i) : null;
      done[i] = created ? 0 : 1;
    }
    for (;;) {
      let count = 0;
      for (let i = 0; i < n; i++) if (!done[i] && !blocked[i] && !destroyed[i]) runnable[count++] = i;
      if (count === 0) break; // finished, or every live interpreter waits on recv
      const i = runnable[next() % count]!;
      const quantum = 1 + (next() & 3);
      const g = gilOf[i]!;
      const shared = detect && gilShared[g] === 1;
      if (shared) hb.acquire(i, g);
      const gen = gens[i]!;
      for (let q = 0; q < quantum; q++) {
        const r = gen.next();
        if (r.done) {
          done[i] = 1;
          break;
        }
        if (r.value === BLOCKED) {
          blocked[i] = 1;
          break;
        }
      }
      if (shared) hb.release(i, g);
    }
    options.onRun?.(run + 1, scenario.runs);
  }
  options.onBindings?.(bindingsOf(rt));
  const violations = rt.log.violations();
  return {
    ok: violations.length === 0,
    violations,
    stats: {
      runs: scenario.runs,
      steps: rt.totalSteps,
      objects: rt.heap.totalObjects,
      durationMs: options.timing === false ? 0 : Math.round((performance.now() - started) * 1000) / 1000,
    },
  };
}
