// `npm run bench -- live-dashboards [clients] [--writes 20]`: 1,000 event-stream clients (GET
// /v1/projects/:project/events, as open dashboards hold) on loopback, in a child process of their own;
// each write's `change` event must reach every one. Prints the delay from the write's commit (the store's
// commit feed, in the server) to its delivery to each client, p50/p99 over every (write, client) pair
// (goal: p99 under 100 ms), and the server's memory per open stream (heap + buffers, and RSS: the
// clients run in another process, so neither counts their side).
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { buildApp } from '../src/api/app.js';
import { openDatabase } from '../src/store/database.js';
import { generateDocument } from './import.js';
import { collector, option } from './planner.js';

// The clients: one connection each, no pooling. Prints `connected` once every stream has said so, then,
// for each change event, once every client has received it, the arrival times (ms since the epoch).
const CLIENTS = `
const http = require('node:http');
const [url, n] = [process.argv[1], Number(process.argv[2])];
const now = () => performance.timeOrigin + performance.now();
const arrivals = [];
let connected = 0;
for (let c = 0; c < n; c++) {
  let seen = 0;
  let text = '';
  http.get(url, { agent: false }, (res) => {
    res.setEncoding('utf8');
    res.on('data', (chunk) => {
      const at = now();
      text += chunk;
      let end;
      while ((end = text.indexOf('\\n\\n')) >= 0) {
        const message = text.slice(0, end);
        text = text.slice(end + 2);
        if (message.includes(': connected') && ++connected === n) console.log(JSON.stringify({ connected }));
        if (!message.startsWith('event: change')) continue;
        const k = seen++;
        (arrivals[k] ??= []).push(at);
        if (arrivals[k].length === n) console.log(JSON.stringify({ write: k, times: arrivals[k] }));
      }
    });
  }).on('error', (e) => { console.error(e.message); process.exit(1); });
}
`;

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

export async function run(args: string[]): Promise<void> {
  const clients = Number(args.find((a) => !a.startsWith('--')) ?? 1000);
  const writes = Number(option(args, '--writes') ?? 20);
  const gc = collector();
  const dir = mkdtempSync(join(tmpdir(), 'isoplan-bench-live-'));
  const database = await openDatabase({ url: `file:${join(dir, 'bench.db')}` });
  // Every client is on loopback, one address: the per-client caps (rate limit, connections, open streams)
  // would refuse all but the first few; the bench measures the fan-out, so the caps make room for it.
  const app = await buildApp(
    {
      apiToken: undefined,
      rateLimit: 0,
      limits: {
        maxConnections: clients + 64,
        maxConnectionsPerClient: clients + 64,
        maxEventStreams: clients,
        maxEventStreamsPerClient: clients,
      },
    },
    { database },
  );
  try {
    await database.stores.documents.import('bench', generateDocument(100, 300), { actor: 'bench' });
    const base = await app.listen({ host: '127.0.0.1', port: 0 });
    const memory = () => {
      gc?.();
      gc?.();
      const m = process.memoryUsage();
      return { heap: m.heapUsed + m.external + m.arrayBuffers, rss: m.rss };
    };
    const before = memory();

    const child = spawn(
      process.execPath,
      ['-e', CLIENTS, `${base}/v1/projects/bench/events`, String(clients)],
      {
        stdio: ['ignore', 'pipe', 'inherit'],
      },
    );
    const lines = createInterface({ input: child.stdout })[Symbol.asyncIterator]();
    const nextMessage = async () => {
      const { value, done } = await lines.next();
      if (done === true) throw new Error('the clients stopped');
      return JSON.parse(value as string) as { connected?: number; write?: number; times?: number[] };
    };
    await nextMessage(); // every stream open
    const after = memory();

    let committedAt = 0;
    const stop = database.stores.commits.subscribe(() => {
      committedAt = performance.timeOrigin + performance.now();
    });
    const delays: number[] = [];
    for (let w = 0; w < writes; w++) {
      const res = await fetch(`${base}/v1/projects/bench/issues/issue-${w}`, {
        method: 'PATCH',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ title: `Renamed ${w}` }),
      });
      if (!res.ok) throw new Error(`PATCH: ${res.status}`);
      const { times } = await nextMessage();
      for (const t of times!) delays.push(t - committedAt);
    }
    stop();
    child.kill();
    delays.sort((a, b) => a - b);
    const p50 = percentile(delays, 50);
    const p99 = percentile(delays, 99);
    console.log(
      `${clients} event-stream clients (a child process), ${writes} writes, ${delays.length} deliveries`,
    );
    console.log(
      `delay from commit to delivery  p50 ${p50.toFixed(1)} ms, p99 ${p99.toFixed(1)} ms, max ${delays.at(-1)!.toFixed(1)} ms` +
        `  (goal: p99 < 100 ms: ${p99 < 100 ? 'met' : 'NOT met'})`,
    );
    console.log(
      `server memory per open stream  heap+buffers ${((after.heap - before.heap) / clients / 1024).toFixed(1)} KiB, ` +
        `rss ${((after.rss - before.rss) / clients / 1024).toFixed(1)} KiB`,
    );
  } finally {
    await app.close();
    await database.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
