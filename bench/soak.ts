// `npm run bench -- soak [seconds] [lockSeconds]`: a mixed load over real HTTP (loopback) for a fixed time
// (default 30 s): reads (project, issues, plan, export), writes, validations, event streams that read and
// export clients that never read. Every 2 s it prints the process's memory (it must plateau: nothing grows
// per request), then p50/p99 per route. Then, with the same load, another process holds the database's
// write lock for `lockSeconds` (default 10 s; 0 skips it): reads and /readyz against their own latency
// with the lock free (the ratio), and what the writes got (503 database-busy, each after its own wait).
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildApp } from '../src/api/app.js';
import { DEFAULT_LIMITS } from '../src/config.js';
import { openDatabase } from '../src/store/database.js';
import { loadDemoIfEmpty } from '../src/store/demo.js';
import { generateDocument } from './import.js';

const ISSUES = 1000;
const WORKERS = 4;
const STREAMS = 20;
const STUCK_EXPORTS = 20;

type Samples = Map<string, number[]>;

function quantile(sorted: number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * q))] ?? Number.NaN;
}

function record(samples: Samples, route: string, ms: number): void {
  const list = samples.get(route) ?? [];
  list.push(ms);
  samples.set(route, list);
}

function report(title: string, samples: Samples, statuses: Map<string, number>): void {
  console.log(title);
  for (const [route, list] of [...samples].sort(([a], [b]) => a.localeCompare(b))) {
    const sorted = [...list].sort((a, b) => a - b);
    console.log(
      `  ${route.padEnd(28)} n=${String(sorted.length).padStart(5)}  p50 ${quantile(sorted, 0.5).toFixed(1).padStart(7)} ms  p99 ${quantile(sorted, 0.99).toFixed(1).padStart(7)} ms  max ${(sorted.at(-1) ?? 0).toFixed(1).padStart(7)} ms`,
    );
  }
  console.log(`  statuses: ${[...statuses].map(([k, n]) => `${k} x${n}`).join(', ')}`);
}

const mib = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MiB`;

export async function run(args: string[]): Promise<void> {
  const seconds = Number(args[0] ?? 30);
  const lockSeconds = Number(args[1] ?? 10);
  const dir = mkdtempSync(join(tmpdir(), 'isoplan-bench-soak-'));
  const file = join(dir, 'soak.db');
  const database = await openDatabase({ url: `file:${file}` });
  // The load comes from one loopback address: no rate limit (it would answer most of it 429), and caps
  // that make room for its streams and exports (the soak measures what they cost, not a client's share).
  const app = await buildApp(
    {
      apiToken: undefined,
      rateLimit: 0,
      limits: {
        maxConnectionsPerClient: DEFAULT_LIMITS.maxConnections,
        maxEventStreamsPerClient: DEFAULT_LIMITS.maxEventStreams,
      },
    },
    { database },
  );
  const open: Array<{ destroy(): void }> = [];
  try {
    await loadDemoIfEmpty(database.stores);
    await database.stores.documents.import('soak', generateDocument(ISSUES, ISSUES * 3), { actor: 'bench' });
    const base = await app.listen({ host: '127.0.0.1', port: 0 });
    const demo = 'per-interpreter-gil';

    // Clients that hold a connection: event streams that read, exports that are never read.
    for (let i = 0; i < STREAMS; i++) {
      const controller = new AbortController();
      open.push({ destroy: () => controller.abort() });
      fetch(`${base}/v1/projects/soak/events`, { signal: controller.signal })
        .then(async (res) => {
          for await (const _ of res.body ?? []) {
            // read and drop
          }
        })
        .catch(() => undefined);
    }
    const { port } = new URL(base);
    for (let i = 0; i < STUCK_EXPORTS; i++) {
      const req = request({ host: '127.0.0.1', port, path: '/v1/projects/soak/export' }, (res) =>
        res.pause(),
      );
      req.on('error', () => undefined);
      req.end();
      open.push({ destroy: () => req.destroy() });
    }

    let samples: Samples = new Map();
    let statuses = new Map<string, number>();
    let stop = false;
    let n = 0;
    const operations: Array<[string, () => Promise<Response>]> = [
      ['GET project', () => fetch(`${base}/v1/projects/soak`)],
      ['GET issues', () => fetch(`${base}/v1/projects/soak/issues?limit=100`)],
      ['GET plan', () => fetch(`${base}/v1/projects/soak/plan`)],
      ['GET export', () => fetch(`${base}/v1/projects/soak/export`)],
      ['GET /readyz', () => fetch(`${base}/readyz`)],
      [
        'PATCH issue',
        () =>
          fetch(`${base}/v1/projects/soak/issues/issue-${n % ISSUES}`, {
            method: 'PATCH',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify({ title: `Soaked ${n}` }),
          }),
      ],
      ['POST validation', () => fetch(`${base}/v1/projects/${demo}/validations`, { method: 'POST' })],
    ];
    const worker = async () => {
      while (!stop) {
        const [route, send] = operations[n++ % operations.length] as [string, () => Promise<Response>];
        const started = performance.now();
        const res = await send();
        await res.arrayBuffer();
        record(samples, route, performance.now() - started);
        const key = `${route.split(' ')[0]} ${res.status}`;
        statuses.set(key, (statuses.get(key) ?? 0) + 1);
      }
    };

    console.log(
      `mixed load: ${WORKERS} clients in a loop over ${operations.length} routes, ${STREAMS} event streams, ${STUCK_EXPORTS} never-reading export clients; ${ISSUES}-issue project`,
    );
    const workers = Array.from({ length: WORKERS }, worker);
    const memory: string[] = [];
    const startedAt = performance.now();
    const sampler = setInterval(() => {
      const { rss, heapUsed } = process.memoryUsage();
      const line = `  t=${((performance.now() - startedAt) / 1000).toFixed(0).padStart(3)} s  rss ${mib(rss)}  heap ${mib(heapUsed)}`;
      memory.push(line);
      console.log(line);
    }, 2000);
    await new Promise((resolve) => setTimeout(resolve, seconds * 1000));
    clearInterval(sampler);
    const free = samples;
    report(`latency, ${seconds} s of mixed load (the lock free):`, samples, statuses);

    if (lockSeconds > 0) {
      // Another process (as the CLI's import would) takes the lock, keeps it, and gives it back.
      const holder = spawn(
        process.execPath,
        [
          '-e',
          `const db = new (require('better-sqlite3'))(${JSON.stringify(file)}); db.exec('BEGIN IMMEDIATE');
           process.stdout.write('locked\\n'); setTimeout(() => { db.exec('COMMIT'); db.close(); }, ${lockSeconds * 1000});`,
        ],
        { stdio: ['ignore', 'pipe', 'inherit'] },
      );
      await new Promise((resolve) => holder.stdout.once('data', resolve));
      samples = new Map();
      statuses = new Map();
      await new Promise((resolve) => holder.once('exit', resolve));
      report(`latency while another process held the write lock for ${lockSeconds} s:`, samples, statuses);
      for (const route of ['GET project', 'GET issues', 'GET /readyz']) {
        const held = [...(samples.get(route) ?? [])].sort((a, b) => a - b);
        const before = [...(free.get(route) ?? [])].sort((a, b) => a - b);
        console.log(
          `  ${route}: p99 held / free = ${(quantile(held, 0.99) / quantile(before, 0.99)).toFixed(2)}`,
        );
      }
    }
    stop = true;
    await Promise.all(workers);
  } finally {
    for (const client of open) client.destroy();
    await app.close();
    await database.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
