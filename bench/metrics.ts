// `npm run bench -- metrics [projects] [issues]`: GET /metrics over real HTTP (loopback) with 1,000
// projects of 30 issues each (90 dependencies): the first scrape, which computes every project's figures
// (a plan each: what every scrape would cost if it re-planned), against the scrapes that follow (figures
// cached per project revision; the forecasts a scrape's budget left, made by the scrapes that follow) and a
// scrape after one project changed, with GET /healthz measured in
// the same run as the floor (the HTTP round trip itself).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildApp } from '../src/api/app.js';
import { openDatabase } from '../src/store/database.js';
import { generateDocument } from './import.js';

const REQUESTS = 50;

function median(samples: number[]): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] as number;
}

async function timed(url: string, init?: RequestInit): Promise<{ ms: number; bytes: number }> {
  const start = performance.now();
  const res = await fetch(url, init);
  const body = await res.arrayBuffer();
  if (!res.ok) throw new Error(`${init?.method ?? 'GET'} ${url}: ${res.status}`);
  return { ms: performance.now() - start, bytes: body.byteLength };
}

export async function run(args: string[]): Promise<void> {
  const projects = Number(args[0] ?? 1000);
  const issues = Number(args[1] ?? 30);
  const dir = mkdtempSync(join(tmpdir(), 'isoplan-bench-metrics-'));
  const database = await openDatabase({ url: `file:${join(dir, 'bench.db')}` });
  const app = await buildApp({ apiToken: undefined }, { database });
  try {
    const document = generateDocument(issues, issues * 3);
    for (let p = 0; p < projects; p++) {
      await database.stores.documents.import(`project-${p}`, document, { actor: 'bench' });
    }
    const base = await app.listen({ host: '127.0.0.1', port: 0 });
    const metrics = `${base}/metrics`;
    for (let i = 0; i < 20; i++) await timed(`${base}/healthz`); // warm-up: JIT, connections

    const cold = await timed(metrics);
    // Forecasts beyond the first scrape's budget (project-metrics.ts) are made by the scrapes that follow.
    const behind = app.services.projectMetrics.forecastsBehind;
    const catchUp: number[] = [];
    while (app.services.projectMetrics.forecastsBehind > 0) catchUp.push((await timed(metrics)).ms);
    const health: number[] = [];
    const warm: number[] = [];
    for (let i = 0; i < REQUESTS; i++) {
      health.push((await timed(`${base}/healthz`)).ms);
      warm.push((await timed(metrics)).ms);
    }
    const afterWrite: number[] = [];
    for (let i = 0; i < REQUESTS / 5; i++) {
      await timed(`${base}/v1/projects/project-${i}/issues/issue-1`, {
        method: 'PATCH',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ title: `Renamed ${i}` }),
      });
      afterWrite.push((await timed(metrics)).ms);
    }
    const h = median(health);
    const w = median(warm);
    const a = median(afterWrite);
    console.log(
      `${projects} projects of ${issues} issues and ${issues * 3} dependencies; ${REQUESTS} scrapes`,
    );
    console.log(`scrape size ${(cold.bytes / 1024).toFixed(0)} kB`);
    console.log(`GET /healthz                         median ${h.toFixed(2)} ms (the HTTP floor)`);
    console.log(
      `GET /metrics, first (plans all)             ${cold.ms.toFixed(2)} ms (${(cold.ms / w).toFixed(1)}x a cached scrape)`,
    );
    console.log(
      `  forecasts left to later scrapes ${behind}: made by ${catchUp.length} more, the longest ${Math.max(0, ...catchUp).toFixed(0)} ms`,
    );
    console.log(
      `GET /metrics, unchanged              median ${w.toFixed(2)} ms (${(w / h).toFixed(1)}x the floor)`,
    );
    console.log(
      `GET /metrics, after one project's write median ${a.toFixed(2)} ms (${(a / w).toFixed(2)}x unchanged)`,
    );
  } finally {
    await app.close();
    await database.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await run(process.argv.slice(2));
