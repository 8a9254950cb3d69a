/**
 * Redundant edges (transitive reduction)
 * ======================================
 *
 * The edges implied by others: "v is blocked by b" is redundant when another
 * blocker c of v is itself, transitively, blocked by b. In a DAG these are
 * exactly the edges the transitive reduction removes; here they are only
 * reported.
 *
 * For each issue v: a search from its blockers' blockers marks everything
 * below them; a blocker of v that gets marked is redundant. The search is cut
 * by height (longest chain of blockers below an issue): a path from c down to
 * b passes only through issues taller than b, so an issue no taller than the
 * shortest blocker of v is marked but not expanded. A stamp array (one int per
 * issue) replaces a visited set per search.
 *
 * Complexity: O(sum over v of the part of the graph between v's blockers and
 * the shortest of them) time: O(V * E) in the worst case, near O(E * d) when
 * dependencies are local (d = typical depth of that band); O(V) memory, no
 * matrix: bitset methods (O(V * E / w) time, O(V^2 / w) bits, or chunked) cost
 * more memory or more time on the sparse, local graphs projects have. We
 * defend the trade in bench/planner.ts, which also times a uniform random DAG.
 *
 * Reference: A. V. Aho, M. R. Garey, J. D. Ullman, "The transitive reduction of
 * a directed graph", SIAM J. Comput. 1(2), 1972; networkx `transitive_reduction`
 * (the same per-node descendant marking, without the height cut).
 */

import type { PlanGraph } from './plan-graph.js';

/** Redundant edges as (issue, blocker) id pairs, sorted by issue then blocker. */
export function redundantEdges(g: PlanGraph, order: Int32Array): Int32Array {
  const { n, blockersStart, blockersAdj } = g;
  // Height: longest chain of blockers below each issue (0 for an issue with no blocker).
  const height = new Int32Array(n);
  const position = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const v = order[i]!;
    position[v] = i;
    let h = 0;
    for (let k = blockersStart[v]!; k < blockersStart[v + 1]!; k++) {
      const hu = height[blockersAdj[k]!]! + 1;
      if (hu > h) h = hu;
    }
    height[v] = h;
  }

  const stamp = new Int32Array(n);
  // Each issue is pushed once when marked, and each blocker of v once more at the start.
  const stack = new Int32Array(2 * n + 1);
  const found: number[] = [];
  for (let v = 0; v < n; v++) {
    const first = blockersStart[v]!;
    const last = blockersStart[v + 1]!;
    if (last - first < 2) continue; // one blocker implies nothing
    // A path from a blocker c down to a blocker b only passes through issues taller than b and later
    // than b in the topological order: below the lowest blocker on either scale, nothing is expanded.
    let floor = height[blockersAdj[first]!]!;
    let floorPosition = position[blockersAdj[first]!]!;
    for (let k = first + 1; k < last; k++) {
      const b = blockersAdj[k]!;
      if (height[b]! < floor) floor = height[b]!;
      if (position[b]! < floorPosition) floorPosition = position[b]!;
    }
    const mark = v + 1;
    let top = 0;
    for (let k = first; k < last; k++) {
      const c = blockersAdj[k]!;
      if (height[c]! > floor && position[c]! > floorPosition) stack[top++] = c;
    }
    // Expand: everything strictly below a blocker of v, cut at height <= floor.
    while (top > 0) {
      const x = stack[--top]!;
      for (let k = blockersStart[x]!; k < blockersStart[x + 1]!; k++) {
        const y = blockersAdj[k]!;
        if (stamp[y] === mark) continue;
        stamp[y] = mark;
        if (height[y]! > floor && position[y]! > floorPosition) stack[top++] = y;
      }
    }
    for (let k = first; k < last; k++) {
      const b = blockersAdj[k]!;
      if (stamp[b] === mark) found.push(v, b);
    }
  }
  return Int32Array.from(found);
}
