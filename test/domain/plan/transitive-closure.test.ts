import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildPlanGraph } from '../../../src/domain/plan/plan-graph.js';
import { topologicalOrder } from '../../../src/domain/plan/topological-order.js';
import { hasTransitiveBlocker, transitiveClosure } from '../../../src/domain/plan/transitive-closure.js';
import type { PlanInput } from '../../../src/domain/plan/types.js';
import { Oracle, planIssue, projectArbitrary } from './project-arbitrary.js';

function closureOf(input: PlanInput) {
  const g = buildPlanGraph(input);
  const closure = transitiveClosure(g, topologicalOrder(g)!);
  return (issue: string, blocker: string) =>
    hasTransitiveBlocker(closure, g.keys.indexOf(issue), g.keys.indexOf(blocker));
}

describe('transitive closure', () => {
  it('holds every blocker of a chain, direct or not, and nothing downstream', () => {
    const waits = closureOf({
      issues: ['a', 'b', 'c', 'd'].map((key) => planIssue(key)),
      edges: [
        { issue: 'c', blockedBy: 'b' },
        { issue: 'b', blockedBy: 'a' },
      ],
    });
    expect(waits('c', 'b')).toBe(true);
    expect(waits('c', 'a')).toBe(true);
    expect(waits('a', 'c')).toBe(false);
    expect(waits('c', 'd')).toBe(false);
    expect(waits('c', 'c')).toBe(false);
  });

  it('spans rows of more than one 32-bit word', () => {
    const key = (i: number) => `k${String(i).padStart(3, '0')}`;
    const n = 100;
    const waits = closureOf({
      issues: Array.from({ length: n }, (_, i) => planIssue(key(i))),
      edges: Array.from({ length: n - 1 }, (_, i) => ({ issue: key(i + 1), blockedBy: key(i) })),
    });
    expect(waits(key(99), key(0))).toBe(true);
    expect(waits(key(64), key(63))).toBe(true);
    expect(waits(key(31), key(32))).toBe(false);
  });

  it('answers as a search along blocked-by edges does (property)', () => {
    fc.assert(
      fc.property(projectArbitrary(), (input) => {
        const waits = closureOf(input);
        const oracle = new Oracle(input);
        for (const v of oracle.keys)
          for (const u of oracle.keys) expect(waits(v, u)).toBe(oracle.reaches(v, u));
      }),
      { numRuns: 200 },
    );
  });
});
