import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { computePlan } from '../../../src/domain/plan/compute-plan.js';

import { Oracle, planIssue, projectArbitrary } from './project-arbitrary.js';

describe('waves', () => {
  it('groups a diamond into three waves', () => {
    const plan = computePlan({
      issues: ['top', 'left', 'right', 'bottom'].map((k) => planIssue(k)),
      edges: [
        { issue: 'left', blockedBy: 'top' },
        { issue: 'right', blockedBy: 'top' },
        { issue: 'bottom', blockedBy: 'left' },
        { issue: 'bottom', blockedBy: 'right' },
      ],
    });
    expect(plan.waves).toEqual([['top'], ['left', 'right'], ['bottom']]);
  });

  it('places an issue by its longest chain of open blockers', () => {
    const plan = computePlan({
      issues: ['a', 'b', 'c', 'd'].map((k) => planIssue(k)),
      edges: [
        { issue: 'b', blockedBy: 'a' },
        { issue: 'c', blockedBy: 'b' },
        { issue: 'd', blockedBy: 'a' },
        { issue: 'd', blockedBy: 'c' },
      ],
    });
    expect(plan.waves).toEqual([['a'], ['b'], ['c'], ['d']]);
  });

  it('leaves finished issues out and does not wait for them', () => {
    const plan = computePlan({
      issues: [
        planIssue('a', 'done'),
        planIssue('b'),
        planIssue('c', 'wont_do'),
        planIssue('d', 'in_progress'),
      ],
      edges: [
        { issue: 'b', blockedBy: 'a' },
        { issue: 'd', blockedBy: 'c' },
        { issue: 'd', blockedBy: 'b' },
      ],
    });
    expect(plan.waves).toEqual([['b'], ['d']]);
  });

  it('is empty for an empty project', () => {
    expect(computePlan({ issues: [], edges: [] }).waves).toEqual([]);
  });

  it('puts each open issue in the wave of its longest chain of open blockers, keys sorted', () => {
    fc.assert(
      fc.property(projectArbitrary(), (input) => {
        const { waves } = computePlan(input);
        const oracle = new Oracle(input);
        const expected: string[][] = [];
        for (const key of [...oracle.keys].sort()) {
          if (!oracle.isOpen(key)) continue;
          const level = Math.max(...oracle.openPathsTo(key).map((p) => p.length)) - 1;
          while (expected.length <= level) expected.push([]);
          expected[level]!.push(key);
        }
        expect(waves).toEqual(expected);
      }),
      { numRuns: 300 },
    );
  });
});
