/**
 * Topological order
 * =================
 *
 * Every issue, each blocker before the issues it blocks; among the issues
 * available at each step the smallest key comes first, so the answer is
 * unique. Kahn's algorithm with a min-priority queue of ids (ids are in key
 * order, so comparing ids compares keys).
 *
 * The queue is a bitset of ids with a summary bitset per level above it (bit
 * i of a level: word i of the level below is not empty), up to a single word:
 * a push sets at most one bit per level, taking the smallest id follows the
 * lowest set bit down the levels, and ids are at most 2^31, so there are at
 * most 7 levels. Cheaper than a binary heap, whose every pop sifts through
 * log(size) scattered entries.
 *
 * Complexity: O((V + E) + V log32 V) time, O(V) memory (typed arrays).
 * Returns null when the graph has a cycle (fewer than V issues can be ordered);
 * `topologicalOrderCyclesLast` answers anyway, with what cannot be ordered last.
 *
 * Reference: A. B. Kahn, "Topological sorting of large networks", CACM 5(11),
 * 1962; graphology-dag `topologicalSort` (FIFO instead of a priority queue: not
 * unique); the summary levels are those of a van Emde Boas layout flattened to
 * 32-way words.
 */

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
  // Level l occupies bits[offset[l] .. offset[l + 1]); the top level is one word.
  const offset = new Int32Array(8);
  let depth = 0;
  let total = 0;
  for (let size = n; ; ) {
    offset[depth++] = total;
    size = (size + 31) >>> 5;
    total += size;
    if (size <= 1) break;
  }
  const bits = new Int32Array(Math.max(1, total));
  const waiting = new Int32Array(n);
  let queued = 0;
  for (let v = 0; v < n; v++) {
    waiting[v] = blockersStart[v + 1]! - blockersStart[v]!;
    if (waiting[v] === 0) {
      push(bits, offset, depth, v);
      queued++;
    }
  }
  let count = 0;
  while (queued > 0) {
    // The smallest queued id: the lowest set bit, level by level from the top.
    let v = 0;
    for (let l = depth - 1; l >= 0; l--) {
      const word = bits[offset[l]! + v]!;
      v = (v << 5) | (31 - Math.clz32(word & -word));
    }
    // Take it out; a word that becomes empty clears its bit one level up.
    for (let l = 0, i = v; l < depth; l++, i >>>= 5) {
      const at = offset[l]! + (i >>> 5);
      const word = bits[at]! & ~(1 << (i & 31));
      bits[at] = word;
      if (word !== 0) break;
    }
    queued--;
    order[count++] = v;
    for (let k = blocksStart[v]!; k < blocksStart[v + 1]!; k++) {
      const w = blocksAdj[k]!;
      if (--waiting[w]! !== 0) continue;
      push(bits, offset, depth, w);
      queued++;
    }
  }
  return count;
}

/** Sets v's bit, and each level's bit above it that was not yet set. */
function push(bits: Int32Array, offset: Int32Array, depth: number, v: number): void {
  for (let l = 0, i = v; l < depth; l++, i >>>= 5) {
    const at = offset[l]! + (i >>> 5);
    const word = bits[at]!;
    bits[at] = word | (1 << (i & 31));
    if (word !== 0) break;
  }
}
