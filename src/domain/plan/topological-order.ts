/**
 * Topological order
 * =================
 *
 * Every issue, each blocker before the issues it blocks; among the issues
 * available at each step the smallest key comes first, so the answer is
 * unique. Kahn's algorithm with a binary min-heap of ids (ids are in key
 * order, so comparing ids compares keys).
 *
 * Complexity: O((V + E) + V log V) time, O(V) memory (typed arrays).
 * Returns null when the graph has a cycle (fewer than V issues can be ordered).
 *
 * Reference: A. B. Kahn, "Topological sorting of large networks", CACM 5(11),
 * 1962; graphology-dag `topologicalSort` (FIFO instead of a heap: not unique).
 */

import type { PlanGraph } from './plan-graph.js';

export function topologicalOrder(g: PlanGraph): Int32Array | null {
  const { n, blockersStart, blocksStart, blocksAdj } = g;
  const waiting = new Int32Array(n);
  const heap = new Int32Array(n);
  let size = 0;
  for (let v = 0; v < n; v++) {
    waiting[v] = blockersStart[v + 1]! - blockersStart[v]!;
    // Ascending ids pushed in order already form a valid heap.
    if (waiting[v] === 0) heap[size++] = v;
  }
  const order = new Int32Array(n);
  let count = 0;
  while (size > 0) {
    const v = heap[0]!;
    order[count++] = v;
    // Pop: move the last element to the root and sift it down.
    const last = heap[--size]!;
    let i = 0;
    for (;;) {
      const l = 2 * i + 1;
      if (l >= size) break;
      const r = l + 1;
      const c = r < size && heap[r]! < heap[l]! ? r : l;
      if (heap[c]! >= last) break;
      heap[i] = heap[c]!;
      i = c;
    }
    if (size > 0) heap[i] = last;
    for (let k = blocksStart[v]!; k < blocksStart[v + 1]!; k++) {
      const w = blocksAdj[k]!;
      if (--waiting[w]! !== 0) continue;
      // Push w and sift it up.
      let j = size++;
      while (j > 0) {
        const p = (j - 1) >> 1;
        if (heap[p]! <= w) break;
        heap[j] = heap[p]!;
        j = p;
      }
      heap[j] = w;
    }
  }
  return count === n ? order : null;
}
