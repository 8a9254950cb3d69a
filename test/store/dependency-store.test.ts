import fc from 'fast-check';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DependencyCycleError, InvalidInputError, NotFoundError } from '../../src/domain/errors.js';
import type { Stores } from '../../src/store/types.js';
import { createTempDatabase, type TempDatabase } from './temp-database.js';

let temp: TempDatabase;
let stores: Stores;
const by = { actor: 'alice' };
let counter = 0;
let project: string;

beforeAll(async () => {
  // NORMAL: these tests are about the graph, not about fsync; thousands of writes stay fast.
  temp = await createTempDatabase({ synchronous: 'NORMAL' });
  stores = temp.db.stores;
});
afterAll(async () => temp.cleanup());

async function givenProject(...keys: string[]): Promise<string> {
  project = `p-${++counter}`;
  await stores.projects.create({ slug: project, name: 'P' }, by);
  for (const key of keys) await stores.issues.create(project, { key, title: key }, by);
  return project;
}

describe('DependencyStore', () => {
  beforeEach(async () => {
    await givenProject('a', 'b', 'c', 'd');
  });

  it('adds an edge once: adding it again changes nothing', async () => {
    expect(await stores.dependencies.add(project, { issue: 'a', blockedBy: 'b' }, by)).toEqual({
      created: true,
    });
    const revision = (await stores.projects.get(project)).revision;
    expect(await stores.dependencies.add(project, { issue: 'a', blockedBy: 'b' }, by)).toEqual({
      created: false,
    });
    expect((await stores.projects.get(project)).revision).toBe(revision);
    expect(await stores.dependencies.list(project)).toEqual([{ issue: 'a', blockedBy: 'b' }]);
  });

  it('bumps the revisions of both issues and of the project, and audits the edge', async () => {
    const before = new Map((await stores.issues.listAll(project)).map((i) => [i.key, i.revision]));
    const projectRevision = (await stores.projects.get(project)).revision;
    await stores.dependencies.add(project, { issue: 'a', blockedBy: 'b' }, { actor: 'bob' });
    const after = new Map((await stores.issues.listAll(project)).map((i) => [i.key, i.revision]));
    expect(after.get('a')).toBe(before.get('a')! + 1);
    expect(after.get('b')).toBe(before.get('b')! + 1);
    expect(after.get('c')).toBe(before.get('c'));
    expect((await stores.projects.get(project)).revision).toBe(projectRevision + 1);
    const [event] = (await stores.audit.list(project, { limit: 1 })).items;
    expect(event).toMatchObject({
      actor: 'bob',
      action: 'dependency.add',
      target: 'a<-b',
      before: null,
      after: { issue: 'a', blockedBy: 'b' },
    });
  });

  it('refuses an edge that would close a cycle, with the cycle in blocked-by order', async () => {
    await stores.dependencies.add(project, { issue: 'a', blockedBy: 'b' }, by);
    await stores.dependencies.add(project, { issue: 'b', blockedBy: 'c' }, by);
    const error = await stores.dependencies
      .add(project, { issue: 'c', blockedBy: 'a' }, by)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DependencyCycleError);
    expect((error as DependencyCycleError).cycle).toEqual(['c', 'a', 'b', 'c']);
    expect(await stores.dependencies.list(project)).toHaveLength(2);
  });

  it('refuses a self dependency', async () => {
    await expect(stores.dependencies.add(project, { issue: 'a', blockedBy: 'a' }, by)).rejects.toMatchObject({
      errors: [{ path: 'blockedBy', message: expect.stringContaining('itself') }],
    });
  });

  it('names which end of the edge is unknown', async () => {
    await expect(stores.dependencies.add(project, { issue: 'a', blockedBy: 'zz' }, by)).rejects.toMatchObject(
      {
        errors: [{ path: 'blockedBy', message: expect.stringContaining("'zz'") }],
      },
    );
    const both = await stores.dependencies
      .add(project, { issue: 'x', blockedBy: 'y' }, by)
      .catch((e: unknown) => e);
    expect(both).toBeInstanceOf(InvalidInputError);
    expect((both as InvalidInputError).errors.map((e) => e.path)).toEqual(['issue', 'blockedBy']);
  });

  it("refuses another project's issue as if it were unknown", async () => {
    const other = project;
    await givenProject('a', 'elsewhere');
    await expect(
      stores.dependencies.add(other, { issue: 'a', blockedBy: 'elsewhere' }, by),
    ).rejects.toBeInstanceOf(InvalidInputError);
  });

  it('removes an edge, and says when there was none', async () => {
    await stores.dependencies.add(project, { issue: 'a', blockedBy: 'b' }, by);
    expect(await stores.dependencies.remove(project, { issue: 'a', blockedBy: 'b' }, by)).toEqual({
      removed: true,
    });
    expect(await stores.dependencies.remove(project, { issue: 'a', blockedBy: 'b' }, by)).toEqual({
      removed: false,
    });
    expect(await stores.dependencies.list(project)).toEqual([]);
    const [event] = (await stores.audit.list(project, { limit: 1 })).items;
    expect(event).toMatchObject({
      action: 'dependency.remove',
      target: 'a<-b',
      before: { issue: 'a', blockedBy: 'b' },
    });
  });

  it('answers NotFoundError for an unknown project', async () => {
    await expect(stores.dependencies.list('nope')).rejects.toBeInstanceOf(NotFoundError);
    await expect(stores.dependencies.add('nope', { issue: 'a', blockedBy: 'b' }, by)).rejects.toBeInstanceOf(
      NotFoundError,
    );
  });

  it('lets only one of two concurrent opposite edges in', async () => {
    // Check and insert share one transaction, and the writes are serialised: the second sees the first.
    // Which one goes first is the engine's choice (on PostgreSQL, whichever takes the project's lock).
    const edges = [
      { issue: 'c', blockedBy: 'd' },
      { issue: 'd', blockedBy: 'c' },
    ];
    const results = await Promise.allSettled(edges.map((edge) => stores.dependencies.add(project, edge, by)));
    expect(results.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected']);
    const refused = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
    expect(refused?.reason).toBeInstanceOf(DependencyCycleError);
    const admitted = edges[results.findIndex((r) => r.status === 'fulfilled')];
    expect(await stores.dependencies.list(project)).toEqual([admitted]);
  });
});

