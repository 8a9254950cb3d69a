// Simulator benchmark: simulated steps per second with every detector on (vector-clock races,
// cross-interpreter objects, cross-allocator frees) against the same programs with detectors off,
// in the same process (the overhead ratio; goal at most 5x, ThreadSanitizer's best cases), and stress
// mode's speed-up from one worker thread to two.
// Programs: workloads with 1000-iteration loops in main + two isolated subinterpreters, 50 runs each,
// under CPython 3.8's layout (violations on nearly every step: the detectors' worst case) and 3.12's.
// Times are the process's CPU time (user + system) for the run, not wall time: a run is synchronous
// on this thread, so the figure is the same on a quiet machine and stays comparable on a shared one
// (other processes' load does not count; wall time under a load of 13 on 2 cores read 2-3x slower).
// Usage: npm run bench -- sim [--reps 3] [--runs 50] [--stress-ms 300]

import { fileURLToPath } from 'node:url';
import {
  getWorkload,
  type Op,
  placements312,
  runScenario,
  runStress,
  type Scenario,
  scenarioForCheck,
} from '../src/runtime-sim/index.js';

const WORKLOADS = ['tuple-churn', 'allocator', 'singletons', 'intern-strings', 'pending-calls', 'gc'];

/** The workload's program with its loops at 1000 iterations. */
function scaled(program: readonly Op[]): Op[] {
  return program.map((op) => (op.op === 'repeat' ? { ...op, times: 1000, body: scaled(op.body) } : op));
}

function best(reps: number, f: () => number): number {
  let min = Number.POSITIVE_INFINITY;
  for (let r = 0; r < reps; r++) min = Math.min(min, f());
  return min;
}

function timeRun(scenario: Scenario, detectors: boolean): { ms: number; steps: number } {
  const t0 = process.cpuUsage();
  const report = runScenario(scenario, { detectors, timing: false });
  const cpu = process.cpuUsage(t0);
  return { ms: (cpu.user + cpu.system) / 1000, steps: report.stats.steps };
}

export async function run(args: string[]): Promise<void> {
  const reps = Number(option(args, '--reps') ?? 3);
  const runs = Number(option(args, '--runs') ?? 50);
  const stressMs = Number(option(args, '--stress-ms') ?? 300);

  console.log(`simulator: ${runs} runs x 3 interpreters x 1000-iteration loops, best of ${reps} (CPU ms)`);
  console.log('workload            layout  steps     on ms   off ms  on Msteps/s  off Msteps/s  ratio');
  let totalOn = 0;
  let totalOff = 0;
  for (const name of WORKLOADS) {
    const w = getWorkload(name)!;
    for (const [label, layout] of [
      ['3.8', {}],
      ['3.12', placements312(w.components)],
    ] as const) {
      const scenario = scenarioForCheck({ program: scaled(w.program), layout, runs });
      timeRun(scenario, true); // warm up
      timeRun(scenario, false);
      let steps = 0;
      const on = best(reps, () => {
        const r = timeRun(scenario, true);
        steps = r.steps;
        return r.ms;
      });
      const off = best(reps, () => timeRun(scenario, false).ms);
      totalOn += on;
      totalOff += off;
      console.log(
        `${name.padEnd(20)}${label.padEnd(8)}${String(steps).padEnd(10)}${on.toFixed(1).padStart(6)}  ${off.toFixed(1).padStart(7)}  ${(steps / on / 1000).toFixed(2).padStart(11)}  ${(steps / off / 1000).toFixed(2).padStart(12)}  ${(on / off).toFixed(2).padStart(5)}x`,
      );
    }
  }
  console.log(
    `overall detector overhead (sum on / sum off): ${(totalOn / totalOff).toFixed(2)}x (goal <= 5x)`,
  );

  // Stress mode: the same two-interpreter scenario on one worker, then on two.
  const program: Op[] = [{ op: 'repeat', times: 100_000, body: [{ op: 'gc' }] }];
  const setting = { interpreters: [{ name: 'main' }, { name: 'sub' }] };
  console.log(`\nstress mode: 2 interpreters x 100,000-update passes, ${stressMs} ms each`);
  for (const gc of ['per-interpreter', 'atomic', 'shared'] as const) {
    const scenario = scenarioForCheck({ program, layout: { gc }, setting });
    const one = await runStress(scenario, { timeMs: stressMs, workers: 1 });
    const two = await runStress(scenario, { timeMs: stressMs, workers: 2 });
    console.log(
      `gc ${gc.padEnd(16)} 1 worker ${(one.updatesPerSecond / 1e6).toFixed(1).padStart(6)} M updates/s, 2 workers ${(two.updatesPerSecond / 1e6).toFixed(1).padStart(6)} M updates/s: speed-up ${(two.updatesPerSecond / one.updatesPerSecond).toFixed(2)}x; lost updates ${one.lostUpdates} / ${two.lostUpdates}`,
    );
  }
}

function option(args: string[], name: string): string | undefined {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
}

if (import.meta.url === `file://${process.argv[1]}` || fileURLToPath(import.meta.url) === process.argv[1]) {
  await run(process.argv.slice(2));
}
