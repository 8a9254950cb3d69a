import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { IssueStatus } from '../../../src/domain/model.js';
import {
  type CheckRunner,
  runJobs,
  type ValidationInput,
  validateProject,
} from '../../../src/domain/validation/index.js';

// Small projects over cheap checks: each issue claims one extension module's globals per interpreter and
// touches its own component and, maybe, other issues' (clean only when those claims are in its layout).
const COMPONENTS = ['ext:_decimal', 'ext:_datetime', 'ext:_ssl', 'ext:_ctypes', 'ext:_elementtree'];
const runner: CheckRunner = { run: async (jobs) => runJobs(jobs) };

const projectArb = fc.integer({ min: 2, max: 5 }).chain((n) =>
  fc.record({
    statuses: fc.array(fc.constantFrom<IssueStatus>('open', 'in_progress', 'done', 'wont_do'), {
      minLength: n,
      maxLength: n,
    }),
    touches: fc.array(fc.uniqueArray(fc.integer({ min: 0, max: n - 1 }), { maxLength: 2 }), {
      minLength: n,
      maxLength: n,
    }),
    // Edges only from later to earlier issues: always a DAG.
    edges: fc.uniqueArray(
      fc
        .tuple(fc.integer({ min: 0, max: n - 1 }), fc.integer({ min: 0, max: n - 1 }))
        .filter(([a, b]) => a > b),
      { maxLength: 6, selector: ([a, b]) => `${a}-${b}` },
    ),
  }),
);

function toInput(p: {
  statuses: IssueStatus[];
  touches: number[][];
  edges: [number, number][];
}): ValidationInput {
  const key = (i: number) => `i${i}`;
  return {
    issues: p.statuses.map((status, i) => ({
      key: key(i),
      status,
      claims: [{ component: COMPONENTS[i]!, placement: 'per-interpreter' }],
      checks: [i, ...p.touches[i]!.filter((j) => j !== i)].map((j) => ({
        name: `touch-${j}`,
        program: [{ op: 'touch', component: COMPONENTS[j]!, access: 'write' }],
      })),
    })),
    edges: p.edges.map(([a, b]) => ({ issue: key(a), blockedBy: key(b) })),
    goal: [],
  };
}

describe('validateProject (properties)', () => {
  it('gives the same result whatever the order of issues and edges', async () => {
    await fc.assert(
      fc.asyncProperty(projectArb, async (p) => {
        const input = toInput(p);
        const reversed = { ...input, issues: [...input.issues].reverse(), edges: [...input.edges].reverse() };
        expect(await validateProject(reversed, runner)).toEqual(await validateProject(input, runner));
      }),
      { numRuns: 25 },
    );
  });

  it('removes what a missing dependency was blamed for once the edge is added', async () => {
    await fc.assert(
      fc.asyncProperty(projectArb, async (p) => {
        const input = toInput(p);
        const before = await validateProject(input, runner);
        const addable = before.missingDependencies.filter((m) => !m.closesCycle);
        fc.pre(addable.length > 0);
        const after = await validateProject(
          {
            ...input,
            edges: [
              ...input.edges,
              ...addable.map((m) => ({ issue: m.issue, blockedBy: m.shouldBeBlockedBy })),
            ],
          },
          runner,
        );
        for (const m of addable) {
          const issue = after.issues.find((i) => i.key === m.issue)!;
          expect(
            after.missingDependencies.some(
              (x) => x.issue === m.issue && x.shouldBeBlockedBy === m.shouldBeBlockedBy,
            ),
          ).toBe(false);
          // A finished issue runs under the current layout: an edge cannot fix it, only the blocker's work.
          if (issue.status === 'done') continue;
          const left = issue.violations;
          for (const fixed of m.because) {
            expect(left.some((v) => v.check === fixed.check && v.component === fixed.component)).toBe(false);
          }
        }
      }),
      { numRuns: 25 },
    );
  });

  it('reports regressions exactly for finished issues that fail', async () => {
    await fc.assert(
      fc.asyncProperty(projectArb, async (p) => {
        const run = await validateProject(toInput(p), runner);
        const expected = run.issues
          .filter((i) => i.status === 'done' && i.verdict === 'failing')
          .map((i) => i.key);
        expect(run.regressions).toEqual(expected);
        for (const i of run.issues) if (i.status === 'wont_do') expect(i.verdict).toBe('untested');
      }),
      { numRuns: 25 },
    );
  });
});