describe('the stored graph', () => {
  const keys = ['k0', 'k1', 'k2', 'k3', 'k4', 'k5'];
  const operation = fc.record({
    add: fc.boolean(),
    issue: fc.constantFrom(...keys),
    blockedBy: fc.constantFrom(...keys),
  });

  /** Is `to` reachable from `from` along blocked-by edges of the model? */
  function reaches(model: Set<string>, from: string, to: string): boolean {
    const seen = new Set([from]);
    const stack = [from];
    while (stack.length > 0) {
      const key = stack.pop()!;
      if (key === to) return true;
      for (const edge of model) {
        const [issue, blocker] = edge.split('<-') as [string, string];
        if (issue === key && !seen.has(blocker)) {
          seen.add(blocker);
          stack.push(blocker);
        }
      }
    }
    return false;
  }

  it('stays acyclic and equal to a simple in-memory model under any sequence of adds and removes', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(operation, { minLength: 1, maxLength: 25 }), async (ops) => {
        const slug = await givenProject(...keys);
        const model = new Set<string>();
        for (const op of ops) {
          const edge = `${op.issue}<-${op.blockedBy}`;
          if (op.add) {
            const closes = op.issue === op.blockedBy || reaches(model, op.blockedBy, op.issue);
            const result = await stores.dependencies.add(slug, op, by).then(
              (r) => r,
              (e: unknown) => e,
            );
            if (op.issue === op.blockedBy) expect(result).toBeInstanceOf(InvalidInputError);
            else if (closes) {
              expect(result).toBeInstanceOf(DependencyCycleError);
              const cycle = (result as DependencyCycleError).cycle;
              expect(cycle[0]).toBe(op.issue);
              expect(cycle.at(-1)).toBe(op.issue);
              // Every step of the reported cycle is an edge of the model, except the refused one.
              for (let i = 1; i < cycle.length - 1; i++)
                expect(model.has(`${cycle[i]}<-${cycle[i + 1]}`)).toBe(true);
            } else {
              expect(result).toEqual({ created: !model.has(edge) });
              model.add(edge);
            }
          } else if (op.issue === op.blockedBy) {
            await expect(stores.dependencies.remove(slug, op, by)).rejects.toBeInstanceOf(InvalidInputError);
          } else {
            expect(await stores.dependencies.remove(slug, op, by)).toEqual({ removed: model.has(edge) });
            model.delete(edge);
          }
        }
        const stored = (await stores.dependencies.list(slug)).map((e) => `${e.issue}<-${e.blockedBy}`);
        expect(new Set(stored)).toEqual(model);
        for (const edge of stored) {
          const [issue, blocker] = edge.split('<-') as [string, string];
          expect(reaches(model, blocker, issue)).toBe(false);
        }
      }),
      { numRuns: 40 },
    );
    // Up to a thousand writes, each its own transaction: on PostgreSQL on a loaded machine that can take
    // longer than the default 30 s. What is checked is the outcome, never the time.
  }, 120_000);
});
