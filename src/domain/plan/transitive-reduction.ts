/**
 * Redundant edges (transitive reduction)
 * ======================================
 *
 * The edges implied by others: "v is blocked by b" is redundant when another
 * blocker c of v is itself, transitively, blocked by b. In a DAG these are
 * exactly the edges the transitive reduction removes; here they are only
 * reported.
 *
 * 1. A depth-first topological order (the postorder of a search along
 *    blocked-by edges, so blockers come first), one weakly connected component
 *    after another, keeps related issues close together: most edges span few
 *    positions. Kahn's key-ordered answer interleaves unrelated work.
 * 2. Window bitsets: for each issue v, its ancestors among the W = 32 * words
 *    positions just before it (256 by default), as `words` 32-bit words (bit
 *    i = the issue at position pos(v) - 1 - i). A path between two issues only
 *    passes through positions between them, so for a blocker u at distance d <= W,
 *    window(v) gets window(u) shifted by d, plus u itself. While building it,
 *    the union of the shifted windows of v's blockers (without the blockers'
 *    own bits) says which of v's near blockers lie below another one: those
 *    edges are redundant. O(E * words) time, O(V * words) memory (1 KiB per
 *    32 issues at 256 positions).
 * 3. Edges longer than the window (rare when dependencies are local; nearly
 *    all of them in a uniform random DAG): for each, a search down from each
 *    other blocker, entering only issues that may still lead to the far
 *    blocker (later in the order, taller, and with a GRAIL interval that
 *    contains its own), and stopping wherever the issue reached is within a
 *    window's reach of the far blocker (its window answers). O(V * E) in the
 *    worst case, O(V) memory plus 8 ints per issue for the search.
 *
 * Reference: A. V. Aho, M. R. Garey, J. D. Ullman, "The transitive reduction of
 * a directed graph", SIAM J. Comput. 1(2), 1972; networkx
 * `transitive_reduction`; GRAIL (reachability-labels.ts) for the far edges.
 */

import type { PlanGraph } from './plan-graph.js';
import { reachabilityLabels } from './reachability-labels.js';

/** Default window: 8 words, 256 positions. */
export const WINDOW_WORDS = 8;

/**
 * Redundant edges as (issue, blocker) id pairs, sorted by issue then blocker. `words` sets the window
 * (tests use 0, all edges "far", and 1 to exercise both paths on small graphs).
 */
export function redundantEdges(g: PlanGraph, words = WINDOW_WORDS): Int32Array {
  const windowSize = words * 32;
  const { n, blockersStart, blockersAdj } = g;
  const position = new Int32Array(n);
  const redundant = new Uint8Array(blockersAdj.length);
  const windows = new Int32Array(n * words);
  const below = new Int32Array(Math.max(1, words));
  const height = new Int32Array(n);
  let far = 0; // issues with a blocker beyond the window

  // The depth-first order (see the header): an iterative search along blocked-by edges from the issues
  // of one weakly connected component after another, each issue placed in postorder, so that an edge
  // never spans more positions than its component has issues. Each issue's window is built as it is
  // placed (its blockers are all placed by then), while its row is still in cache.
  const starts = byComponent(g);
  const visited = new Uint8Array(n);
  const stackNode = new Int32Array(n);
  const stackEdge = new Int32Array(n);
  let i = 0;
  for (let si = 0; si < n; si++) {
    const s = starts[si]!;
    if (visited[s] === 1) continue;
    visited[s] = 1;
    stackNode[0] = s;
    stackEdge[0] = blockersStart[s]!;
    let top = 1;
    while (top > 0) {
      const v = stackNode[top - 1]!;
      const next = stackEdge[top - 1]!;
      if (next < blockersStart[v + 1]!) {
        stackEdge[top - 1] = next + 1;
        const u = blockersAdj[next]!;
        if (visited[u] === 0) {
          visited[u] = 1;
          stackNode[top] = u;
          stackEdge[top] = blockersStart[u]!;
          top++;
        }
        continue;
      }
      top--;
      // Place v at position i and build its window.
      position[v] = i;
      const first = blockersStart[v]!;
      const last = blockersStart[v + 1]!;
      for (let w = 0; w < words; w++) below[w] = 0;
      let h = 0;
      let hasFar = false;
      for (let k = first; k < last; k++) {
        const u = blockersAdj[k]!;
        if (height[u]! + 1 > h) h = height[u]! + 1;
        const d = i - position[u]!;
        if (d > windowSize) {
          hasFar = true;
          continue;
        }
        orShifted(below, windows, position[u]! * words, d, words);
      }
      height[v] = h;
      const at = i * words;
      for (let w = 0; w < words; w++) windows[at + w] = below[w]!;
      for (let k = first; k < last; k++) {
        const d = i - position[blockersAdj[k]!]!;
        if (d > windowSize) continue;
        const bit = d - 1;
        if ((below[bit >> 5]! >>> (bit & 31)) & 1) redundant[k] = 1;
        windows[at + (bit >> 5)]! |= 1 << (bit & 31);
      }
      if (hasFar) far++;
      i++;
    }
  }
  if (far > 0) markFarRedundant(g, position, height, redundant, windows, words);

  let count = 0;
  for (let k = 0; k < redundant.length; k++) count += redundant[k]!;
  const out = new Int32Array(2 * count);
  let o = 0;
  for (let v = 0; v < n; v++) {
    for (let k = blockersStart[v]!; k < blockersStart[v + 1]!; k++) {
      if (redundant[k] === 0) continue;
      out[o++] = v;
      out[o++] = blockersAdj[k]!;
    }
  }
  return out;
}

