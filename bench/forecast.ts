// Forecast benchmark (src/domain/forecast), on the planner benchmark's seeded "epics" projects (three
// blocked-by edges per issue on average, some issues finished), every open issue given a PERT range:
//   - Monte Carlo: 10,000 trials of the levelled scheduler on a 1k-issue project with 5 people (goal:
//     within 1 s), against the floor: a bare typed-array forward pass (CPM with unlimited people) doing
//     the same trials, with the same drawn durations (goal: the levelled trials within 4x of it);
//   - the levelled schedule alone (one run, dates and all) of a 100k-issue project, against the planner's
//     full plan of the same project and one bare forward pass;
//   - the event loop while the 1k-issue forecast runs: its longest stall (the largest gap between the
//     ticks of a 1 ms timer) with the forecast in process, against the service's runner (on the worker
//     pool), and what the trip to the worker costs in wall time.
// Usage: npm run bench -- forecast [--issues 1000] [--people 5] [--trials 10000] [--big 100000] [--reps 3]
// Times: best wall clock and, apart, best CPU time of the process (steadier when the cores are shared).

import { fileURLToPath } from 'node:url';
import { wholeWorkingDays } from '../src/domain/forecast/calendar.js';
import { computeForecast } from '../src/domain/forecast/compute-forecast.js';
import { buildForecastGraph, type ForecastGraph } from '../src/domain/forecast/forecast-graph.js';
import { LevelledScheduler } from '../src/domain/forecast/levelled-schedule.js';
import { monteCarlo } from '../src/domain/forecast/monte-carlo.js';
import { drawDurations, pertSampler } from '../src/domain/forecast/pert.js';
import { SeededRandom } from '../src/domain/forecast/seeded-random.js';
import { crewFor } from '../src/domain/forecast/team.js';
import type { ForecastInput } from '../src/domain/forecast/types.js';
import { computePlan } from '../src/domain/plan/compute-plan.js';
import {
  createHybridForecastRunner,
  createInProcessForecastRunner,
  type ForecastRunner,
} from '../src/services/forecast-runners.js';
import { createSimWorkerPool } from '../src/services/sim-worker-pool.js';
import { best, fmt, generateProject, type Measured, measure, option, ratio } from './planner.js';
import { seededRandom } from './seeded-random.js';

