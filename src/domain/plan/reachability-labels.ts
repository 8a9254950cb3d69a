/**
 * Reachability labels (GRAIL)
 * ===========================
 *
 * Interval labels that prove, in O(k), that one issue is NOT upstream of
 * another. Each of k depth-first traversals along blocked-by edges numbers
 * issues in postorder (rank) and gives each issue the interval
 * [low, rank], low being the smallest rank below it. If b is upstream of c,
 * b's interval lies inside c's in every traversal; so an interval that does
 * not fit is a proof that c does not reach b. Traversals visit roots and
 * edges in different orders so that their intervals differ. The converse does
 * not hold: a fitting interval only means "maybe", and the caller searches,
 * pruning each step with the same test.
 *
 * Complexity: O(k (V + E)) time, 2k ints per issue; a query O(k).
 *
 * Reference: H. Yildirim, V. Chaoji, M. J. Zaki, "GRAIL: scalable reachability
 * index for large graphs", PVLDB 3(1), 2010.
 */

import type { PlanGraph } from './plan-graph.js';

export interface ReachabilityLabels {
  k: number;
  /** low[t * n + v], rank[t * n + v]: the interval of v in traversal t. */
  low: Int32Array;
  rank: Int32Array;
}

export function reachabilityLabels(g: PlanGraph, k = 3): ReachabilityLabels {
  const { n, blockersStart, blockersAdj } = g;
  const low = new Int32Array(k * n);
  const rank = new Int32Array(k * n);
  const visited = new Int32Array(n);
  const stackNode = new Int32Array(n);
  const stackEdge = new Int32Array(n);
  for (let t = 0; t < k; t++) {
    const base = t * n;
    let counter = 0;
    // Roots and edges taken in a different, deterministic order per traversal.
    const rotate = (i: number, length: number) => (length === 0 ? 0 : (i * (t + 1) + t) % length);
    // A scrambled pass first (which may miss some issues when its stride shares a factor with n), then
    // a plain pass that roots whatever is left.
    for (let r = 0; r < 2 * n; r++) {
      const root = r >= n ? r - n : t % 2 === 0 ? (r * 7919 * (t + 1)) % n : n - 1 - r;
      if (visited[root] === t + 1) continue;
      visited[root] = t + 1;
      stackNode[0] = root;
      stackEdge[0] = 0;
      let top = 1;
      while (top > 0) {
        const v = stackNode[top - 1]!;
        const first = blockersStart[v]!;
        const degree = blockersStart[v + 1]! - first;
        const i = stackEdge[top - 1]!;
        if (i < degree) {
          stackEdge[top - 1] = i + 1;
          const u = blockersAdj[first + ((i + rotate(v, degree)) % degree)]!;
          if (visited[u] !== t + 1) {
            visited[u] = t + 1;
            stackNode[top] = u;
            stackEdge[top] = 0;
            top++;
          }
          continue;
        }
        // Finished: every issue below v is finished too, so their lows are final.
        const own = counter++;
        let least = own;
        for (let e = first; e < first + degree; e++) {
          const l = low[base + blockersAdj[e]!]!;
          if (l < least) least = l;
        }
        rank[base + v] = own;
        low[base + v] = least;
        top--;
      }
    }
  }
  return { k, low, rank };
}

/** False proves that `b` is not upstream of `c`; true means it may be. */
export function mayReach(labels: ReachabilityLabels, n: number, c: number, b: number): boolean {
  const { k, low, rank } = labels;
  for (let t = 0, o = 0; t < k; t++, o += n) {
    if (low[o + b]! < low[o + c]! || rank[o + b]! > rank[o + c]!) return false;
  }
  return true;
}
