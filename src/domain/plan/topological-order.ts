/**
 * Topological order
 * =================
 *
 * Every issue, each blocker before the issues it blocks; among the issues
 * available at each step the smallest key comes first, so the answer is
 * unique. Kahn's algorithm with a min-priority queue of ids (ids are in key
 * order, so comparing ids compares keys): the bitset queue of id-queue.ts.
 *
 * Complexity: O((V + E) + V log32 V) time, O(V) memory (typed arrays).
 * Returns null when the graph has a cycle (fewer than V issues can be ordered);
 * `topologicalOrderCyclesLast` answers anyway, with what cannot be ordered last.
 *
 * Reference: A. B. Kahn, "Topological sorting of large networks", CACM 5(11),
 * 1962; graphology-dag `topologicalSort` (FIFO instead of a priority queue: not
 * unique).
 */

import { IdQueue } from './id-queue.js';
import type { PlanGraph } from './plan-graph.js';

export function topologicalOrder(g: PlanGraph): Int32Array | null {
  const order = new Int32Array(g.n);
  return kahn(g, order) === g.n ? order : null;
}

/**
 * The same order for a graph that may have cycles: what Kahn's algorithm can order, then the issues on a
 * cycle or downstream of one, in key order. For answers that must be given for any input.
 */
export function topologicalOrderCyclesLast(g: PlanGraph): Int32Array {
  const order = new Int32Array(g.n);
  let count = kahn(g, order);
  if (count === g.n) return order;
  const placed = new Uint8Array(g.n);
  for (let i = 0; i < count; i++) placed[order[i]!] = 1;
  for (let v = 0; v < g.n; v++) if (placed[v] === 0) order[count++] = v;
  return order;
}

/** Fills `order` with every issue Kahn's algorithm can place, smallest id first; returns how many. */
function kahn(g: PlanGraph, order: Int32Array): number {
  const { n, blockersStart, blocksStart, blocksAdj } = g;
  const queue = new IdQueue(n);
  const waiting = new Int32Array(n);
  for (let v = 0; v < n; v++) {
    waiting[v] = blockersStart[v + 1]! - blockersStart[v]!;
    if (waiting[v] === 0) queue.push(v);
  }
  let count = 0;
  while (queue.size > 0) {
    const v = queue.pop();
    order[count++] = v;
    for (let k = blocksStart[v]!; k < blocksStart[v + 1]!; k++) {
      const w = blocksAdj[k]!;
      if (--waiting[w]! === 0) queue.push(w);
    }
  }
  return count;
}
