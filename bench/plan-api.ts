// `npm run bench -- plan-api [issues] [--connections 32] [--seconds 4] [--rounds 3] [--database postgres]`: GET
// /v1/projects/:project/plan over real HTTP (loopback) on a generated 1k-issue project (3k dependencies), on
// SQLite and, with `--database postgres`, on PostgreSQL beside it (bench/postgres.ts finds or starts one):
//   - the median of an unchanged project (the plan kept per revision), against GET /healthz measured in
//     the same run (the cost of the HTTP round trip itself);
//   - the median right after a single-edge write (one edge added, then removed) and after a
//     single-status write, against the unchanged median (goal: within 3x), with the writes' own medians
//     beside them; these requests one after another by fetch in a child process (bench/plan-api-sequence.ts);
//   - requests per second of the cached plan under a concurrent load generator on loopback, against a
//     bare Fastify route in the same run (goal: at least 0.5 of it): A/B interleaved in `--rounds` rounds
//     (default 3), the best of each compared, with the server's CPU time per request beside it (this
//     Node process's only, measured over each run: on SQLite the database's work is in it, on PostgreSQL
//     the server processes' work is not).
//     A third line, for explanation only, is the bare route sending the plan's own gzip bytes.
import { mkdtempSync, rmSync } from 'node:fs';
import { get } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import Fastify from 'fastify';
import { buildApp } from '../src/api/app.js';
import { openDatabase } from '../src/store/database.js';
import { generateDocument } from './import.js';
import { generateLoad, type LoadResult } from './load-generator.js';
import { requestSequence } from './plan-api-sequence.js';
import { option } from './planner.js';
import { benchPostgres, databaseArgument } from './postgres.js';

const REQUESTS = 200;

function median(samples: number[]): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] as number;
}

export async function run(args: string[]): Promise<void> {
  const { engines, rest } = databaseArgument(args);
  // The first argument that is neither an option nor an option's value (`plan-api --seconds 1` is 1000 issues).
  const positional = rest.find((arg, i) => !arg.startsWith('--') && !rest[i - 1]?.startsWith('--'));
  const issues = Number(positional ?? 1000);
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
    const { health, cached, afterEdge, afterStatus, edgeWrites, statusWrites } = await requestSequence(
      base,
      issues,
      REQUESTS,
    );
    const h = median(health);
    const c = median(cached);
    const e = median(afterEdge);
    const s = median(afterStatus);
    console.log(`project: ${issues} issues, ${issues * 3} dependencies; ${REQUESTS} requests each`);
    console.log(`GET /healthz                      median ${h.toFixed(2)} ms (the HTTP floor)`);
    console.log(
      `GET …/plan, unchanged             median ${c.toFixed(2)} ms  (${(c / h).toFixed(1)}x the floor)`,
    );
    for (const [name, ms, writes] of [
      ['after a single-edge write', e, edgeWrites],
      ['after a single-status write', s, statusWrites],
    ] as const)
      console.log(
        `GET …/plan, ${name.padEnd(27)} median ${ms.toFixed(2)} ms  ${(ms / c).toFixed(2)}x unchanged ` +
          `(goal <= 3: ${ms / c <= 3 ? 'met' : 'NOT met'}); the write itself ${median(writes).toFixed(2)} ms`,
      );

    await throughput(plan, args);
  } finally {
    await app.close();
    await database.close();
  }
}

/** The body `url` sends to a client that takes gzip, as sent (not decoded). */
function sentBody(url: string): Promise<{ body: Buffer; encoding: string | undefined }> {
  return new Promise((resolve, reject) => {
    get(url, { headers: { 'accept-encoding': 'gzip' } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () =>
        resolve({ body: Buffer.concat(chunks), encoding: res.headers['content-encoding'] }),
      );
    }).on('error', reject);
  });
}

interface Run extends LoadResult {
  /** This process's CPU time (user + system) per completed request, in microseconds. */
  cpuUs: number;
}

async function loadRun(url: string, connections: number, seconds: number): Promise<Run> {
  const cpu = process.cpuUsage();
  const result = await generateLoad(url, connections, seconds);
  const used = process.cpuUsage(cpu);
  return { ...result, cpuUs: result.requests > 0 ? (used.user + used.system) / result.requests : Number.NaN };
}