/** Is the issue at position `pb` upstream of the one at `py` (0 < py - pb <= 32 * words)? */
function inWindow(windows: Int32Array, words: number, py: number, pb: number): boolean {
  const bit = py - pb - 1;
  return ((windows[py * words + (bit >> 5)]! >>> (bit & 31)) & 1) === 1;
}

/** target |= windows[from .. from + words) shifted up by d bits (1 <= d <= 32 * words), truncated. */
function orShifted(target: Int32Array, windows: Int32Array, from: number, d: number, words: number): void {
  const q = d >> 5;
  const r = d & 31;
  if (r === 0) {
    for (let t = words - 1; t >= q; t--) target[t]! |= windows[from + t - q]!;
    return;
  }
  for (let t = words - 1; t > q; t--) {
    target[t]! |= (windows[from + t - q]! << r) | (windows[from + t - q - 1]! >>> (32 - r));
  }
  if (q < words) target[q]! |= windows[from]! << r;
}

/**
 * For each blocker b of v beyond the window: is b upstream of another blocker c of v? Each question is a
 * search down from c that only enters issues which may still lead to b: later than b in the order,
 * taller than b, and with a GRAIL interval that contains b's (see reachability-labels.ts). Most
 * "no" answers are proved by the intervals alone, before any search.
 */
function markFarRedundant(
  g: PlanGraph,
  position: Int32Array,
  height: Int32Array,
  redundant: Uint8Array,
  windows: Int32Array,
  words: number,
): void {
  const windowSize = 32 * words;
  const { n, blockersStart, blockersAdj } = g;
  const { k, low, rank } = reachabilityLabels(g);
  // One row per issue with everything a search step tests, so that a step reads one cache line:
  // position, height, then (low, rank) for each labelling.
  const stride = 2 + 2 * k;
  const row = new Int32Array(n * stride);
  for (let v = 0; v < n; v++) {
    const o = v * stride;
    row[o] = position[v]!;
    row[o + 1] = height[v]!;
    for (let t = 0; t < k; t++) {
      row[o + 2 + 2 * t] = low[t * n + v]!;
      row[o + 3 + 2 * t] = rank[t * n + v]!;
    }
  }
  const stamp = new Int32Array(n);
  const stack = new Int32Array(n);
  let epoch = 0;
  /** May y lead down to b (whose row starts at ob)? Later, taller, and b's intervals inside y's. */
  const leadsTo = (y: number, ob: number): boolean => {
    const oy = y * stride;
    if (row[oy]! <= row[ob]! || row[oy + 1]! <= row[ob + 1]!) return false;
    for (let i = 2; i < stride; i += 2) {
      if (row[ob + i]! < row[oy + i]! || row[ob + i + 1]! > row[oy + i + 1]!) return false;
    }
    return true;
  };

  for (let v = 0; v < n; v++) {
    const first = blockersStart[v]!;
    const last = blockersStart[v + 1]!;
    if (last - first < 2) continue;
    const pv = position[v]!;
    for (let kb = first; kb < last; kb++) {
      const b = blockersAdj[kb]!;
      if (pv - position[b]! <= windowSize) continue;
      const ob = b * stride;
      const pb = position[b]!;
      search: for (let kc = first; kc < last; kc++) {
        const c = blockersAdj[kc]!;
        if (c === b || !leadsTo(c, ob)) continue;
        if (position[c]! - pb <= windowSize) {
          if (inWindow(windows, words, position[c]!, pb)) {
            redundant[kb] = 1;
            break;
          }
          continue;
        }
        stamp[c] = ++epoch;
        stack[0] = c;
        let top = 1;
        while (top > 0) {
          const x = stack[--top]!;
          for (let e = blockersStart[x]!; e < blockersStart[x + 1]!; e++) {
            const y = blockersAdj[e]!;
            if (y === b) {
              redundant[kb] = 1;
              break search;
            }
            if (stamp[y] === epoch) continue;
            stamp[y] = epoch;
            if (!leadsTo(y, ob)) continue;
            // Close enough for y's window to answer: no need to search below y.
            const py = position[y]!;
            if (py - pb > windowSize) stack[top++] = y;
            else if (inWindow(windows, words, py, pb)) {
              redundant[kb] = 1;
              break search;
            }
          }
        }
      }
    }
  }
}

/** Every issue, grouped by weakly connected component (union-find with path halving), ids ascending within. */
function byComponent(g: PlanGraph): Int32Array {
  const { n, blockersStart, blockersAdj } = g;
  const root = new Int32Array(n);
  for (let v = 0; v < n; v++) root[v] = v;
  for (let v = 0; v < n; v++) {
    for (let k = blockersStart[v]!; k < blockersStart[v + 1]!; k++) {
      let a = v;
      while (root[a] !== a) {
        root[a] = root[root[a]!]!;
        a = root[a]!;
      }
      let b = blockersAdj[k]!;
      while (root[b] !== b) {
        root[b] = root[root[b]!]!;
        b = root[b]!;
      }
      if (a < b) root[b] = a;
      else if (b < a) root[a] = b;
    }
  }
  // Roots are the smallest id of their component, so one ascending pass resolves every link.
  for (let v = 0; v < n; v++) root[v] = root[root[v]!]!;
  const start = new Int32Array(n + 1);
  for (let v = 0; v < n; v++) start[root[v]! + 1]!++;
  for (let c = 0; c < n; c++) start[c + 1]! += start[c]!;
  const out = new Int32Array(n);
  for (let v = 0; v < n; v++) out[start[root[v]!]!++] = v;
  return out;
}
