// `npm run bench -- concurrency [writers] [edges]`: how concurrent writers to one project take turns on
// PostgreSQL, the two ways issue 13 names: a transaction-level advisory lock on the project (what the
// store does) against SERIALIZABLE transactions retried on serialization failures. Two "replicas" (two
// opened databases, each with its own pools) add random edges to one 200-issue project from `writers`
// concurrent clients, both directions of a pair equally likely, so that many insertions would close a
// cycle; each strategy on a fresh database. Prints throughput, refusals (cycles), retries, and checks
// that the stored graph is acyclic.
import { fileURLToPath } from 'node:url';
import { DependencyCycleError } from '../src/domain/errors.js';
import { findCycles } from '../src/domain/graph/find-cycles.js';
import { openDatabase } from '../src/store/database.js';
import type { WriteConcurrency } from '../src/store/engines/postgresql.js';
import { generateDocument } from './import.js';
import { benchPostgres } from './postgres.js';
import { seededRandom } from './seeded-random.js';

const ISSUES = 200;

async function measure(url: string, concurrency: WriteConcurrency, writers: number, edges: number) {
  const replicas = await Promise.all([
    openDatabase({ url, concurrency, poolSize: writers }),
    openDatabase({ url, concurrency, poolSize: writers, migrate: false }),
  ]);
  try {
    await replicas[0]!.stores.documents.import('race', generateDocument(ISSUES, 0), { actor: 'bench' });
    const random = seededRandom(7);
    const wanted = Array.from({ length: edges }, () => {
      const a = Math.floor(random() * ISSUES);
      let b = Math.floor(random() * (ISSUES - 1));
      if (b >= a) b++;
      return { issue: `issue-${a}`, blockedBy: `issue-${b}` };
    });
    let next = 0;
    let added = 0;
    let refused = 0;
    let busy = 0;
    let gaveUp = 0;
    const started = performance.now();
    await Promise.all(
      Array.from({ length: writers }, async (_, w) => {
        const stores = replicas[w % 2]!.stores;
        for (let i = next++; i < wanted.length; i = next++) {
          try {
            if ((await stores.dependencies.add('race', wanted[i]!, { actor: 'bench' })).created) added++;
          } catch (error) {
            if (error instanceof DependencyCycleError) refused++;
            else if ((error as { type?: string }).type === 'database-busy') busy++;
            else if ((error as { code?: string }).code === 'P2034') gaveUp++;
            else throw error;
          }
        }
      }),
    );
    const ms = performance.now() - started;
    const stored = await replicas[1]!.stores.dependencies.list('race');
    const retries = replicas.reduce((n, r) => n + r.status().retries, 0);
    return {
      ms,
      added,
      refused,
      busy,
      gaveUp,
      retries,
      stored: stored.length,
      acyclic: findCycles([], stored).length === 0,
    };
  } finally {
    await Promise.all(replicas.map((r) => r.close()));
  }
}

export async function run(args: string[]): Promise<void> {
  const writers = Number(args[0] ?? 16);
  const edges = Number(args[1] ?? 600);
  const server = await benchPostgres();
  try {
    console.log(
      `${writers} concurrent writers on two replicas, ${edges} edge insertions into one ${ISSUES}-issue project`,
    );
    const results: Record<string, Awaited<ReturnType<typeof measure>>> = {};
    for (const concurrency of ['advisory-lock', 'serializable'] as const) {
      const r = await measure(await server.database(), concurrency, writers, edges);
      results[concurrency] = r;
      console.log(
        `  ${concurrency.padEnd(13)} ${(edges / (r.ms / 1000)).toFixed(0).padStart(6)} insertions/s  ` +
          `(${r.ms.toFixed(0)} ms; ${r.added} added, ${r.refused} refused as cycles, ${r.busy} busy, ` +
          `${r.retries} transactions retried, ${r.gaveUp} given up after 20 attempts; ` +
          `stored ${r.stored}, acyclic: ${r.acyclic})`,
      );
    }
    const ratio = results['advisory-lock']!.ms / results.serializable!.ms;
    console.log(`  advisory lock takes ${ratio.toFixed(2)}x the time of serializable+retry`);
  } finally {
    await server.close();
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await run(process.argv.slice(2));
