// Property: any sequence of add and remove edge requests leaves the stored graph
// acyclic and equal to a simple in-memory model, and each answer is the model's.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, givenIssue, givenProject, type TestApp } from '../test-app.js';

const KEYS = ['a', 'b', 'c', 'd', 'e'];
let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

type Op = { kind: 'add' | 'remove'; issue: string; blockedBy: string };
const opArb = fc.record({
  kind: fc.constantFrom('add' as const, 'remove' as const),
  issue: fc.constantFrom(...KEYS),
  blockedBy: fc.constantFrom(...KEYS),
});

/** Is `to` reachable from `from` along blocked-by edges? */
function reaches(edges: Set<string>, from: string, to: string): boolean {
  const seen = new Set([from]);
  const stack = [from];
  while (stack.length > 0) {
    const at = stack.pop() as string;
    if (at === to) return true;
    for (const edge of edges) {
      const [issue, blockedBy] = edge.split('<-') as [string, string];
      if (issue === at && !seen.has(blockedBy)) {
        seen.add(blockedBy);
        stack.push(blockedBy);
      }
    }
  }
  return false;
}

describe('dependency requests', () => {
  it('keep the stored graph acyclic and equal to the model', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(opArb, { maxLength: 25 }), async (ops: Op[]) => {
        const project = await givenProject(t.stores);
        for (const key of KEYS) await givenIssue(t.stores, project.slug, { key });
        const model = new Set<string>();
        for (const op of ops) {
          const url = `/v1/projects/${project.slug}/issues/${op.issue}/blocked-by/${op.blockedBy}`;
          const edge = `${op.issue}<-${op.blockedBy}`;
          const res = await t.app.inject({ method: op.kind === 'add' ? 'PUT' : 'DELETE', url });
          let expected: number;
          if (op.issue === op.blockedBy) {
            expected = 400; // a self-dependency is invalid input, to add or to remove
          } else if (op.kind === 'remove') {
            expected = model.delete(edge) ? 204 : 404;
          } else if (model.has(edge)) {
            expected = 200;
          } else if (reaches(model, op.blockedBy, op.issue)) {
            expected = 409;
          } else {
            model.add(edge);
            expected = 201;
          }
          expect(res.statusCode, `${op.kind} ${edge}: ${res.body}`).toBe(expected);
        }
        const listed = await t.app.inject({
          method: 'GET',
          url: `/v1/projects/${project.slug}/dependencies`,
        });
        const stored = (listed.json().items as Array<{ issue: string; blockedBy: string }>).map(
          (e) => `${e.issue}<-${e.blockedBy}`,
        );
        expect(stored.sort()).toEqual([...model].sort());
        for (const key of KEYS) {
          const blockers = [...model].filter((e) => e.startsWith(`${key}<-`)).map((e) => e.split('<-')[1]);
          for (const blocker of blockers) expect(reaches(model, blocker as string, key)).toBe(false);
        }
      }),
      { numRuns: 25 },
    );
    // Several hundred requests: on PostgreSQL on a loaded machine more than the default 30 s.
  }, 120_000);
});