export async function run(args: string[]): Promise<void> {
  const issues = Number(option(args, '--issues') ?? 1000);
  const people = Number(option(args, '--people') ?? 5);
  const trials = Number(option(args, '--trials') ?? 10_000);
  const big = Number(option(args, '--big') ?? 100_000);
  const reps = Number(option(args, '--reps') ?? 3);
  console.log(`node ${process.version}, reps ${reps} (best time reported)`);

  const input = rangedProject(issues, people, 42);
  const graph = buildForecastGraph(input);
  const scheduler = new LevelledScheduler(graph, crewFor(input.team, graph));
  scheduler.run(graph.likely);
  const guess = Int32Array.from(scheduler.finish, wholeWorkingDays);
  const trialsOf = () => monteCarlo(graph, scheduler, { trials, seed: 7, target: -1, guess });
  const floorOf = () => floorTrials(graph, trials, 7);
  const wholeOf = () => computeForecast(input, { trials, seed: 7 });
  // Warm-up (JIT) for all alike, then interleaved runs, best of `reps` each.
  for (let w = 0; w < 2; w++) {
    monteCarlo(graph, scheduler, { trials: 500, seed: 1, target: -1, guess });
    floorTrials(graph, 500, 1);
  }
  let levelled = measure(1, trialsOf);
  let floor = measure(1, floorOf);
  let whole = measure(1, wholeOf);
  for (let r = 1; r < reps; r++) {
    levelled = best(levelled, measure(1, trialsOf));
    floor = best(floor, measure(1, floorOf));
    whole = best(whole, measure(1, wholeOf));
  }
  const f = whole.result;
  console.log(
    `\nMonte Carlo: ${issues} issues (${graph.open} open), ${graph.plan.blocksAdj.length} edges, ` +
      `${people} people, ${trials} trials`,
  );
  console.log(
    `  levelled finish ${f.levelled.finishDays} d, unlimited ${f.unlimited.days} d; ` +
      `P50 ${f.quantiles.p50.days} d, P85 ${f.quantiles.p85.days} d, P95 ${f.quantiles.p95.days} d ` +
      `(floor: P85 ${floor.result.p85.toFixed(2)} d with unlimited people)`,
  );
  console.log(`  levelled trials       ${fmt(levelled)}`);
  console.log(`  floor (forward pass)  ${fmt(floor)}`);
  console.log(`  whole forecast        ${fmt(whole)}`);
  console.log(
    `  per trial: levelled ${us(levelled, trials)} µs, floor ${us(floor, trials)} µs; ` +
      `whole forecast ${whole.ms.toFixed(0)} ms (goal < 1000 ms)`,
  );
  console.log(`  ratio (wall | cpu): levelled/floor ${ratio(levelled, floor)} (goal <= 4)`);

  const large = rangedProject(big, people, 43);
  const oneOf = () => computeForecast(large, { trials: 0 });
  const planOf = () => computePlan(large);
  const largeGraph = buildForecastGraph(large);
  const onePass = () => floorTrials(largeGraph, 1, 1);
  oneOf();
  planOf();
  let one = measure(1, oneOf);
  let plan = measure(1, planOf);
  let pass = measure(1, onePass);
  for (let r = 1; r < reps; r++) {
    one = best(one, measure(1, oneOf));
    plan = best(plan, measure(1, planOf));
    pass = best(pass, measure(1, onePass));
  }
  const phases = largePhases(large, reps);
  console.log(
    `\nlevelled schedule: ${big} issues (${largeGraph.open} open), ${largeGraph.plan.blocksAdj.length} edges, ` +
      `${people} people: finish ${one.result.levelled.finishDays} d (${one.result.levelled.finishDate})`,
  );
  console.log(`  levelled schedule     ${fmt(one)}`);
  console.log(`  planner's full plan   ${fmt(plan)}`);
  console.log(`  one forward pass      ${fmt(pass)}`);
  console.log(`  phases (cpu, best of ${reps}): ${phases}`);
  console.log(`  ratio (wall | cpu): schedule/plan ${ratio(one, plan)}`);

  await eventLoop(input, trials, reps);
}

/** The event loop's longest stall while the forecast runs in process, and while it runs on the pool. */
async function eventLoop(input: ForecastInput, trials: number, reps: number): Promise<void> {
  const pool = createSimWorkerPool({ size: 1 });
  await pool.warm();
  const runners: [string, ForecastRunner][] = [
    ['in process', createInProcessForecastRunner()],
    ['worker pool', createHybridForecastRunner(pool)],
  ];
  const results = new Map<string, { stall: number; ms: number }>();
  try {
    for (let r = 0; r < reps; r++)
      for (const [name, runner] of runners) {
        let last = performance.now();
        let stall = 0;
        const ticker = setInterval(() => {
          const now = performance.now();
          stall = Math.max(stall, now - last);
          last = now;
        }, 1);
        // A tick first, so that the forecast starts from a running timer.
        await new Promise((resolve) => setTimeout(resolve, 5));
        last = performance.now();
        const start = performance.now();
        await runner.run({ input, options: { trials, seed: 7 } });
        const ms = performance.now() - start;
        await new Promise((resolve) => setTimeout(resolve, 5)); // the tick that ends a stall
        clearInterval(ticker);
        const seen = results.get(name);
        results.set(name, {
          stall: Math.min(seen?.stall ?? Infinity, stall),
          ms: Math.min(seen?.ms ?? Infinity, ms),
        });
      }
  } finally {
    await pool.close();
  }
  const local = results.get('in process')!;
  const pooled = results.get('worker pool')!;
  console.log(`\nevent loop during the ${trials}-trial forecast above (1 ms timer, best of ${reps})`);
  for (const [name, { stall, ms }] of results)
    console.log(
      `  ${name.padEnd(12)} forecast ${ms.toFixed(0).padStart(5)} ms, longest stall ${stall.toFixed(1).padStart(7)} ms`,
    );
  console.log(
    `  ratio: longest stall in process / on the pool ${(local.stall / pooled.stall).toFixed(1)}x; ` +
      `forecast wall time on the pool / in process ${(pooled.ms / local.ms).toFixed(2)}x`,
  );
}

