import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { computePlan } from '../../../src/domain/plan/compute-plan.js';
import { Oracle, projectArbitrary } from './project-arbitrary.js';

const open = (key: string) => ({ key, status: 'open' as const, estimateDays: 1, parent: null });

describe('redundant edges', () => {
  it('reports the shortcut of a chain, whatever the statuses, and keeps the chain', () => {
    const plan = computePlan({
      issues: [open('a'), { ...open('b'), status: 'done' as const }, open('c')],
      edges: [
        { issue: 'c', blockedBy: 'b' },
        { issue: 'b', blockedBy: 'a' },
        { issue: 'c', blockedBy: 'a' },
      ],
    });
    expect(plan.redundantEdges).toEqual([{ issue: 'c', blockedBy: 'a' }]);
  });

  it('reports nothing in a diamond', () => {
    const plan = computePlan({
      issues: ['a', 'b', 'c', 'd'].map(open),
      edges: [
        { issue: 'b', blockedBy: 'a' },
        { issue: 'c', blockedBy: 'a' },
        { issue: 'd', blockedBy: 'b' },
        { issue: 'd', blockedBy: 'c' },
      ],
    });
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
        expect(computePlan(input).redundantEdges).toEqual(expected);
      }),
      { numRuns: 400 },
    );
  });
});

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
