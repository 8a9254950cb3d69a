// Simulator budget: the costliest scenarios parseScenario still accepts, run once each. For each kind
// of step (plain, locked, atomic, allocation churn with its races, pending calls, sends and receives,
// imports of a module with 256 static globals) and each number of interpreters (1, 8, 64; own GILs, or
// all sharing the main GIL), the program is scaled up to just under MAX_SIMULATED_COST (and, per run,
// under the race detector's tracked-objects bound). It prints the CPU time of each, and its CPU time per
// cost unit against a plain step's (one interpreter's per-interpreter gc) measured in the same process
// (the cost model's error: near 1x everywhere means the budget bounds the time whatever the scenario).
// Goal: every one within about two seconds of CPU on these machines.
// Usage: npm run bench -- sim-budget [part of a shape's name]

import {
  estimateCost,
  estimateSteps,
  MAX_SIMULATED_COST,
  type Op,
  parseScenario,
  runScenario,
  type Scenario,
} from '../src/runtime-sim/index.js';

const TRACKED = 2 ** 25;

interface Shape {
  name: string;
  body: Op[];
  layout?: Record<string, string>;
  extensions?: Scenario['extensions'];
  /** Ops each interpreter runs once before its loop. */
  prologue?: Op[];
  /** Sends to the next interpreter and receives from the previous one. */
  ring?: boolean;
}

const GLOBALS = Array.from({ length: 256 }, (_, k) => `g${k}`);

const SHAPES: Shape[] = [
  { name: 'gc (shared: races)', body: [{ op: 'gc' }] },
  { name: 'gc per-interpreter', body: [{ op: 'gc' }], layout: { gc: 'per-interpreter' } },
  { name: 'gc atomic', body: [{ op: 'gc' }], layout: { gc: 'atomic' } },
  { name: 'touch locked', body: [{ op: 'touch', component: 'gc' }], layout: { gc: 'locked' } },
  {
    name: 'tuple churn (3.8)',
    body: [
      { op: 'alloc', type: 'tuple', as: 't' },
      { op: 'free', ref: 't' },
    ],
  },
  {
    name: 'object churn',
    body: [
      { op: 'alloc', type: 'object', as: 'o' },
      { op: 'free', ref: 'o' },
    ],
  },
  {
    name: 'pending calls locked',
    body: [{ op: 'pending_call' }],
    layout: { 'ceval.pending_calls': 'locked' },
  },
  {
    name: 'send/recv ring',
    body: [
      { op: 'small_int', value: 1000, as: 'x' },
      { op: 'send', ref: 'x', to: 'NEXT' },
      { op: 'recv', as: 'y' },
    ],
    ring: true,
  },
  {
    name: 'call, 256 globals',
    prologue: [{ op: 'import', module: 'wide' }],
    body: [{ op: 'call', module: 'wide' }],
    extensions: [{ name: 'wide', init: 'single-phase', multipleInterpreters: null, globals: GLOBALS }],
  },
];

/** The biggest scenario of `shape` with `n` interpreters that parseScenario accepts. */
function largest(shape: Shape, n: number, preset: 'isolated' | 'legacy'): Scenario {
  const build = (iterations: number, runs: number): unknown => {
    const inner = Math.min(1000, iterations);
    const outer = Math.max(1, Math.floor(iterations / inner));
    return {
      runs,
      layout: shape.layout ?? {},
      extensions: shape.extensions ?? [],
      interpreters: Array.from({ length: n }, (_, i) => ({
        name: `i${i}`,
        ...(i > 0 ? { config: { preset } } : {}),
        program: [
          ...(shape.prologue ?? []),
          {
            op: 'repeat',
            times: outer,
            body: [
              {
                op: 'repeat',
                times: inner,
                body: shape.ring
                  ? shape.body.map((op) => (op.op === 'send' ? { ...op, to: `i${(i + 1) % n}` } : op))
                  : shape.body,
              },
            ],
          },
        ],
      })),
    };
  };
  // Cost per iteration and per run, from a probe of one iteration.
  const probe = parseScenario(build(1, 1));
  if (!probe.ok) throw new Error(`${shape.name}: ${JSON.stringify(probe.problems)}`);
  const perIteration = estimateCost(probe.scenario);
  const stepsPerIteration = estimateSteps(probe.scenario);
  let iterations = Math.floor((MAX_SIMULATED_COST * 0.99) / perIteration);
  let runs = 1;
  // Keep one run's tracked objects under the bound: spread over runs.
  while ((iterations / runs) * stepsPerIteration * n > TRACKED * 0.99) runs *= 2;
  iterations = Math.floor(iterations / runs);
  const parsed = parseScenario(build(iterations, runs));
  if (!parsed.ok) throw new Error(`${shape.name} x${n}: ${JSON.stringify(parsed.problems)}`);
  return parsed.scenario;
}

export async function run(args: string[]): Promise<void> {
  const only = args[0];
  console.log(
    `simulator budget: the largest accepted scenario of each shape (cost <= ${MAX_SIMULATED_COST}), run once (CPU ms)`,
  );
  console.log(
    'shape                    interps  GILs    runs  steps       cost       CPU ms  wall ms  CPU/unit',
  );
  const rows: { label: string; cpu: number; wall: number; cost: number; steps: number; runs: number }[] = [];
  for (const shape of SHAPES.filter((s) => only === undefined || s.name.includes(only))) {
    // A ring needs two interpreters at least.
    for (const n of shape.ring ? [2, 8, 64] : [1, 8, 64]) {
      for (const preset of n === 1 ? (['isolated'] as const) : (['isolated', 'legacy'] as const)) {
        const scenario = largest(shape, n, preset);
        const t0 = process.cpuUsage();
        const w0 = performance.now();
        const report = runScenario(scenario, { timing: false });
        const cpu = process.cpuUsage(t0);
        const cpuMs = (cpu.user + cpu.system) / 1000;
        rows.push({
          label: `${shape.name.padEnd(25)}${String(n).padStart(4)}    ${(n === 1 ? 'own' : preset === 'legacy' ? 'shared' : 'own').padEnd(7)}`,
          cpu: cpuMs,
          wall: performance.now() - w0,
          cost: estimateCost(scenario),
          steps: report.stats.steps,
          runs: scenario.runs,
        });
      }
    }
  }
  // The baseline: a plain step of one interpreter alone (a per-interpreter gc), when it ran.
  const plain = rows.find((r) => r.label.startsWith('gc per-interpreter') && r.label.includes('   1 '));
  const unit = plain ? plain.cpu / plain.cost : Math.min(...rows.map((r) => r.cpu / r.cost));
  for (const r of rows) {
    console.log(
      `${r.label}${String(r.runs).padStart(5)}  ${String(r.steps).padStart(10)}  ${String(Math.round(r.cost)).padStart(9)}  ${r.cpu.toFixed(0).padStart(7)}  ${r.wall.toFixed(0).padStart(7)}  ${(r.cpu / r.cost / unit).toFixed(2).padStart(7)}x`,
    );
  }
  const worst = rows.reduce((a, b) => (b.cpu > a.cpu ? b : a));
  console.log(`worst: ${worst.label.trim()} ${worst.cpu.toFixed(0)} ms of CPU (goal: about 2000 ms or less)`);
}
