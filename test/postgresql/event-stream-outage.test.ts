// A dashboard's event stream on one replica while that replica loses its connection to PostgreSQL for a
// while (a restart, a network fault): writes made meanwhile on another replica are NOTIFYed to nobody here.
// Once this replica LISTENs again it tells every open stream `event: change` with `{ project, missed: true }`,
// so the dashboard reads the project again instead of showing it as it was until the next write.
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/api/app.js';
import { type Database, openDatabase } from '../../src/store/database.js';
import { listenOnLoopback } from '../api/test-app.js';
import { createEmptyDatabase } from '../store/temp-database.js';
import { type FaultProxy, startFaultProxy } from './fault-proxy.js';

let empty: Awaited<ReturnType<typeof createEmptyDatabase>>;
let proxy: FaultProxy;
/** The dashboard's replica, behind the proxy; and another replica, always connected. */
const replicas: Array<{ database: Database; app: FastifyInstance }> = [];

async function replica(url: string): Promise<FastifyInstance> {
  const database = await openDatabase({ url });
  const app = await buildApp({ apiToken: undefined, rateLimit: 0 }, { database });
  replicas.push({ database, app });
  return app;
}

beforeAll(async () => {
  empty = await createEmptyDatabase();
  proxy = await startFaultProxy(empty.url);
}, 60_000);

afterAll(async () => {
  await proxy?.restore();
  for (const { app, database } of replicas) {
    await app.close();
    await database.close();
  }
  await proxy?.close();
  await empty?.drop();
}, 60_000);

describe("a replica's event streams when its connection to the database was lost and came back", () => {
  it('tell every open stream that changes may have been missed, once the replica listens again', async () => {
    const watched = await replica(proxy.url);
    const other = await replica(empty.url);
    const created = await other.inject({
      method: 'POST',
      url: '/v1/projects',
      payload: { slug: 'watched', name: 'Watched' },
    });
    expect(created.statusCode).toBe(201);

    const port = await listenOnLoopback(watched);
    const aborter = new AbortController();
    const response = await fetch(`http://127.0.0.1:${port}/v1/projects/watched/events`, {
      signal: aborter.signal,
    });
    const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
    let text = '';
    const readUntil = async (pattern: RegExp, ms: number) => {
      const deadline = setTimeout(() => aborter.abort(), ms);
      try {
        while (!pattern.test(text)) {
          const { done, value } = await reader.read();
          if (done) break;
          text += value;
        }
      } catch {
        // aborted: the assertion below says what was missing
      } finally {
        clearTimeout(deadline);
      }
      expect(text).toMatch(pattern);
    };
    await readUntil(/: connected/, 10_000);

    await proxy.cut();
    const missed = await other.inject({
      method: 'POST',
      url: '/v1/projects/watched/issues',
      payload: { key: 'unheard', title: 'Written while the other replica was away' },
    });
    expect(missed.statusCode).toBe(201);
    await proxy.restore();

    await readUntil(/event: change\ndata: \{"project":"watched","missed":true\}\n\n/, 15_000);
    aborter.abort();
  }, 60_000);
});
