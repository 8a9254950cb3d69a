// `npm run bench -- plan-api [issues] [--connections 32] [--seconds 4] [--database postgres]`: GET
// /v1/projects/:project/plan over real HTTP (loopback) on a generated 1k-issue project (3k dependencies), on
// SQLite and, with `--database postgres`, on PostgreSQL beside it (bench/postgres.ts finds or starts one):
//   - the median of an unchanged project (the plan kept per revision), against GET /healthz measured in
//     the same run (the cost of the HTTP round trip itself);
//   - the median right after a single-edge write (one edge added, then removed) and after a
//     single-status write, against the unchanged median (goal: within 3x);
//   - requests per second of the cached plan under a concurrent load generator on loopback, against a
//     bare Fastify route in the same run (goal: at least 0.5 of it).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Fastify from 'fastify';
import { buildApp } from '../src/api/app.js';
import { openDatabase } from '../src/store/database.js';
import { generateDocument } from './import.js';
import { generateLoad } from './load-generator.js';
import { option } from './planner.js';
import { benchPostgres, databaseArgument } from './postgres.js';

const REQUESTS = 200;

function median(samples: number[]): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] as number;
}

async function timed(url: string, init?: RequestInit): Promise<number> {
  const start = performance.now();
  const res = await fetch(url, init);
  await res.arrayBuffer();
  if (!res.ok) throw new Error(`${init?.method ?? 'GET'} ${url}: ${res.status}`);
  return performance.now() - start;
}

export async function run(args: string[]): Promise<void> {
  const { engines, rest } = databaseArgument(args);
  const issues = Number(rest[0] ?? 1000);
  const dir = mkdtempSync(join(tmpdir(), 'isoplan-bench-plan-'));
  try {
    console.log('== SQLite ==');
    await measure(`file:${join(dir, 'bench.db')}`, issues, rest);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  if (!engines.includes('postgres')) return;
  const server = await benchPostgres();
  try {
    console.log('\n== PostgreSQL ==');
    await measure(await server.database(), issues, rest);
  } finally {
    await server.close();
  }
}

/** Every measurement of the header on a database at `url` (a fresh, empty one). */
async function measure(url: string, issues: number, args: string[]): Promise<void> {
  const database = await openDatabase({ url });
  // No rate limit: the load generator is one client on purpose.
  const app = await buildApp({ apiToken: undefined, rateLimit: 0 }, { database });
  try {
    await database.stores.documents.import('bench', generateDocument(issues, issues * 3), { actor: 'bench' });
    const base = await app.listen({ host: '127.0.0.1', port: 0 });
    const plan = `${base}/v1/projects/bench/plan`;
    for (let i = 0; i < 20; i++) await timed(plan); // warm-up: JIT, first compute

    const health: number[] = [];
    const cached: number[] = [];
    for (let i = 0; i < REQUESTS; i++) {
      health.push(await timed(`${base}/healthz`));
      cached.push(await timed(plan));
    }
    // Writes that change the plan, each followed by GET …/plan: one edge added or removed, one status set.
    const afterEdge: number[] = [];
    const afterStatus: number[] = [];
    for (let i = 0; i < REQUESTS / 4; i++) {
      // issue-(i+n/2) blocked by issue-i: every generated edge points to a lower number, so no cycle.
      const edge = `${base}/v1/projects/bench/issues/issue-${i + Math.floor(issues / 2)}/blocked-by/issue-${i}`;
      await timed(edge, { method: 'PUT' });
      afterEdge.push(await timed(plan));
      await timed(edge, { method: 'DELETE' });
      afterEdge.push(await timed(plan));
      const status = i % 5 === 0 ? 'open' : 'done'; // every fifth generated issue is done
      await timed(`${base}/v1/projects/bench/issues/issue-${i}`, {
        method: 'PATCH',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ status }),
      });
      afterStatus.push(await timed(plan));
    }
    const h = median(health);
    const c = median(cached);
    const e = median(afterEdge);
    const s = median(afterStatus);
    console.log(`project: ${issues} issues, ${issues * 3} dependencies; ${REQUESTS} requests each`);
    console.log(`GET /healthz                      median ${h.toFixed(2)} ms (the HTTP floor)`);
    console.log(
      `GET …/plan, unchanged             median ${c.toFixed(2)} ms  (${(c / h).toFixed(1)}x the floor)`,
    );
    for (const [name, ms] of [
      ['after a single-edge write', e],
      ['after a single-status write', s],
    ] as const)
      console.log(
        `GET …/plan, ${name.padEnd(27)} median ${ms.toFixed(2)} ms  ${(ms / c).toFixed(2)}x unchanged ` +
          `(goal <= 3: ${ms / c <= 3 ? 'met' : 'NOT met'})`,
      );

    // Throughput under a concurrent load generator (a child process), against a bare Fastify route.
    const bare = Fastify();
    bare.get('/', async () => ({ ok: true }));
    const bareBase = await bare.listen({ host: '127.0.0.1', port: 0 });
    try {
      const connections = Number(option(args, '--connections') ?? 32);
      const seconds = Number(option(args, '--seconds') ?? 4);
      await generateLoad(plan, connections, 1); // warm-up
      await generateLoad(`${bareBase}/`, connections, 1);
      const planLoad = await generateLoad(plan, connections, seconds);
      const bareLoad = await generateLoad(`${bareBase}/`, connections, seconds);
      const r = planLoad.requestsPerSecond / bareLoad.requestsPerSecond;
      console.log(
        `\nload: ${connections} keep-alive connections, ${seconds} s each, generator in a child process`,
      );
      console.log(
        `bare Fastify route              ${bareLoad.requestsPerSecond.toFixed(0).padStart(7)} req/s (${bareLoad.bodyBytes.toFixed(0)} B bodies)`,
      );
      console.log(
        `GET …/plan, cached              ${planLoad.requestsPerSecond.toFixed(0).padStart(7)} req/s (${(planLoad.bodyBytes / 1024).toFixed(0)} KiB bodies)` +
          `  ${r.toFixed(2)}x the bare route (goal >= 0.5: ${r >= 0.5 ? 'met' : 'NOT met'})`,
      );
      if (planLoad.errors + bareLoad.errors > 0) console.log(`errors: ${planLoad.errors + bareLoad.errors}`);
    } finally {
      await bare.close();
    }
  } finally {
    await app.close();
    await database.close();
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await run(process.argv.slice(2));
