/**
 * Transitive blockers
 * ===================
 *
 * Every open issue that transitively blocks one issue, through open issues
 * (finished issues hold nothing), each with a shortest chain of blocked-by
 * steps from the issue to it. Breadth-first search along blocked-by edges;
 * rows are in key order, so the answer is deterministic: by distance, and
 * within one distance in BFS discovery order sorted by key.
 *
 * Complexity: O(V' + E') for the part of the graph upstream of the issue, plus
 * the paths' total length in the answer; O(V) memory.
 *
 * Reference: graphology-traversal `bfsFromNode`.
 */

import { NotFoundError } from '../errors.js';
import { orderOrThrow } from './compute-plan.js';
import { buildPlanGraph, FIRST_FINISHED } from './plan-graph.js';
import type { PlanInput, TransitiveBlocker, TransitiveBlockers } from './types.js';

/** NotFoundError when `key` is not an issue of the input; InvalidInputError for a bad input. */
export function transitiveBlockers(input: PlanInput, key: string): TransitiveBlockers {
  const g = buildPlanGraph(input);
  orderOrThrow(g, input); // a cyclic input is reported as such, not half-answered
  const { keys, status, blockersStart, blockersAdj } = g;
  const source = binarySearch(keys, key);
  if (source < 0) throw new NotFoundError('issue', key);

  const parent = new Int32Array(g.n).fill(-1);
  const distance = new Int32Array(g.n);
  parent[source] = source;
  const queue = [source];
  for (let head = 0; head < queue.length; head++) {
    const v = queue[head]!;
    for (let k = blockersStart[v]!; k < blockersStart[v + 1]!; k++) {
      const u = blockersAdj[k]!;
      if (parent[u] !== -1 || status[u]! >= FIRST_FINISHED) continue;
      parent[u] = v;
      distance[u] = distance[v]! + 1;
      queue.push(u);
    }
  }

  const found = queue.slice(1);
  found.sort((a, b) => distance[a]! - distance[b]! || a - b);
  const blockers: TransitiveBlocker[] = found.map((u) => {
    const path: string[] = [];
    for (let w = u; w !== source; w = parent[w]!) path.push(keys[w]!);
    path.push(key);
    path.reverse();
    return { key: keys[u]!, distance: distance[u]!, path };
  });
  return { key, blockers };
}

function binarySearch(sorted: string[], key: string): number {
  let lo = 0;
  let hi = sorted.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const k = sorted[mid]!;
    if (k === key) return mid;
    if (k < key) lo = mid + 1;
    else hi = mid - 1;
  }
  return -1;
}
