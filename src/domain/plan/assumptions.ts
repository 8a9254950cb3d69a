/**
 * Assumptions
 * ===========
 *
 * What the planner had to assume, shown next to the figures it affects: each
 * issue without an estimate (the project's default was used; not for wont_do
 * issues, whose estimate is used nowhere), and each finished issue whose
 * blockers are still open (it holds nothing: what it blocks does not wait for
 * them). In id (key) order, the default estimate first for one issue.
 *
 * Complexity: O(V + E) time; the answer as (id, kind) pairs.
 */

import { FIRST_FINISHED, type PlanGraph, WONT_DO } from './plan-graph.js';

export const DEFAULT_ESTIMATE = 0;
export const FINISHED_WITH_OPEN_BLOCKERS = 1;

/** (issue id, kind) pairs, kind DEFAULT_ESTIMATE or FINISHED_WITH_OPEN_BLOCKERS. */
export function assumptionsOf(g: PlanGraph): Int32Array {
  const { n, status, defaulted, blockersStart, blockersAdj } = g;
  let out = new Int32Array(64);
  let used = 0;
  const add = (v: number, kind: number) => {
    if (used + 2 > out.length) {
      const bigger = new Int32Array(out.length * 2);
      bigger.set(out);
      out = bigger;
    }
    out[used++] = v;
    out[used++] = kind;
  };
  for (let v = 0; v < n; v++) {
    if (defaulted[v] === 1 && status[v] !== WONT_DO) add(v, DEFAULT_ESTIMATE);
    if (status[v]! < FIRST_FINISHED) continue;
    for (let k = blockersStart[v]!; k < blockersStart[v + 1]!; k++) {
      if (status[blockersAdj[k]!]! < FIRST_FINISHED) {
        add(v, FINISHED_WITH_OPEN_BLOCKERS);
        break;
      }
    }
  }
  return out.subarray(0, used);
}
