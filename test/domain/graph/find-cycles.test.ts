import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { findCycles } from '../../../src/domain/graph/find-cycles.js';
import type { DependencyEdge } from '../../../src/domain/graph/types.js';

const e = (issue: string, blockedBy: string): DependencyEdge => ({ issue, blockedBy });

describe('findCycles', () => {
  it('finds nothing in a DAG', () => {
    expect(findCycles(['a', 'b', 'c'], [e('a', 'b'), e('b', 'c'), e('a', 'c')])).toEqual([]);
  });

  it('finds nothing in an empty graph', () => {
    expect(findCycles([], [])).toEqual([]);
  });

  it('reports a cycle as a closed blocked-by path from its smallest key', () => {
    expect(findCycles(['a', 'b', 'c'], [e('b', 'c'), e('c', 'a'), e('a', 'b')])).toEqual([
      ['a', 'b', 'c', 'a'],
    ]);
  });

  it('reports one cycle per strongly connected component, in key order', () => {
    const cycles = findCycles(
      [],
      [e('x', 'y'), e('y', 'x'), e('a', 'b'), e('b', 'a'), e('b', 'x'), e('m', 'n')],
    );
    expect(cycles).toEqual([
      ['a', 'b', 'a'],
      ['x', 'y', 'x'],
    ]);
  });

  it('reports self-loops, also inside a larger component', () => {
    expect(findCycles(['a', 'b'], [e('a', 'a'), e('b', 'b'), e('a', 'b'), e('b', 'a')])).toEqual([
      ['a', 'b', 'a'],
      ['a', 'a'],
      ['b', 'b'],
    ]);
  });

  it('reports a shortest cycle through the smallest key of a component', () => {
    // a -> d -> e -> a and a -> b -> a share a component.
    const cycles = findCycles([], [e('a', 'd'), e('d', 'e'), e('e', 'a'), e('a', 'b'), e('b', 'a')]);
    expect(cycles).toEqual([['a', 'b', 'a']]);
  });

  it('handles a long cycle without recursion', () => {
    const n = 100_000;
    const edges: DependencyEdge[] = [];
    for (let i = 0; i < n; i++) edges.push(e(`k${i}`, `k${(i + 1) % n}`));
    const [cycle] = findCycles([], edges);
    expect(cycle).toHaveLength(n + 1);
  });

  it('finds a cycle exactly when brute force finds one, and every reported cycle is a closed path', () => {
    const keys = ['a', 'b', 'c', 'd', 'e', 'f', 'g'];
    const edge = fc.record({ issue: fc.constantFrom(...keys), blockedBy: fc.constantFrom(...keys) });
    fc.assert(
      fc.property(fc.array(edge, { maxLength: 14 }), (edges) => {
        const set = new Set(edges.map((x) => `${x.issue}>${x.blockedBy}`));
        const cycles = findCycles(keys, edges);
        expect(cycles.length > 0).toBe(hasCycleBruteForce(keys, set));
        for (const cycle of cycles) {
          expect(cycle[0]).toBe(cycle.at(-1));
          for (let i = 0; i + 1 < cycle.length; i++)
            expect(set.has(`${cycle[i]}>${cycle[i + 1]}`)).toBe(true);
        }
        // every node on some cycle is covered by a reported cycle's component
        const onCycle = keys.filter((k) => reachable(set, k, k));
        const reported = new Set(cycles.flat());
        for (const k of onCycle) {
          expect(
            cycles.some((c) => c.includes(k) || (reachable(set, k, c[0]!) && reachable(set, c[0]!, k))),
          ).toBe(true);
        }
        for (const k of reported) expect(onCycle).toContain(k);
      }),
      { numRuns: 300 },
    );
  });
});

function reachable(edges: Set<string>, from: string, target: string): boolean {
  // paths of length >= 1
  const reached = new Set<string>();
  const frontier = [from];
  while (frontier.length > 0) {
    const v = frontier.pop()!;
    for (const edge of edges) {
      const [a, b] = edge.split('>') as [string, string];
      if (a === v && !reached.has(b)) {
        reached.add(b);
        frontier.push(b);
      }
    }
  }
  return reached.has(target);
}

function hasCycleBruteForce(keys: string[], edges: Set<string>): boolean {
  return keys.some((k) => reachable(edges, k, k));
}