/** Requests per second of the cached plan against a bare Fastify route, A/B interleaved, best of N. */
async function throughput(plan: string, args: string[]): Promise<void> {
  const connections = Number(option(args, '--connections') ?? 32);
  const seconds = Number(option(args, '--seconds') ?? 4);
  const rounds = Number(option(args, '--rounds') ?? 3);
  // The plan's own bytes as the bare route's body: what sending them costs, without any of our work.
  // The first read of a revision is sent plain while its gzip is made (src/api/http/json-bytes.ts).
  let sent = await sentBody(plan);
  for (let i = 0; i < 100 && sent.encoding === undefined; i++) {
    await sleep(10);
    sent = await sentBody(plan);
  }
  const { body, encoding } = sent;
  const bare = Fastify();
  bare.get('/', async () => ({ ok: true }));
  bare.get('/same-body', async (_request, reply) => {
    if (encoding !== undefined) reply.header('content-encoding', encoding);
    return reply.type('application/json; charset=utf-8').send(body);
  });
  const bareBase = await bare.listen({ host: '127.0.0.1', port: 0 });
  try {
    const targets = [
      { name: 'bare', url: `${bareBase}/` },
      { name: 'plan', url: plan },
      { name: "bare, the plan's body", url: `${bareBase}/same-body` },
    ];
    for (const { url } of targets) await generateLoad(url, connections, 1); // warm-up
    const runs = new Map<string, Run[]>(targets.map(({ name }) => [name, []]));
    console.log(
      `\nload: ${connections} keep-alive connections, ${seconds} s a run, ${rounds} rounds (order alternating), ` +
        'generator in a child process; CPU: this process per request',
    );
    for (let round = 0; round < rounds; round++) {
      const order = round % 2 === 0 ? targets : [...targets].reverse();
      for (const { name, url } of order) runs.get(name)?.push(await loadRun(url, connections, seconds));
      console.log(
        `round ${round + 1}: ` +
          targets
            .map(({ name }) => {
              const run = runs.get(name)?.at(-1) as Run;
              return `${name} ${run.requestsPerSecond.toFixed(0)} req/s ${run.cpuUs.toFixed(0)} us`;
            })
            .join(' | '),
      );
    }
    const best = (name: string) => {
      const all = runs.get(name) as Run[];
      const top = all.reduce((a, b) => (b.requestsPerSecond > a.requestsPerSecond ? b : a));
      const cpu = median(all.map((run) => run.cpuUs));
      const clientCpu = median(all.map((run) => run.clientCpuUs));
      const errors = all.reduce((sum, run) => sum + run.errors + run.stuck, 0);
      return { ...top, cpu, clientCpu, errors };
    };
    const [bareBest, planBest, sameBest] = targets.map(({ name }) => best(name)) as [
      ReturnType<typeof best>,
      ReturnType<typeof best>,
      ReturnType<typeof best>,
    ];
    const line = (name: string, run: ReturnType<typeof best>, bodies: string, tail = '') =>
      console.log(
        `${name.padEnd(31)} ${run.requestsPerSecond.toFixed(0).padStart(7)} req/s best, ` +
          `${run.cpu.toFixed(0).padStart(4)} us Node CPU/request median, generator ${run.clientCpu.toFixed(0)} us (${bodies})${tail}`,
      );
    const r = planBest.requestsPerSecond / bareBest.requestsPerSecond;
    line('bare Fastify route', bareBest, `${bareBest.bodyBytes.toFixed(0)} B bodies`);
    line(
      'GET …/plan, cached',
      planBest,
      `${(planBest.bodyBytes / 1024).toFixed(0)} KiB bodies`,
      `  ${r.toFixed(2)}x the bare route (goal >= 0.5: ${r >= 0.5 ? 'met' : 'NOT met'}); ` +
        `Node CPU/request ${(planBest.cpu / bareBest.cpu).toFixed(2)}x the bare route's`,
    );
    line(
      "  (bare route, the plan's body)",
      sameBest,
      `${(sameBest.bodyBytes / 1024).toFixed(0)} KiB bodies`,
      `  for comparison: the plan at ${(planBest.requestsPerSecond / sameBest.requestsPerSecond).toFixed(2)}x of it`,
    );
    const errors = bareBest.errors + planBest.errors + sameBest.errors;
    if (errors > 0) console.log(`errors (answers other than 200, failed or stuck connections): ${errors}`);
  } finally {
    await bare.close();
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await run(process.argv.slice(2));
