// The real app on a temporary SQLite file, listening on 127.0.0.1, for the browser tests
// (and for looking at the page by hand: `node --import tsx test/web/dashboard-server.ts`).
import { mkdtemp, rm } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { type AppConfig, buildApp } from '../../src/api/app.js';
import type { ProjectDocument } from '../../src/domain/model.js';
import type { GithubClient } from '../../src/integrations/github/github-client.js';
import { openDatabase } from '../../src/store/database.js';
import { loadDemoIfEmpty } from '../../src/store/demo.js';
import type { Stores } from '../../src/store/types.js';

export interface DashboardServer {
  app: FastifyInstance;
  stores: Stores;
  /** The database's URL: another process (the CLI on the file) opens it there. */
  databaseUrl: string;
  url: string;
  close(): Promise<void>;
}

export async function startDashboardServer(
  options: {
    demo?: boolean;
    port?: number;
    beforeListen?: (app: FastifyInstance) => void;
    /** The app's GitHub (a client of the fake GitHub); default none. */
    github?: GithubClient;
    /** The service's access settings (open unless said: no token, public read, no rate limit). */
    access?: Omit<AppConfig, 'apiToken'>;
  } = {},
): Promise<DashboardServer> {
  const dir = await mkdtemp(join(tmpdir(), 'isoplan-web-'));
  const databaseUrl = `file:${join(dir, 'web.db')}`;
  const database = await openDatabase({ url: databaseUrl, migrate: true });
  if (options.demo ?? true) await loadDemoIfEmpty(database.stores);
  // No rate limit unless a test asks for one: a browser test's page loads are not one person's minute.
  const app = await buildApp(
    { apiToken: undefined, rateLimit: 0, ...options.access },
    { database, ...(options.github === undefined ? {} : { github: options.github }) },
  );
  options.beforeListen?.(app);
  await app.listen({ host: '127.0.0.1', port: options.port ?? 0 });
  const { port } = app.server.address() as AddressInfo;
  return {
    app,
    stores: database.stores,
    databaseUrl,
    url: `http://127.0.0.1:${port}`,
    async close() {
      await app.close();
      await database.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/**
 * A generated project of `n` issues: parents of ten sub-issues each, about two blockers
 * per issue drawn from the previous fifty, a fifth of them done and a few in progress.
 * Deterministic for a seed. Import it through the store (`stores.documents.import`).
 */
export function generatedProject(slug: string, n: number, seed = 42): ProjectDocument {
  let state = seed;
  const random = () => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return state / 2147483648;
  };
  const key = (i: number) => `gen-${i}`;
  const issues: ProjectDocument['issues'] = [];
  const dependencies: ProjectDocument['dependencies'] = [];
  for (let i = 0; i < n; i++) {
    const isParent = i % 11 === 0;
    issues.push({
      key: key(i),
      title: isParent
        ? `Area ${i / 11}: isolate a group of runtime state`
        : `Move global #${i} to the interpreter state`,
      body: '',
      status: i < n / 5 ? 'done' : i % 37 === 5 ? 'in_progress' : 'open',
      estimateDays: 1 + Math.floor(random() * 5),
      parent: isParent ? null : key(i - (i % 11)),
      url: null,
      labels: [`area-${Math.floor(i / 11) % 7}`],
      claims: [],
      checks: [],
    });
    if (i === 0) continue;
    const blockers = new Set<number>();
    const count = Math.floor(random() * 3) + (i % 11 === 1 ? 0 : 1);
    for (let j = 0; j < count; j++) blockers.add(Math.max(0, i - 1 - Math.floor(random() * 50)));
    for (const b of blockers) dependencies.push({ issue: key(i), blockedBy: key(b) });
  }
  return {
    version: 1,
    project: {
      slug,
      name: `Generated project (${n} issues)`,
      description: 'Generated for the dashboard test.',
      goal: [],
      defaultEstimateDays: 1,
    },
    issues,
    dependencies,
  };
}

// By hand: start the server with the demo and 1k- and 5k-issue projects, and keep it running.
if (import.meta.url === `file://${process.argv[1]}`) {
  const server = await startDashboardServer({ port: Number(process.env.PORT ?? 4173) });
  for (const n of [1000, 5000]) {
    const slug = `generated-${n / 1000}k`;
    await server.stores.documents.import(slug, generatedProject(slug, n), { actor: 'dev' });
  }
  console.log(`dashboard at ${server.url}`);
}
