// `npm run bench -- scale [sizes, default 1000,10000,100000,1000000]`: how the plan grows. For each size,
// in a child process of its own (so that its peak memory is its own): a seeded "epics" project (the
// planner benchmark's, three blocked-by edges per issue on average) planned by the plan service as
// GET …/plan serves it: the analysis, then its JSON text, kept whole when small and written as a stream of
// 64 KiB chunks when large, each chunk dropped once counted (as a socket would take it). The rows come
// from memory (no database: reading 1M rows is the store's cost, not the planner's).
// Time is the best of three in the process (one at 1M), after a warm-up on a small project.
// Prints time (analysis + JSON, wall clock and CPU), the process's peak RSS and the RSS the input alone took, and the growth
// exponent between consecutive sizes (CPU time ~ n^k: k = 1 is linear). Goal: 1M issues within 2 GB.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { PlanInput } from '../src/domain/plan/types.js';
import { createPlanService } from '../src/services/plan-service.js';
import type { PlanRows } from '../src/store/types.js';
import { collector, generateProject } from './planner.js';

interface SizeResult {
  n: number;
  edges: number;
  ms: number;
  /** CPU time of the process: steadier than the wall clock when the cores are shared. */
  cpuMs: number;
  jsonMB: number;
  streamed: boolean;
  inputRssMB: number;
  peakRssMB: number;
}

/** The plan as GET …/plan serves it, from rows in memory; answers its time and JSON size. */
async function planAsServed(
  input: PlanInput,
): Promise<{ ms: number; cpuMs: number; bytes: number; streamed: boolean }> {
  const project = { revision: 1, createdAt: new Date(0), defaultEstimateDays: 1 };
  const plans = createPlanService({
    projects: { get: async () => project as never, revisionOf: async () => ({ revision: 1, createdAt: 0 }) },
    issues: {
      // The planner reads none of the forecast's fields (estimate range, assignee): rows without them.
      listPlanRows: async () => ({ issues: input.issues as PlanRows['issues'], edges: input.edges, project }),
      listAll: async () => [],
    },
  });
  const start = performance.now();
  const cpuStart = process.cpuUsage();
  const { json } = await plans.planJson('scale');
  let bytes = 0;
  if ('bytes' in json) bytes = json.bytes.length;
  else for (const chunk of json.chunks) bytes += chunk.length;
  const ms = performance.now() - start;
  const cpu = process.cpuUsage(cpuStart);
  plans.close();
  return { ms, cpuMs: (cpu.user + cpu.system) / 1000, bytes, streamed: !('bytes' in json) };
}

async function measureSize(n: number): Promise<SizeResult> {
  const gc = collector();
  // Warm-up on a small project: the sizes compare the planner's work, not the JIT's first compiles.
  const small = generateProject(2000, 'epics', 7);
  for (let i = 0; i < 10; i++) await planAsServed(small);
  const input = generateProject(n, 'epics', 42);
  gc?.();
  const inputRssMB = process.memoryUsage().rss / 2 ** 20;
  let best = await planAsServed(input);
  for (let r = 1; r < (n < 1_000_000 ? 3 : 1); r++) {
    gc?.();
    const again = await planAsServed(input);
    if (again.cpuMs < best.cpuMs) best = again;
  }
  return {
    n,
    edges: input.edges.length,
    ms: best.ms,
    cpuMs: best.cpuMs,
    jsonMB: best.bytes / 2 ** 20,
    streamed: best.streamed,
    inputRssMB,
    peakRssMB: process.resourceUsage().maxRSS / 1024,
  };
}

function inChild(n: number): Promise<SizeResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [
        ...process.execArgv,
        '--max-old-space-size=4096',
        fileURLToPath(import.meta.url),
        '--child',
        String(n),
      ],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    );
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
    });
    child.on('error', reject);
    child.on('exit', (code) =>
      code === 0 ? resolve(JSON.parse(out) as SizeResult) : reject(new Error(`n=${n}: exit ${code}`)),
    );
  });
}

export async function run(args: string[]): Promise<void> {
  const sizes = (args.find((a) => !a.startsWith('--')) ?? '1000,10000,100000,1000000').split(',').map(Number);
  console.log(
    'size        edges      plan+JSON wall (cpu)    JSON                  peak RSS   input RSS  growth exponent (cpu)',
  );
  let previous: SizeResult | undefined;
  for (const n of sizes) {
    const result = await inChild(n);
    const exponent =
      previous === undefined
        ? ''
        : (Math.log(result.cpuMs / previous.cpuMs) / Math.log(n / previous.n)).toFixed(2);
    console.log(
      `${String(n).padEnd(11)} ${String(result.edges).padEnd(10)} ${result.ms.toFixed(0).padStart(7)} ms (${result.cpuMs.toFixed(0).padStart(6)}) ` +
        `${result.jsonMB.toFixed(1).padStart(7)} MB${result.streamed ? ' (streamed)' : '           '} ` +
        `${result.peakRssMB.toFixed(0).padStart(6)} MB  ${result.inputRssMB.toFixed(0).padStart(6)} MB   ${exponent}`,
    );
    if (n === 1_000_000)
      console.log(
        `1M issues: peak RSS ${result.peakRssMB.toFixed(0)} MB (goal <= 2048 MB: ${result.peakRssMB <= 2048 ? 'met' : 'NOT met'})`,
      );
    previous = result;
  }
}

const childAt = process.argv.indexOf('--child');
if (childAt >= 0 && process.argv[1] === fileURLToPath(import.meta.url)) {
  process.stdout.write(JSON.stringify(await measureSize(Number(process.argv[childAt + 1]))));
}
