// Two service processes on one PostgreSQL database, as behind a load balancer: the stored graph stays
// acyclic under concurrent edge insertions from both, every refusal names a real cycle, If-Match holds
// across them, neither serves a plan older than the other's last write, and a write on one is an event on
// the other's stream.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findCycles } from '../../src/domain/graph/find-cycles.js';
import { createEmptyDatabase } from '../store/temp-database.js';
import { type IsoplanProcess, json, startIsoplan } from './processes.js';

let database: Awaited<ReturnType<typeof createEmptyDatabase>>;
let a: IsoplanProcess;
let b: IsoplanProcess;

beforeAll(async () => {
  database = await createEmptyDatabase();
  // One after the other: the first applies the migrations.
  a = await startIsoplan('serve', database.url);
  b = await startIsoplan('serve', database.url);
}, 120_000);

afterAll(async () => {
  await Promise.all([a?.stop(), b?.stop()]);
  await database?.drop();
});

async function givenProject(slug: string, keys: string[]): Promise<void> {
  expect(
    (await json(`${a.url}/v1/projects`, { method: 'POST', body: JSON.stringify({ slug, name: slug }) }))
      .status,
  ).toBe(201);
  for (const key of keys) {
    const created = await json(`${a.url}/v1/projects/${slug}/issues`, {
      method: 'POST',
      body: JSON.stringify({ key, title: key }),
    });
    expect(created.status).toBe(201);
  }
}

describe('two replicas on one PostgreSQL database', () => {
  it('keep the graph acyclic under concurrent edge insertions, each refusal naming a cycle of stored edges', async () => {
    const keys = Array.from({ length: 8 }, (_, i) => `k${i}`);
    await givenProject('race', keys);
    // Every ordered pair, both directions at once, from both replicas: together they close many cycles.
    const wanted = keys.flatMap((x) => keys.filter((y) => y !== x).map((y) => ({ issue: x, blockedBy: y })));
    const answers = await Promise.all(
      wanted.map(async (edge, i) => {
        const replica = i % 2 === 0 ? a : b;
        const url = `${replica.url}/v1/projects/race/issues/${edge.issue}/blocked-by/${edge.blockedBy}`;
        // Writes to one project take turns: on a loaded machine some wait past the busy timeout and are
        // told to retry (503 database-busy, Retry-After), as a client then does.
        for (;;) {
          const answer = await json(url, { method: 'PUT' });
          if (answer.status !== 503) return { edge, ...answer };
          expect(answer.body.type).toMatch(/database-busy$/);
          await new Promise((resolve) => setTimeout(resolve, 200));
        }
      }),
    );
    const stored = (await json(`${b.url}/v1/projects/race/dependencies`)).body.items as Array<{
      issue: string;
      blockedBy: string;
    }>;
    expect(findCycles([], stored)).toEqual([]);
    const storedSet = new Set(stored.map((e) => `${e.issue}<-${e.blockedBy}`));
    const refused = answers.filter((answer) => answer.status === 409);
    expect(refused.length).toBeGreaterThan(0);
    expect(answers.filter((x) => x.status !== 409).every((x) => x.status === 201 || x.status === 200)).toBe(
      true,
    );
    // 8 keys: a DAG holds at most one direction of each pair, and this one is a tournament (all 28 pairs).
    expect(stored).toHaveLength(28);
    for (const { edge, body } of refused) {
      expect(storedSet.has(`${edge.issue}<-${edge.blockedBy}`)).toBe(false);
      const cycle = body.cycle as string[];
      // The cycle closes through the refused edge and is otherwise made of stored edges.
      expect(cycle[0]).toBe(cycle.at(-1));
      const steps = cycle.slice(1).map((key, i) => `${cycle[i]}<-${key}`);
      expect(steps).toContain(`${edge.issue}<-${edge.blockedBy}`);
      for (const step of steps.filter((s) => s !== `${edge.issue}<-${edge.blockedBy}`)) {
        expect(storedSet.has(step)).toBe(true);
      }
    }
  });

  it('answers one 200 and the rest 412 to concurrent PATCHes with the same If-Match on both', async () => {
    await givenProject('etag', ['x']);
    const { etag } = await json(`${a.url}/v1/projects/etag/issues/x`);
    expect(etag).toMatch(/^"r\d+-[0-9a-z]+"$/);
    const answers = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        json(`${(i % 2 === 0 ? a : b).url}/v1/projects/etag/issues/x`, {
          method: 'PATCH',
          headers: { 'if-match': etag! },
          body: JSON.stringify({ title: `title ${i}` }),
        }),
      ),
    );
    expect(answers.map((x) => x.status).sort()).toEqual([200, ...Array(9).fill(412)]);
    const revisions = (await json(`${b.url}/v1/projects/etag/history?limit=50`)).body.items.length;
    expect(revisions).toBe(3); // project.create, issue.create, one issue.update
  });

  it("never serves a stale plan: a write on one is in the other's next plan, though it had the old one cached", async () => {
    await givenProject('fresh', ['a', 'b']);
    const edge = await json(`${a.url}/v1/projects/fresh/issues/b/blocked-by/a`, { method: 'PUT' });
    expect(edge.status).toBeLessThan(300);
    for (const status of ['done', 'open', 'done', 'open']) {
      expect((await json(`${b.url}/v1/projects/fresh/plan`)).status).toBe(200); // cached on b
      const patch = await json(`${a.url}/v1/projects/fresh/issues/a`, {
        method: 'PATCH',
        body: JSON.stringify({ status }),
      });
      expect(patch.status).toBe(200);
      const plan = await json(`${b.url}/v1/projects/fresh/plan`);
      expect(plan.body.ready, status).toEqual(status === 'done' ? ['b'] : ['a']);
    }
  });

  it('streams a write on one replica as an event to a client of the other within a second', async () => {
    await givenProject('live', ['x']);
    const controller = new AbortController();
    const stream = await fetch(`${b.url}/v1/projects/live/events`, { signal: controller.signal });
    expect(stream.status).toBe(200);
    const reader = stream.body!.getReader();
    const decoder = new TextDecoder();
    let text = '';
    const readUntil = async (pattern: RegExp, ms: number) => {
      const deadline = Date.now() + ms;
      while (!pattern.test(text)) {
        const left = deadline - Date.now();
        if (left <= 0)
          throw new Error(`no ${pattern} within ${ms} ms; stream so far: ${JSON.stringify(text)}`);
        const chunk = await Promise.race([
          reader.read(),
          new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`timed out: ${text}`)), left)),
        ]);
        if (chunk.done) break;
        text += decoder.decode(chunk.value, { stream: true });
      }
    };
    try {
      await readUntil(/: connected/, 5000);
      const started = Date.now();
      const patch = await json(`${a.url}/v1/projects/live/issues/x`, {
        method: 'PATCH',
        body: JSON.stringify({ status: 'done' }),
      });
      expect(patch.status).toBe(200);
      await readUntil(/event: change\ndata: .*"PATCH"/, 1000);
      expect(Date.now() - started).toBeLessThan(1000);
      expect(text).toContain('"url":"/v1/projects/live/issues/x"');
    } finally {
      controller.abort();
    }
  });
});
