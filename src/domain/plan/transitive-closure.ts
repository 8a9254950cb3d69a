/**
 * Transitive closure
 * ==================
 *
 * Every issue's transitive blockers at once, as the rows of a bit matrix: bit
 * u of row v is set when v is blocked by u through some chain of blocked-by
 * edges. Rows are filled in topological order (blockers first): row(v) is the
 * union, over v's blockers u, of row(u) and u itself, so every row read is
 * already final. Given an order that is not topological (a cyclic graph, see
 * `topologicalOrderCyclesLast`), the rows are that same union taken in that
 * order: part of the true closure.
 *
 * Complexity: O(V + E * V/32) time (each edge ORs one row of V/32 words),
 * V²/8 bytes in one Uint32Array: meant for validation's projects (hundreds of
 * issues, each one costing simulator runs), not for the planner's 1e5, whose
 * questions about reachability go through labels and searches
 * (reachability-labels.ts, transitive-blockers.ts) instead.
 *
 * Reference: the closure of a DAG by dynamic programming in topological order
 * (networkx `transitive_closure_dag`), rows as bitsets: I. Munro, "Efficient
 * determination of the transitive closure of a directed graph", IPL 1(2), 1971.
 */

import type { PlanGraph } from './plan-graph.js';

export interface TransitiveClosure {
  /** 32-bit words per row. */
  words: number;
  /** Row v is bits[v * words .. (v + 1) * words). */
  bits: Uint32Array;
}

/** `order`: every id, blockers first (topologicalOrder's answer). */
export function transitiveClosure(g: PlanGraph, order: Int32Array): TransitiveClosure {
  const { n, blockersStart, blockersAdj } = g;
  const words = (n + 31) >>> 5;
  const bits = new Uint32Array(n * words);
  for (let i = 0; i < n; i++) {
    const v = order[i]!;
    const row = v * words;
    for (let k = blockersStart[v]!; k < blockersStart[v + 1]!; k++) {
      const u = blockersAdj[k]!;
      bits[row + (u >>> 5)]! |= 1 << (u & 31);
      const from = u * words;
      for (let w = 0; w < words; w++) bits[row + w]! |= bits[from + w]!;
    }
  }
  return { words, bits };
}

/** Whether `u` is among the transitive blockers of `v`. */
export function hasTransitiveBlocker(closure: TransitiveClosure, v: number, u: number): boolean {
  return (closure.bits[v * closure.words + (u >>> 5)]! & (1 << (u & 31))) !== 0;
}
