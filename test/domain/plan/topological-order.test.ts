import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { computePlan } from '../../../src/domain/plan/compute-plan.js';
import { buildPlanGraph } from '../../../src/domain/plan/plan-graph.js';
import { topologicalOrder, topologicalOrderCyclesLast } from '../../../src/domain/plan/topological-order.js';
import { Oracle, planIssue, projectArbitrary } from './project-arbitrary.js';

describe('topological order', () => {
  it('puts every blocker before what it blocks and breaks ties by key', () => {
    const plan = computePlan({
      issues: ['d', 'c', 'b', 'a'].map((key) => planIssue(key)),
      edges: [
        { issue: 'a', blockedBy: 'd' },
        { issue: 'b', blockedBy: 'c' },
      ],
    });
    expect(plan.order).toEqual(['c', 'b', 'd', 'a']);
  });

  it('orders finished issues too', () => {
    const plan = computePlan({
      issues: [planIssue('b'), planIssue('a', 'done')],
      edges: [{ issue: 'a', blockedBy: 'b' }],
    });
    expect(plan.order).toEqual(['b', 'a']);
  });

  it('ignores a repeated edge', () => {
    const edge = { issue: 'a', blockedBy: 'b' };
    const plan = computePlan(
      { issues: [planIssue('a'), planIssue('b')], edges: [edge, edge] },
      { redundantEdges: true },
    );
    expect(plan.order).toEqual(['b', 'a']);
    expect(plan.redundantEdges).toEqual([]);
  });

  it('handles a 100k-issue chain without recursion', () => {
    const n = 100_000;
    const key = (i: number) => `k${String(i).padStart(6, '0')}`;
    const issues = Array.from({ length: n }, (_, i) => planIssue(key(i)));
    const edges = Array.from({ length: n - 1 }, (_, i) => ({ issue: key(i), blockedBy: key(i + 1) }));
    const plan = computePlan({ issues, edges });
    expect(plan.order[0]).toBe(key(n - 1));
    expect(plan.waves).toHaveLength(n);
    expect(plan.criticalPath.lengthDays).toBe(n);
  });

  it('is the smallest-key-first topological order of every issue', () => {
    fc.assert(
      fc.property(projectArbitrary(), (input) => {
        const { order } = computePlan(input);
        const oracle = new Oracle(input);
        expect([...order].sort()).toEqual([...oracle.keys].sort());
        const position = new Map(order.map((k, i) => [k, i]));
        for (const e of input.edges) expect(position.get(e.blockedBy)!).toBeLessThan(position.get(e.issue)!);
        // At each step, the issue taken is the smallest key whose blockers are all placed.
        const placed = new Set<string>();
        for (const key of order) {
          const available = oracle.keys.filter(
            (k) => !placed.has(k) && [...oracle.blockers.get(k)!].every((b) => placed.has(b)),
          );
          expect(key).toBe(available.sort()[0]);
          placed.add(key);
        }
      }),
      { numRuns: 300 },
    );
  });
});

describe('topological order with cycles last', () => {
  it('orders what it can, then the issues on or downstream of a cycle in key order', () => {
    const g = buildPlanGraph({
      issues: ['e', 'd', 'c', 'b', 'a'].map((key) => planIssue(key)),
      edges: [
        { issue: 'b', blockedBy: 'c' },
        { issue: 'c', blockedBy: 'b' },
        { issue: 'a', blockedBy: 'b' },
        { issue: 'd', blockedBy: 'e' },
      ],
    });
    expect(topologicalOrder(g)).toBeNull();
    expect([...topologicalOrderCyclesLast(g)].map((v) => g.keys[v])).toEqual(['e', 'd', 'a', 'b', 'c']);
  });

  it('is the topological order when there is no cycle (property)', () => {
    fc.assert(
      fc.property(projectArbitrary(), (input) => {
        const g = buildPlanGraph(input);
        expect(topologicalOrderCyclesLast(g)).toEqual(topologicalOrder(g));
      }),
      { numRuns: 100 },
    );
  });
});
