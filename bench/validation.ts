// Validation benchmark: a full validation (src/domain/validation) of the demo project and of a generated
// 200-issue project with claims and checks, on one thread (the in-process runner, the baseline) and on
// the worker pool (os.availableParallelism() workers), in the same process; plus the service path over
// a real SQLite file (first run stored, then the unchanged project answered from its stored run).
// Reported: best and median wall time per validation over --reps runs after one warm-up, the simulator
// runs each validation asks for, and the pool's speed-up over one thread.
// Usage: npm run bench -- validation [--reps 5] [--issues 200] [--workers N]
// Goal (issue 5): the demo under a second on this machine.

import { readFileSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import type { Check, Claim, IssueStatus, ProjectDocument } from '../src/domain/model.js';
import {
  type CheckJob,
  type CheckRunner,
  type ValidationInput,
  validateProject,
} from '../src/domain/validation/index.js';
import { getCatalog } from '../src/runtime-sim/index.js';
import { createHybridRunner, createInProcessRunner } from '../src/services/check-runners.js';
import { createSimWorkerPool } from '../src/services/sim-worker-pool.js';
import { createValidationService } from '../src/services/validation-service.js';
import { openDatabase } from '../src/store/database.js';
import { DEMO_FILE, loadDemoIfEmpty } from '../src/store/demo.js';
import { seededRandom } from './seeded-random.js';

export async function run(args: string[]): Promise<void> {
  const reps = Number(option(args, '--reps') ?? 5);
  const size = Number(option(args, '--issues') ?? 200);
  const workers = Number(option(args, '--workers') ?? availableParallelism());
  console.log(`node ${process.version}, ${availableParallelism()} cores, pool of ${workers}, reps ${reps}`);

  const demoDoc = JSON.parse(readFileSync(DEMO_FILE, 'utf8')) as ProjectDocument;
  const demo: ValidationInput = {
    issues: demoDoc.issues,
    edges: demoDoc.dependencies,
    goal: demoDoc.project.goal,
  };
  const generated = generateProject(size, 42);

  const local = createInProcessRunner();
  const cold = await time(() => validateProject(demo, local));
  console.log(`demo, first validation in a fresh process (one thread, JIT cold): ${ms(cold)}`);

  const pool = createSimWorkerPool({ size: workers });
  const warmStart = performance.now();
  await pool.warm();
  console.log(
    `worker pool start (${workers} workers, simulator loaded): ${ms(performance.now() - warmStart)}`,
  );

  try {
    for (const [name, input] of [
      ['demo', demo],
      [`generated ${size} issues`, generated],
    ] as const) {
      const counted = counting(local);
      const result = await validateProject(input, counted);
      const verdicts = { verified: 0, failing: 0, untested: 0 };
      for (const i of result.issues) verdicts[i.verdict]++;
      console.log(
        `\n${name}: ${input.issues.length} issues, ${input.edges.length} edges, ${counted.runs} simulator runs per ` +
          `validation; verified ${verdicts.verified}, failing ${verdicts.failing}, untested ${verdicts.untested}, ` +
          `missing dependencies ${result.missingDependencies.length}, regressions ${result.regressions.length}`,
      );
      const one = await measure(reps, () => validateProject(input, local));
      const many = await measure(reps, () => validateProject(input, pool));
      console.log(`  one thread  : best ${ms(one.best)}, median ${ms(one.median)}`);
      console.log(`  worker pool : best ${ms(many.best)}, median ${ms(many.median)}`);
      console.log(
        `  speed-up    : ${(one.median / many.median).toFixed(2)}x (median), ` +
          `${(one.best / many.best).toFixed(2)}x (best); ${((counted.runs * 1000) / many.median).toFixed(0)} simulator runs/s on the pool`,
      );
    }

    // The service path: reads through the store, validates on the pool, stores; then reuses.
    const dir = fileURLToPath(new URL(`./.validation-bench-${process.pid}/`, import.meta.url));
    const database = await openDatabase({ url: `file:${dir}bench.db`, synchronous: 'NORMAL' });
    try {
      await loadDemoIfEmpty(database);
      const service = createValidationService({
        projects: database.stores.projects,
        issues: database.stores.issues,
        validations: database.stores.validations,
        runner: createHybridRunner(pool),
      });
      const first = await time(() => service.validate('per-interpreter-gil'));
      const reused = await measure(reps, () => service.validate('per-interpreter-gil'));
      console.log(
        `\nservice over SQLite, demo: first validate (run + store) ${ms(first)}; ` +
          `unchanged project (stored run reused) median ${ms(reused.median)}`,
      );
    } finally {
      await database.close();
      await rm(dir, { recursive: true, force: true });
    }
  } finally {
    await pool.close();
  }
}

/** A seeded project: each issue claims one component and checks it, often checks an earlier issue's
 *  component too (clean only if that issue is a blocker or done: else a missing dependency), and a
 *  quarter carry a heavier built-in workload. ~30% done, 5% wont_do, the rest open. */
function generateProject(n: number, seed: number): ValidationInput {
  const random = seededRandom(seed);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(random() * xs.length)]!;
  const components = getCatalog()
    .components.filter((c) => c.kind === 'extension-module' || c.kind === 'c-global')
    .map((c) => c.id);
  const heavy = [
    'tuple-churn',
    'dict-churn',
    'intern-strings',
    'singletons',
    'small-ints',
    'allocator',
    'gc',
  ];
  const keys = Array.from({ length: n }, (_, i) => `ISSUE-${String(i).padStart(4, '0')}`);
  const owned = keys.map((_, i) => components[(i * 7) % components.length]!);
  const edges: { issue: string; blockedBy: string }[] = [];
  const issues = keys.map((key, i) => {
    const r = random();
    const status: IssueStatus = r < 0.3 ? 'done' : r < 0.35 ? 'wont_do' : 'open';
    const claims: Claim[] = [{ component: owned[i]!, placement: 'per-interpreter' }];
    const checks: Check[] = [{ name: 'own', workload: `touch:${owned[i]}` }];
    if (i > 0 && random() < 0.6) {
      const j = Math.floor(random() * i);
      checks.push({ name: 'upstream', workload: `touch:${owned[j]}` });
      if (random() < 0.8) edges.push({ issue: key, blockedBy: keys[j]! });
    }
    if (random() < 0.25) checks.push({ name: 'workload', workload: pick(heavy) });
    for (let e = Math.floor(random() * 3); e > 0 && i > 0; e--) {
      edges.push({ issue: key, blockedBy: keys[Math.floor(random() * i)]! });
    }
    return { key, status, claims, checks };
  });
  return { issues, edges, goal: heavy.map((w) => ({ name: w, workload: w })) };
}

function counting(inner: CheckRunner): CheckRunner & { runs: number } {
  const runner = {
    runs: 0,
    run(jobs: readonly CheckJob[]) {
      runner.runs += jobs.reduce((s, j) => s + j.checks.length, 0);
      return inner.run(jobs);
    },
  };
  return runner;
}

async function time(f: () => Promise<unknown>): Promise<number> {
  const t = performance.now();
  await f();
  return performance.now() - t;
}

async function measure(reps: number, f: () => Promise<unknown>): Promise<{ best: number; median: number }> {
  await f(); // warm-up
  const times: number[] = [];
  for (let i = 0; i < reps; i++) times.push(await time(f));
  times.sort((a, b) => a - b);
  return { best: times[0]!, median: times[Math.floor(times.length / 2)]! };
}

const ms = (t: number) => `${t.toFixed(0)} ms`;

function option(args: string[], name: string): string | undefined {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
}
