// Stress mode: the scenario's shared updates run truly in parallel, one worker thread per interpreter
// (or spread over `workers`), reference counts and counters in a SharedArrayBuffer. Plain increments
// (`shared` placement) lose updates when interpreters with their own GILs collide; `atomic` uses
// Atomics.add; `locked` takes a spin lock; `immortal` writes nothing (PEP 683); `per-interpreter`
// state is private to its interpreter. Interpreters sharing a GIL take it around their updates.
// NON-CPYTHON: each op is reduced to the shared read-modify-writes it makes (the op table's `updates`,
// ops.ts); what is measured is real: updates lost by real parallel plain increments. Placements, GILs
// and allocators are the runtime's own (layout.ts, pystate.ts).

import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { placementOf, resolveLayout } from './layout.js';
import { type Op, opUpdates, type StressContext } from './ops.js';
import type { Placement } from './placement.js';
import { createInterpreters } from './pystate.js';
import type { Scenario } from './scenario.js';
import { getWorkload } from './workloads.js';

/** Stress mode's time bound when none is given, in milliseconds. */
export const DEFAULT_STRESS_TIME_MS = 300;

export interface StressOptions {
  /** Time bound in milliseconds (default DEFAULT_STRESS_TIME_MS, at most 5000). */
  timeMs?: number;
  /** Worker threads (default: one per interpreter, at most the cores available). */
  workers?: number;
  /** Passes of each interpreter's program at most (default: as many as the time allows). */
  passes?: number;
}

export interface StressComponentResult {
  component: string;
  placement: Placement;
  /** Read-modify-writes performed. */
  updates: number;
  /** What the shared memory holds at the end. */
  observed: number;
  lost: number;
}

export interface StressReport {
  ok: boolean;
  workers: number;
  interpreters: number;
  elapsedMs: number;
  /** Passes of its program each interpreter completed. */
  passes: Record<string, number>;
  updates: number;
  lostUpdates: number;
  updatesPerSecond: number;
  components: StressComponentResult[];
}

/** Worker -> main messages (the worker is stress-worker.mjs). */
export type StressWorkerMessage =
  | { type: 'ready' }
  | { type: 'done'; passes: number[]; elapsedMs: number }
  | { type: 'error'; message: string };

const PLAIN = 1;
const ATOMIC = 2;
const LOCKED = 3;
const MAX_PLAN_UPDATES = 1_000_000;

/** The updates one pass of `program` makes, in order (loops unrolled, workloads inlined). */
function flatten(program: readonly Op[], ctx: StressContext, out: string[]): void {
  for (const op of program) {
    if (out.length >= MAX_PLAN_UPDATES) return;
    if (op.op === 'repeat') {
      for (let k = 0; k < op.times && out.length < MAX_PLAN_UPDATES; k++) flatten(op.body, ctx, out);
    } else if (op.op === 'workload') {
      flatten(getWorkload(op.name)?.program ?? [], ctx, out);
    } else {
      for (const c of opUpdates(op, ctx)) out.push(c);
    }
  }
}

interface SlotInfo {
  component: string;
  placement: Placement;
}

