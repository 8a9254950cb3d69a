import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DependencyGraph } from '../../../src/domain/graph/dependency-graph.js';

describe('DependencyGraph', () => {
  it('indexes edges in both directions', () => {
    const graph = DependencyGraph.fromEdges([
      { issue: 'a', blockedBy: 'b' },
      { issue: 'a', blockedBy: 'c' },
      { issue: 'd', blockedBy: 'b' },
    ]);
    expect([...graph.blockersOf('a')]).toEqual(['b', 'c']);
    expect([...graph.blockedOf('b')]).toEqual(['a', 'd']);
    expect(graph.has('a', 'b')).toBe(true);
    expect(graph.has('b', 'a')).toBe(false);
    expect(graph.size).toBe(3);
  });

  it('ignores an edge added twice', () => {
    const graph = new DependencyGraph();
    graph.add('a', 'b');
    graph.add('a', 'b');
    expect(graph.size).toBe(1);
  });

  it('removes an edge from both directions and says whether it existed', () => {
    const graph = DependencyGraph.fromEdges([{ issue: 'a', blockedBy: 'b' }]);
    expect(graph.remove('a', 'b')).toBe(true);
    expect(graph.remove('a', 'b')).toBe(false);
    expect(graph.blockersOf('a').size).toBe(0);
    expect(graph.blockedOf('b').size).toBe(0);
    expect(graph.size).toBe(0);
  });

  it('answers empty sets for unknown issues', () => {
    const graph = new DependencyGraph();
    expect(graph.blockersOf('x').size).toBe(0);
    expect(graph.blockedOf('x').size).toBe(0);
  });

  it('returns the cycle an edge would close, starting and ending with the issue', () => {
    const graph = DependencyGraph.fromEdges([
      { issue: 'b', blockedBy: 'c' },
      { issue: 'c', blockedBy: 'a' },
    ]);
    expect(graph.cycleIfAdded('a', 'b')).toEqual(['a', 'b', 'c', 'a']);
  });

  it('returns a two-key cycle for the reverse of an existing edge', () => {
    const graph = DependencyGraph.fromEdges([{ issue: 'a', blockedBy: 'b' }]);
    expect(graph.cycleIfAdded('b', 'a')).toEqual(['b', 'a', 'b']);
  });

  it('returns a self cycle for a self edge', () => {
    expect(new DependencyGraph().cycleIfAdded('a', 'a')).toEqual(['a', 'a']);
  });

  it('returns null when the edge keeps the graph acyclic', () => {
    const graph = DependencyGraph.fromEdges([
      { issue: 'b', blockedBy: 'c' },
      { issue: 'a', blockedBy: 'c' },
    ]);
    expect(graph.cycleIfAdded('a', 'b')).toBeNull();
    expect(graph.cycleIfAdded('c', 'x')).toBeNull();
  });

  it('returns a shortest cycle when several exist', () => {
    // a would be blocked by b; b reaches a both directly through c and through d -> e -> f.
    const graph = DependencyGraph.fromEdges([
      { issue: 'b', blockedBy: 'd' },
      { issue: 'd', blockedBy: 'e' },
      { issue: 'e', blockedBy: 'a' },
      { issue: 'b', blockedBy: 'c' },
      { issue: 'c', blockedBy: 'a' },
    ]);
    expect(graph.cycleIfAdded('a', 'b')).toEqual(['a', 'b', 'c', 'a']);
  });

  it('keeps its order right when an unchecked add comes between a check and its add', () => {
    const graph = DependencyGraph.fromEdges([
      { issue: 't', blockedBy: 'a' },
      { issue: 's', blockedBy: 'b' },
    ]);
    expect(graph.cycleIfAdded('t', 's')).toBeNull();
    graph.add('s', 'x'); // unchecked, and it changes what lies upstream of s
    graph.add('t', 's');
    expect(graph.cycleIfAdded('x', 't')).toEqual(['x', 't', 's', 'x']);
  });

  it('agrees edges with its order in O(1) and still finds cycles across reorders', () => {
    const graph = new DependencyGraph();
    // Built against the order of first appearance: every add reorders.
    for (let i = 0; i < 50; i++) graph.add(`k${i}`, `k${i + 1}`);
    expect(graph.cycleIfAdded('k50', 'k0')).toEqual([
      'k50',
      'k0',
      ...Array.from({ length: 50 }, (_, i) => `k${i + 1}`),
    ]);
    expect(graph.cycleIfAdded('k0', 'k50')).toBeNull();
  });

  it('handles a long chain without recursion', () => {
    const graph = new DependencyGraph();
    const n = 100_000;
    for (let i = 1; i < n; i++) graph.add(`k${i}`, `k${i - 1}`);
    const cycle = graph.cycleIfAdded('k0', `k${n - 1}`);
    expect(cycle).toHaveLength(n + 1);
    expect(cycle?.[0]).toBe('k0');
    expect(cycle?.[1]).toBe(`k${n - 1}`);
  });

  it('finds a cycle exactly when brute-force reachability says so, and the cycle is a real closed path', () => {
    // 'add' checks first and adds only if acyclic; 'blind' adds without checking first (the order must
    // be kept up by add alone); 'force' adds even a cycle-closing edge (answers must stay right after).
    const keys = ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i', 'j'];
    const key = fc.constantFrom(...keys);
    const kind = fc.constantFrom('add', 'add', 'add', 'add', 'blind', 'remove', 'force');
    const op = fc.record({ kind, issue: key, blocker: key });
    const start = fc.array(fc.tuple(key, key), { maxLength: 12 });
    fc.assert(
      fc.property(start, fc.array(op, { maxLength: 60 }), (initial, ops) => {
        const edges = new Set<string>();
        // fromEdges gets only an acyclic start (checked by brute force), so it begins ordered.
        const seed: { issue: string; blockedBy: string }[] = [];
        for (const [issue, blocker] of initial) {
          if (issue === blocker || reaches(edges, blocker, issue)) continue;
          edges.add(`${issue}>${blocker}`);
          seed.push({ issue, blockedBy: blocker });
        }
        const graph = DependencyGraph.fromEdges(seed);
        for (const { kind, issue, blocker } of ops) {
          if (kind === 'remove') {
            expect(graph.remove(issue, blocker)).toBe(edges.delete(`${issue}>${blocker}`));
            continue;
          }
          if (
            kind === 'force' ||
            (kind === 'blind' && issue !== blocker && !reaches(edges, blocker, issue))
          ) {
            graph.add(issue, blocker);
            edges.add(`${issue}>${blocker}`);
            continue;
          }
          if (kind === 'blind') continue;
          const cycle = graph.cycleIfAdded(issue, blocker);
          const closes = issue === blocker || reaches(edges, blocker, issue);
          expect(cycle !== null).toBe(closes);
          if (cycle !== null) {
            expect(cycle[0]).toBe(issue);
            expect(cycle[1]).toBe(blocker);
            expect(cycle.at(-1)).toBe(issue);
            // every step but the new first one is an existing edge
            for (let i = 1; i + 1 < cycle.length; i++)
              expect(edges.has(`${cycle[i]}>${cycle[i + 1]}`)).toBe(true);
          } else {
            graph.add(issue, blocker);
            edges.add(`${issue}>${blocker}`);
          }
          expect(graph.size).toBe(edges.size);
        }
      }),
      { numRuns: 500 },
    );
  });
});

/** Brute force: can `from` reach `target` along blocked-by edges (fixpoint over the edge set)? */
function reaches(edges: Set<string>, from: string, target: string): boolean {
  const reached = new Set([from]);
  let grew = true;
  while (grew) {
    grew = false;
    for (const edge of edges) {
      const [issue, blocker] = edge.split('>') as [string, string];
      if (reached.has(issue) && !reached.has(blocker)) {
        reached.add(blocker);
        grew = true;
      }
    }
  }
  return reached.has(target);
}