/** The planner benchmark's project with a team, a start and, for every issue, a PERT range. */
export function rangedProject(n: number, people: number, seed: number): ForecastInput {
  const project = generateProject(n, 'epics', seed);
  const rnd = seededRandom(seed + 1);
  return {
    ...project,
    team: people,
    calendar: { start: '2025-06-02' },
    issues: project.issues.map((issue) => {
      // A range needs its most likely estimate (src/domain/estimate-range.ts): unestimated ones get 1.
      const likely = issue.estimateDays ?? 1;
      return {
        ...issue,
        estimateDays: likely,
        estimateLowDays: likely * (0.5 + 0.5 * rnd()),
        estimateHighDays: likely * (1 + 2 * rnd()),
      };
    }),
  };
}

/**
 * The floor: the same trials (same generator, same tables, same draws) through a bare forward pass with
 * unlimited people, over the open issues in a topological order, blockers in compressed rows.
 */
function floorTrials(graph: ForecastGraph, trials: number, seed: number): { p85: number } {
  const { open, blocksStart, blocksAdj } = graph;
  // Blockers of each open issue, and a topological order (Kahn, FIFO), built once.
  const count = new Int32Array(open + 1);
  for (let k = 0; k < blocksAdj.length; k++) count[blocksAdj[k]! + 1]!++;
  for (let r = 0; r < open; r++) count[r + 1]! += count[r]!;
  const fill = count.slice(0, open);
  const blockers = new Int32Array(blocksAdj.length);
  for (let u = 0; u < open; u++)
    for (let k = blocksStart[u]!; k < blocksStart[u + 1]!; k++) blockers[fill[blocksAdj[k]!]!++] = u;
  const waiting = Int32Array.from(graph.openBlockers);
  const order = new Int32Array(open);
  let tail = 0;
  for (let r = 0; r < open; r++) if (waiting[r] === 0) order[tail++] = r;
  for (let head = 0; head < tail; head++) {
    const u = order[head]!;
    for (let k = blocksStart[u]!; k < blocksStart[u + 1]!; k++)
      if (--waiting[blocksAdj[k]!]! === 0) order[tail++] = blocksAdj[k]!;
  }
  const sampler = pertSampler(graph.low, graph.likely, graph.high);
  const random = new SeededRandom(seed);
  const durations = Float64Array.from(graph.likely);
  const finish = new Float64Array(open);
  const ends = new Float64Array(trials);
  for (let t = 0; t < trials; t++) {
    drawDurations(sampler, random, durations);
    let end = 0;
    for (let i = 0; i < open; i++) {
      const v = order[i]!;
      let s = 0;
      for (let k = count[v]!; k < count[v + 1]!; k++)
        if (finish[blockers[k]!]! > s) s = finish[blockers[k]!]!;
      const f = s + durations[v]!;
      finish[v] = f;
      if (f > end) end = f;
    }
    ends[t] = end;
  }
  ends.sort();
  return { p85: ends[Math.max(0, Math.ceil(0.85 * trials) - 1)]! };
}

/** Where the 100k schedule's CPU time goes: graph (with the plan's graph, order and CPM), crew, one run, document. */
function largePhases(input: ForecastInput, reps: number): string {
  const times = new Map<string, number>();
  const time = <T>(name: string, fn: () => T): T => {
    const start = process.cpuUsage();
    const result = fn();
    const used = process.cpuUsage(start);
    times.set(name, Math.min(times.get(name) ?? Number.POSITIVE_INFINITY, (used.user + used.system) / 1000));
    return result;
  };
  for (let r = 0; r < reps; r++) {
    const graph = time('graph', () => buildForecastGraph(input));
    const scheduler = time('crew', () => new LevelledScheduler(graph, crewFor(input.team, graph)));
    time('run', () => scheduler.run(graph.likely));
    time('total', () => computeForecast(input, { trials: 0 }));
  }
  const parts = [...times].filter(([name]) => name !== 'total');
  const document = Math.max(0, times.get('total')! - parts.reduce((sum, [, ms]) => sum + ms, 0));
  return (
    [...parts, ['document', document] as const].map(([name, ms]) => `${name} ${ms.toFixed(0)}`).join(', ') +
    ' ms'
  );
}

function us(m: Measured<unknown>, trials: number): string {
  return ((m.ms * 1000) / trials).toFixed(1);
}

if (import.meta.url === `file://${process.argv[1]}` || fileURLToPath(import.meta.url) === process.argv[1]) {
  await run(process.argv.slice(2));
}