/** Runs the scenario's interpreters in parallel and counts the reference-count updates lost. */
export async function runStress(scenario: Scenario, options: StressOptions = {}): Promise<StressReport> {
  const timeMs = Math.min(5000, Math.max(10, options.timeMs ?? DEFAULT_STRESS_TIME_MS));
  const layout = resolveLayout(
    scenario,
    scenario.extensions.map((e) => e.name),
  );
  const { n, configFailures, gilOf, gilShared, allocatorOf } = createInterpreters(scenario, layout);
  const live = scenario.interpreters.map((_, i) => i).filter((i) => !configFailures[i]);

  // Memory: word 0 is the start barrier, then lock words, GIL words, then counters.
  const slots: SlotInfo[] = [];
  const slotIndex = new Map<string, number>();
  const lockIndex = new Map<string, number>();
  // Counters sit a cache line apart (16 words), so private counters do not falsely share a line.
  const LINE = 16;
  const counterBase = (Math.ceil((1 + 2 * n + 4096) / LINE) + 1) * LINE;
  const slotFor = (key: string, info: SlotInfo): number => {
    let s = slotIndex.get(key);
    if (s === undefined) {
      s = slots.length;
      slots.push(info);
      slotIndex.set(key, s);
    }
    return counterBase + s * LINE;
  };
  const lockFor = (component: string): number => {
    let l = lockIndex.get(component);
    if (l === undefined) {
      l = 1 + 2 * n + lockIndex.size;
      lockIndex.set(component, l);
    }
    return l;
  };
  const plans = live.map((i) => {
    const components: string[] = [];
    flatten(scenario.interpreters[i]!.program, { isMain: i === 0, refKind: new Map() }, components);
    const plan = new Int32Array(components.length * 3);
    components.forEach((component, k) => {
      let placement = placementOf(layout, component);
      let mode: number;
      let slot: number;
      if (component === 'obmalloc' && placement === 'per-interpreter') {
        // An interpreter with use_main_obmalloc=1 shares the main allocator, plain (gh-101660).
        placement = i !== 0 && allocatorOf[i] === i ? 'per-interpreter' : 'shared';
      }
      switch (placement) {
        case 'per-interpreter':
          mode = PLAIN;
          slot = slotFor(`${component}@${i}`, { component, placement });
          break;
        case 'immortal':
          mode = 0;
          slot = slotFor(component, { component, placement });
          break;
        case 'shared':
          mode = PLAIN;
          slot = slotFor(component, { component, placement });
          break;
        case 'atomic':
          mode = ATOMIC;
          slot = slotFor(component, { component, placement });
          break;
        case 'locked':
          mode = LOCKED;
          slot = slotFor(component, { component, placement });
          break;
      }
      plan[k * 3] = slot;
      plan[k * 3 + 1] = mode;
      plan[k * 3 + 2] = mode === LOCKED ? lockFor(component) : 0;
    });
    return { interp: i, plan, components: components.length };
  });

  const buffer = new SharedArrayBuffer((counterBase + (slots.length + 1) * LINE) * 4);
  const mem = new Int32Array(buffer);
  // Expected counts must stay below 2^31 per slot.
  const perPass = new Map<number, Float64Array>();
  for (const p of plans) {
    const counts = new Float64Array(slots.length);
    for (let k = 0; k < p.plan.length; k += 3)
      if (p.plan[k + 1] !== 0) counts[(p.plan[k]! - counterBase) / LINE]!++;
    perPass.set(p.interp, counts);
  }
  const maxPerPass = Math.max(1, ...[...perPass.values()].flatMap((c) => [...c]));
  const passCap = Math.floor(2 ** 30 / (maxPerPass * Math.max(1, plans.length)));
  const maxPasses = Math.max(1, Math.min(options.passes ?? Number.MAX_SAFE_INTEGER, passCap));

  const cores = Math.max(1, availableParallelism());
  const workerCount = Math.max(
    1,
    Math.min(options.workers ?? Math.min(plans.length, cores), Math.max(1, plans.length)),
  );
  const groups: (typeof plans)[] = Array.from({ length: workerCount }, () => []);
  plans.forEach((p, k) => {
    groups[k % workerCount]!.push(p);
  });

  const workerUrl = new URL('./stress-worker.mjs', import.meta.url);
  const workers = groups.map(
    (group) =>
      new Worker(workerUrl, {
        workerData: {
          buffer,
          deadlineMs: timeMs,
          interpreters: group.map((p) => ({
            plan: p.plan,
            gilWord: gilShared[gilOf[p.interp]!] ? 1 + gilOf[p.interp]! : -1,
            maxPasses,
          })),
        },
      }),
  );
  const passes = new Map<number, number>();
  let elapsedMs = 0;
  try {
    let ready = 0;
    await Promise.all(
      workers.map(
        (worker, w) =>
          new Promise<void>((resolve, reject) => {
            worker.on('message', (msg: StressWorkerMessage) => {
              switch (msg.type) {
                case 'ready':
                  ready++;
                  if (ready === workers.length) {
                    Atomics.store(mem, 0, 1);
                    Atomics.notify(mem, 0);
                  }
                  return;
                case 'done':
                  groups[w]!.forEach((p, k) => {
                    passes.set(p.interp, msg.passes[k] ?? 0);
                  });
                  elapsedMs = Math.max(elapsedMs, msg.elapsedMs);
                  resolve();
                  return;
                case 'error':
                  reject(new Error(`stress worker failed: ${msg.message}`));
                  return;
              }
            });
            worker.on('error', reject);
            worker.on('exit', (code) => {
              if (code !== 0) reject(new Error(`stress worker exited with ${code}`));
            });
          }),
      ),
    );
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }

  const expected = new Float64Array(slots.length);
  for (const p of plans) {
    const counts = perPass.get(p.interp)!;
    const done = passes.get(p.interp) ?? 0;
    for (let s = 0; s < slots.length; s++) expected[s]! += counts[s]! * done;
  }
  const byComponent = new Map<string, StressComponentResult>();
  slots.forEach((info, s) => {
    const observed = mem[counterBase + s * LINE]!;
    const r = byComponent.get(info.component) ?? {
      component: info.component,
      placement: info.placement,
      updates: 0,
      observed: 0,
      lost: 0,
    };
    r.updates += expected[s]!;
    r.observed += observed;
    r.lost += expected[s]! - observed;
    byComponent.set(info.component, r);
  });
  const components = [...byComponent.values()].sort((a, b) =>
    a.component < b.component ? -1 : a.component > b.component ? 1 : 0,
  );
  const updates = components.reduce((sum, c) => sum + c.updates, 0);
  const lostUpdates = components.reduce((sum, c) => sum + c.lost, 0);
  return {
    ok: lostUpdates === 0,
    workers: workerCount,
    interpreters: plans.length,
    elapsedMs: Math.round(elapsedMs * 1000) / 1000,
    passes: Object.fromEntries(
      plans.map((p) => [scenario.interpreters[p.interp]!.name, passes.get(p.interp) ?? 0]),
    ),
    updates,
    lostUpdates,
    updatesPerSecond: elapsedMs > 0 ? Math.round((updates / elapsedMs) * 1000) : 0,
    components,
  };
}
