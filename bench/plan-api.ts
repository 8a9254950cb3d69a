// `npm run bench -- plan-api [issues]`: GET /v1/projects/:project/plan over real HTTP (loopback) on a
// generated 1k-issue project (3k dependencies): the median of an unchanged project (the plan cache)
// and of a project changed before every request (the plan computed again), against GET /healthz
// measured in the same run (the cost of the HTTP round trip itself). Goal: plan median under 20 ms.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildApp } from '../src/api/app.js';
import { openDatabase } from '../src/store/database.js';
import { generateDocument } from './import.js';

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
  const issues = Number(args[0] ?? 1000);
  const dir = mkdtempSync(join(tmpdir(), 'isoplan-bench-plan-'));
  const database = await openDatabase({ url: `file:${join(dir, 'bench.db')}` });
  const app = await buildApp({ apiToken: undefined }, { database });
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
    const fresh: number[] = [];
    for (let i = 0; i < REQUESTS / 4; i++) {
      // A write bumps the project's revision: the next plan is computed again.
      await timed(`${base}/v1/projects/bench/issues/issue-${i}`, {
        method: 'PATCH',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ title: `Renamed ${i}` }),
      });
      fresh.push(await timed(plan));
    }
    const h = median(health);
    const c = median(cached);
    const f = median(fresh);
    console.log(`project: ${issues} issues, ${issues * 3} dependencies; ${REQUESTS} requests each`);
    console.log(`GET /healthz                 median ${h.toFixed(2)} ms (the HTTP floor)`);
    console.log(`GET …/plan, unchanged        median ${c.toFixed(2)} ms  (${(c / h).toFixed(1)}x the floor)`);
    console.log(`GET …/plan, after a write    median ${f.toFixed(2)} ms  (${(f / h).toFixed(1)}x the floor)`);
    console.log(`goal: under 20 ms median -> ${Math.max(c, f) < 20 ? 'met' : 'NOT met'}`);
  } finally {
    await app.close();
    await database.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await run(process.argv.slice(2));
