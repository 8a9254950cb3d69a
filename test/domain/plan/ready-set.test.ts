import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { computePlan } from '../../../src/domain/plan/compute-plan.js';

import { Oracle, planIssue, projectArbitrary } from './project-arbitrary.js';

describe('ready and blocked', () => {
  it('lists direct open blockers and the ready issues upstream that hold each blocked issue', () => {
    const plan = computePlan({
      issues: [planIssue('a'), planIssue('b'), planIssue('c'), planIssue('d'), planIssue('e', 'done')],
      edges: [
        { issue: 'c', blockedBy: 'a' },
        { issue: 'c', blockedBy: 'b' },
        { issue: 'd', blockedBy: 'c' },
        { issue: 'd', blockedBy: 'e' },
        { issue: 'b', blockedBy: 'e' },
      ],
    });
    expect(plan.ready).toEqual(['a', 'b']);
    expect(plan.blocked).toEqual([
      { key: 'c', blockedBy: ['a', 'b'], rootBlockers: ['a', 'b'] },
      { key: 'd', blockedBy: ['c'], rootBlockers: ['a', 'b'] },
    ]);
  });

  it('has nothing ready or blocked when all is done', () => {
    const plan = computePlan({
      issues: [planIssue('a', 'done'), planIssue('b', 'wont_do')],
      edges: [{ issue: 'b', blockedBy: 'a' }],
    });
    expect(plan.ready).toEqual([]);
    expect(plan.blocked).toEqual([]);
  });

  it('partitions the open issues, with the blockers and root blockers brute force finds', () => {
    fc.assert(
      fc.property(projectArbitrary(), (input) => {
        const plan = computePlan(input);
        const oracle = new Oracle(input);
        const open = oracle.keys.filter((k) => oracle.isOpen(k)).sort();
        const ready = open.filter((k) => oracle.openBlockers(k).length === 0);
        expect(plan.ready).toEqual(ready);
        expect(plan.ready).toEqual(plan.waves[0] ?? []);
        expect(plan.blocked.map((b) => b.key)).toEqual(open.filter((k) => !ready.includes(k)));
        for (const b of plan.blocked) {
          expect(b.blockedBy).toEqual(oracle.openBlockers(b.key));
          expect(b.rootBlockers).toEqual(ready.filter((r) => oracle.reaches(b.key, r, { openOnly: true })));
        }
      }),
      { numRuns: 300 },
    );
  });
});

describe('root blockers at scale', () => {
  it('stay linear for a long chain under many ready issues', () => {
    const roots = Array.from({ length: 2000 }, (_, i) => `r${String(i).padStart(4, '0')}`);
    const chain = Array.from({ length: 20_000 }, (_, i) => `c${String(i).padStart(5, '0')}`);
    const plan = computePlan({
      issues: [...roots, ...chain].map((key) => ({
        key,
        status: 'open' as const,
        estimateDays: 1,
        parent: null,
      })),
      edges: [
        ...roots.map((r) => ({ issue: chain[0]!, blockedBy: r })),
        ...chain.slice(1).map((c, i) => ({ issue: c, blockedBy: chain[i]! })),
      ],
    });
    expect(plan.blocked).toHaveLength(20_000);
    expect(plan.blocked.at(-1)!.rootBlockers).toHaveLength(2000);
    expect(plan.blocked.at(-1)!.rootBlockers).toBe(plan.blocked[0]!.rootBlockers);
  });
});
