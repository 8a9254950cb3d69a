// `npm run bench -- replicas [requests] [clients]`: two `isoplan serve` replicas on one PostgreSQL
// database against one, under the same bounded mixed load over loopback: `clients` concurrent clients
// send `requests` requests in all (70% GET …/plan, 20% GET one issue, 10% PATCH one issue's title),
// spread round-robin over the replicas. Prints each throughput and their ratio. The load generator,
// PostgreSQL and the replicas share this machine's cores: the ratio says what a second process buys
// here, not on a machine per replica.
import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openDatabase } from '../src/store/database.js';
import { generateDocument } from './import.js';
import { benchPostgres } from './postgres.js';
import { seededRandom } from './seeded-random.js';

const BIN = join(import.meta.dirname, '..', 'bin', 'isoplan');
const ISSUES = 1000;

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}

async function startReplica(url: string): Promise<{ base: string; child: ChildProcess }> {
  const port = await freePort();
  const child = spawn(process.execPath, [BIN, 'serve'], {
    // No rate limit: the load comes from one address on purpose.
    env: {
      ...process.env,
      DATABASE_URL: url,
      PORT: String(port),
      ISOPLAN_DEMO: '0',
      ISOPLAN_RATE_LIMIT: '0',
      LOG_LEVEL: 'warn',
    },
    stdio: 'ignore',
  });
  const base = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    try {
      if ((await fetch(`${base}/readyz`)).ok) return { base, child };
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline || child.exitCode !== null) throw new Error(`replica on ${port} did not start`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

async function load(bases: string[], requests: number, clients: number): Promise<number> {
  const random = seededRandom(3);
  const plan = Array.from({ length: requests }, (_, i) => ({
    r: random(),
    key: `issue-${Math.floor(random() * ISSUES)}`,
    i,
  }));
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: clients }, async () => {
      for (let n = next++; n < plan.length; n = next++) {
        const { r, key, i } = plan[n]!;
        const base = bases[n % bases.length]!;
        const res =
          r < 0.7
            ? await fetch(`${base}/v1/projects/bench/plan`)
            : r < 0.9
              ? await fetch(`${base}/v1/projects/bench/issues/${key}`)
              : await fetch(`${base}/v1/projects/bench/issues/${key}`, {
                  method: 'PATCH',
                  headers: { 'content-type': 'application/json' },
                  body: JSON.stringify({ title: `Renamed ${i}` }),
                });
        await res.arrayBuffer();
        if (!res.ok) throw new Error(`${res.status} from ${base}`);
      }
    }),
  );
  return performance.now() - started;
}

export async function run(args: string[]): Promise<void> {
  const requests = Number(args[0] ?? 3000);
  const clients = Number(args[1] ?? 16);
  const server = await benchPostgres();
  const children: ChildProcess[] = [];
  try {
    const url = await server.database();
    const seed = await openDatabase({ url });
    await seed.stores.documents.import('bench', generateDocument(ISSUES, ISSUES * 3), { actor: 'bench' });
    await seed.close();
    const a = await startReplica(url);
    const b = await startReplica(url);
    children.push(a.child, b.child);
    await load([a.base, b.base], 200, clients); // warm-up: JIT, caches, pools on both
    const one = await load([a.base], requests, clients);
    const two = await load([a.base, b.base], requests, clients);
    const rate = (ms: number) => (requests / (ms / 1000)).toFixed(0);
    console.log(
      `${requests} requests (70% plan, 20% issue, 10% PATCH), ${clients} clients, ${ISSUES}-issue project:`,
    );
    console.log(`  one replica:  ${rate(one)} requests/s (${one.toFixed(0)} ms)`);
    console.log(`  two replicas: ${rate(two)} requests/s (${two.toFixed(0)} ms)`);
    console.log(`  ratio two/one: ${(one / two).toFixed(2)}x throughput`);
  } finally {
    for (const child of children) {
      if (child.exitCode === null) {
        const exited = once(child, 'exit');
        child.kill('SIGTERM');
        await exited;
      }
    }
    await server.close();
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await run(process.argv.slice(2));
