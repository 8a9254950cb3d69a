/**
 * Find cycles
 * ===========
 *
 * Every cycle worth reporting in an imported document: one cycle per
 * non-trivial strongly connected component, plus every self-loop. Import uses
 * it to list every problem at once rather than stopping at the first.
 *
 * Strongly connected components by Tarjan's algorithm, written iteratively
 * (explicit stack of (node, next-edge) frames) so that deep graphs do not
 * overflow the call stack. Inside each component, a shortest cycle through its
 * smallest key is found by a BFS restricted to the component.
 *
 * Complexity: O(V + E) for the components, plus O(V_c + E_c) per component for
 * its cycle; O(V + E) memory (integer ids and typed arrays).
 *
 * Each cycle is a closed path in blocked-by order (`[a, b, a]`: a is blocked by
 * b, b by a), starting and ending with the component's smallest key. Cycles are
 * sorted by first key, a self-loop after the longer cycle through the same key.
 *
 * Reference: R. Tarjan, "Depth-first search and linear graph algorithms",
 * SIAM J. Comput. 1(2), 1972; graphology-components `stronglyConnectedComponents`.
 */

import type { DependencyEdge } from './types.js';

/** The words for a dependency cycle, wherever one is found: `dependency cycle a -> b -> a`. */
export function dependencyCycleMessage(cycle: readonly string[]): string {
  return `dependency cycle ${cycle.join(' -> ')}`;
}

export function findCycles(keys: Iterable<string>, edges: Iterable<DependencyEdge>): string[][] {
  // Integer ids, in key order so that "smallest id" means "smallest key".
  const keySet = new Set<string>(keys);
  const edgeList: DependencyEdge[] = [];
  for (const edge of edges) {
    edgeList.push(edge);
    keySet.add(edge.issue);
    keySet.add(edge.blockedBy);
  }
  const names = [...keySet].sort();
  const n = names.length;
  const id = new Map<string, number>();
  for (let i = 0; i < n; i++) id.set(names[i]!, i);

  // CSR adjacency along blocked-by edges (issue -> blocker), duplicates kept (harmless).
  const m = edgeList.length;
  const start = new Int32Array(n + 1);
  const from = new Int32Array(m);
  const to = new Int32Array(m);
  for (let e = 0; e < m; e++) {
    from[e] = id.get(edgeList[e]!.issue)!;
    to[e] = id.get(edgeList[e]!.blockedBy)!;
    start[from[e]! + 1]!++;
  }
  for (let i = 0; i < n; i++) start[i + 1]! += start[i]!;
  const adj = new Int32Array(m);
  const fill = start.slice(0, n);
  for (let e = 0; e < m; e++) adj[fill[from[e]!]!++] = to[e]!;
  // Sort each node's neighbours so that the BFS (and thus the reported cycle) is deterministic.
  for (let i = 0; i < n; i++) adj.subarray(start[i]!, start[i + 1]!).sort();

  const component = tarjan(n, start, adj);

  const cycles: string[][] = [];
  const size = new Int32Array(n);
  for (let i = 0; i < n; i++) size[component[i]!]!++;
  const seen = new Uint8Array(n); // component already reported
  const parent = new Int32Array(n).fill(-1);
  for (let i = 0; i < n; i++) {
    const c = component[i]!;
    if (size[c]! > 1 && seen[c] === 0) {
      seen[c] = 1;
      cycles.push(shortestCycleThrough(i, c, component, start, adj, parent).map((v) => names[v]!));
    }
    for (let k = start[i]!; k < start[i + 1]!; k++) {
      if (adj[k] === i) {
        cycles.push([names[i]!, names[i]!]);
        break;
      }
    }
  }
  return cycles;
}

/** Tarjan's SCC, iterative. Returns the component index of every node. */
function tarjan(n: number, start: Int32Array, adj: Int32Array): Int32Array {
  const index = new Int32Array(n).fill(-1);
  const low = new Int32Array(n);
  const onStack = new Uint8Array(n);
  const component = new Int32Array(n).fill(-1);
  const sccStack = new Int32Array(n);
  let sccTop = 0;
  const callNode = new Int32Array(n);
  const callEdge = new Int32Array(n);
  let callTop = 0;
  let counter = 0;
  let components = 0;

  for (let root = 0; root < n; root++) {
    if (index[root] !== -1) continue;
    callNode[0] = root;
    callEdge[0] = start[root]!;
    callTop = 1;
    index[root] = low[root] = counter++;
    sccStack[sccTop++] = root;
    onStack[root] = 1;
    while (callTop > 0) {
      const v = callNode[callTop - 1]!;
      const e = callEdge[callTop - 1]!;
      if (e < start[v + 1]!) {
        callEdge[callTop - 1] = e + 1;
        const w = adj[e]!;
        if (index[w] === -1) {
          index[w] = low[w] = counter++;
          sccStack[sccTop++] = w;
          onStack[w] = 1;
          callNode[callTop] = w;
          callEdge[callTop] = start[w]!;
          callTop++;
        } else if (onStack[w] === 1 && index[w]! < low[v]!) {
          low[v] = index[w]!;
        }
        continue;
      }
      // v is finished: pop it, propagate low to its caller, emit a component if v is its root.
      callTop--;
      if (callTop > 0) {
        const u = callNode[callTop - 1]!;
        if (low[v]! < low[u]!) low[u] = low[v]!;
      }
      if (low[v] === index[v]) {
        let w: number;
        do {
          w = sccStack[--sccTop]!;
          onStack[w] = 0;
          component[w] = components;
        } while (w !== v);
        components++;
      }
    }
  }
  return component;
}

/** BFS from `s` inside component `c` back to `s`: a shortest closed path [s, ..., s]. */
function shortestCycleThrough(
  s: number,
  c: number,
  component: Int32Array,
  start: Int32Array,
  adj: Int32Array,
  parent: Int32Array,
): number[] {
  const queue: number[] = [s];
  const touched: number[] = [];
  let last = -1;
  search: for (let head = 0; head < queue.length; head++) {
    const v = queue[head]!;
    for (let k = start[v]!; k < start[v + 1]!; k++) {
      const w = adj[k]!;
      if (component[w] !== c || w === v) continue;
      if (w === s) {
        last = v;
        break search;
      }
      if (parent[w] !== -1) continue;
      parent[w] = v;
      touched.push(w);
      queue.push(w);
    }
  }
  // A non-trivial component always has a cycle through each of its nodes.
  const path: number[] = [s];
  for (let v = last; v !== s; v = parent[v]!) path.push(v);
  path.push(s);
  for (const w of touched) parent[w] = -1;
  // path = [s, last, ..., first step, s] walks the BFS tree backwards; reverse for blocked-by order.
  return path.reverse();
}
