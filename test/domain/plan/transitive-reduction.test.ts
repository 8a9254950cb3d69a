import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { computePlan } from '../../../src/domain/plan/compute-plan.js';
import { buildPlanGraph } from '../../../src/domain/plan/plan-graph.js';
import { redundantEdges } from '../../../src/domain/plan/transitive-reduction.js';
import type { DependencyEdge, PlanInput } from '../../../src/domain/plan/types.js';
import { Oracle, planIssue, projectArbitrary } from './project-arbitrary.js';

const withRedundant = { redundantEdges: true };

describe('redundant edges', () => {
  it('are found only when asked for', () => {
    const input = {
      issues: [planIssue('a'), planIssue('b'), planIssue('c')],
      edges: [
        { issue: 'c', blockedBy: 'b' },
        { issue: 'b', blockedBy: 'a' },
        { issue: 'c', blockedBy: 'a' },
      ],
    };
    expect(computePlan(input)).not.toHaveProperty('redundantEdges');
    expect(computePlan(input, withRedundant).redundantEdges).toEqual([{ issue: 'c', blockedBy: 'a' }]);
  });

  it('reports the shortcut of a chain, whatever the statuses, and keeps the chain', () => {
    const plan = computePlan(
      {
        issues: [planIssue('a'), planIssue('b', 'done'), planIssue('c')],
        edges: [
          { issue: 'c', blockedBy: 'b' },
          { issue: 'b', blockedBy: 'a' },
          { issue: 'c', blockedBy: 'a' },
        ],
      },
      withRedundant,
    );
    expect(plan.redundantEdges).toEqual([{ issue: 'c', blockedBy: 'a' }]);
  });

  it('reports nothing in a diamond', () => {
    const plan = computePlan(
      {
        issues: ['a', 'b', 'c', 'd'].map((key) => planIssue(key)),
        edges: [
          { issue: 'b', blockedBy: 'a' },
          { issue: 'c', blockedBy: 'a' },
          { issue: 'd', blockedBy: 'b' },
          { issue: 'd', blockedBy: 'c' },
        ],
      },
      withRedundant,
    );
    expect(plan.redundantEdges).toEqual([]);
  });

  it('reports exactly the edges whose removal keeps every reachability, sorted', () => {
    fc.assert(
      fc.property(projectArbitrary(), (input) => {
        const oracle = new Oracle(input);
        const unique = [...new Map(input.edges.map((e) => [`${e.issue}>${e.blockedBy}`, e])).values()];
        const expected = unique
          .filter((e) => oracle.reaches(e.issue, e.blockedBy, { without: e }))
          .sort((x, y) => (x.issue === y.issue ? cmp(x.blockedBy, y.blockedBy) : cmp(x.issue, y.issue)));
        expect(computePlan(input, withRedundant).redundantEdges).toEqual(expected);
      }),
      { numRuns: 400 },
    );
  });
});

/** Up to 90 issues, edges both short and long (so both the window bitsets and the far search run). */
const mediumDag: fc.Arbitrary<PlanInput> = fc.integer({ min: 2, max: 90 }).chain((n) =>
  fc
    .array(
      fc.tuple(fc.nat(n - 1), fc.oneof(fc.integer({ min: 1, max: 4 }), fc.integer({ min: 1, max: 90 }))),
      {
        maxLength: 3 * n,
      },
    )
    .map((pairs) => {
      const key = (i: number) => `k${String((i * 37) % 101).padStart(3, '0')}`; // key order != creation order
      const issues = Array.from({ length: n }, (_, i) => planIssue(key(i)));
      const edges: DependencyEdge[] = [];
      for (const [late, span] of pairs)
        if (late - span >= 0) edges.push({ issue: key(late), blockedBy: key(late - span) });
      return { issues, edges };
    }),
);

function bruteForce(input: PlanInput): DependencyEdge[] {
  const oracle = new Oracle(input);
  const unique = [...new Map(input.edges.map((e) => [`${e.issue}>${e.blockedBy}`, e])).values()];
  return unique
    .filter((e) => oracle.reaches(e.issue, e.blockedBy, { without: e }))
    .sort((x, y) => (x.issue === y.issue ? cmp(x.blockedBy, y.blockedBy) : cmp(x.issue, y.issue)));
}

function found(input: PlanInput, words: number): DependencyEdge[] {
  const g = buildPlanGraph(input);
  const pairs = redundantEdges(g, words);
  const out: DependencyEdge[] = [];
  for (let i = 0; i < pairs.length; i += 2)
    out.push({ issue: g.keys[pairs[i]!]!, blockedBy: g.keys[pairs[i + 1]!]! });
  return out;
}

describe('redundant edges on larger graphs, whatever the window', () => {
  // Two chains of 40 ending in one issue; its shortcuts to the chains' starts cross bitset word
  // boundaries (and, for small windows, the window itself).
  const chain = (name: string, length: number) =>
    Array.from({ length: length - 1 }, (_, i) => ({ issue: `${name}${i + 1}`, blockedBy: `${name}${i}` }));
  const twoChains: PlanInput = {
    issues: [
      ...Array.from({ length: 40 }, (_, i) => [planIssue(`a${i}`), planIssue(`b${i}`)]).flat(),
      planIssue('v'),
      planIssue('w'),
    ],
    edges: [
      ...chain('a', 40),
      ...chain('b', 40),
      { issue: 'v', blockedBy: 'a39' },
      { issue: 'v', blockedBy: 'b39' },
      { issue: 'v', blockedBy: 'a0' },
      { issue: 'v', blockedBy: 'b5' },
      { issue: 'w', blockedBy: 'a20' },
      { issue: 'w', blockedBy: 'b30' },
      { issue: 'w', blockedBy: 'a3' },
    ],
  };

  for (const words of [0, 1, 2, 3, 8]) {
    it(`finds shortcuts across long chains with a window of ${words * 32} positions`, () => {
      expect(found(twoChains, words)).toEqual([
        { issue: 'v', blockedBy: 'a0' },
        { issue: 'v', blockedBy: 'b5' },
        { issue: 'w', blockedBy: 'a3' },
      ]);
    });
  }

  for (const words of [0, 1, 2, 8]) {
    it(`agrees with brute force with a window of ${words * 32} positions`, () => {
      fc.assert(
        fc.property(mediumDag, (input) => {
          expect(found(input, words)).toEqual(bruteForce(input));
        }),
        { numRuns: 200 },
      );
    });
  }
});

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
