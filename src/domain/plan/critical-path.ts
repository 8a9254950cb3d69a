/**
 * Critical path
 * =============
 *
 * The critical path method (CPM) over the remaining work: the open issues, each
 * taking its estimate, each starting once its open blockers finish (finished
 * issues take no time and hold nothing). Forward pass in topological order for
 * earliest start and finish, backward pass (each issue's latest start pushed to
 * its blockers) for latest finish and start against the project's end (the
 * largest earliest finish); slack = latest - earliest
 * start. The critical path is walked back from the open issue that finishes
 * last, each time to the blocker whose finish sets the start (smallest key on
 * ties): a longest path by estimate, every issue on it with zero slack.
 *
 * Complexity: O(V + E) time, O(V) memory (Float64Array per figure).
 *
 * Reference: J. E. Kelley and M. R. Walker, "Critical-path planning and
 * scheduling", 1959; any project-management textbook (forward/backward pass).
 */

import { FIRST_FINISHED, type PlanGraph } from './plan-graph.js';

export interface Schedule {
  earliestStart: Float64Array;
  earliestFinish: Float64Array;
  latestStart: Float64Array;
  latestFinish: Float64Array;
  /** Ids of the critical path, first to last. */
  path: number[];
  lengthDays: number;
}

export function criticalPath(g: PlanGraph, order: Int32Array): Schedule {
  const { n, status, duration, blockersStart, blockersAdj } = g;
  const es = new Float64Array(n);
  const ef = new Float64Array(n);
  const ls = new Float64Array(n);
  const lf = new Float64Array(n);
  let end = 0;
  let last = -1;
  for (let i = 0; i < n; i++) {
    const v = order[i]!;
    if (status[v]! >= FIRST_FINISHED) continue;
    // A finished blocker's earliest finish stays 0, which never raises a start: no need to read its
    // status (one random read fewer per edge; at 100k issues ids are scattered, and reads cost misses).
    let start = 0;
    for (let k = blockersStart[v]!; k < blockersStart[v + 1]!; k++) {
      const f = ef[blockersAdj[k]!]!;
      if (f > start) start = f;
    }
    es[v] = start;
    const finish = start + duration[v]!;
    ef[v] = finish;
    if (last === -1 || finish > end || (finish === end && v < last)) {
      end = finish;
      last = v;
    }
  }
  // Backward, each open issue's latest start is pushed to its blockers' latest finish (they come later
  // in this walk): only open issues push, so no status is read per edge, and the rows read are the
  // blockers' as in the forward pass. Against pulling from the issues each one blocks (reading their
  // status, then their latest start): CPM new/old 0.70-0.82 at 100k on the four shapes of
  // bench/planner.ts, 0.73-1.18 at 10k (the analysis there unchanged beyond noise); CPU, interleaved.
  lf.fill(end);
  for (let i = n - 1; i >= 0; i--) {
    const v = order[i]!;
    if (status[v]! >= FIRST_FINISHED) {
      lf[v] = 0;
      continue;
    }
    const start = lf[v]! - duration[v]!;
    ls[v] = start;
    for (let k = blockersStart[v]!; k < blockersStart[v + 1]!; k++) {
      const u = blockersAdj[k]!;
      if (start < lf[u]!) lf[u] = start;
    }
  }
  const path: number[] = [];
  for (let v = last; v !== -1; ) {
    path.push(v);
    let next = -1;
    // Rows are ascending, so the first match is the smallest key.
    for (let k = blockersStart[v]!; k < blockersStart[v + 1]!; k++) {
      const u = blockersAdj[k]!;
      if (status[u]! < FIRST_FINISHED && ef[u] === es[v]) {
        next = u;
        break;
      }
    }
    v = next;
  }
  path.reverse();
  return { earliestStart: es, earliestFinish: ef, latestStart: ls, latestFinish: lf, path, lengthDays: end };
}

/** Six decimals: hides binary noise (0.1 + 0.2) without hiding any estimate a person would write. */
export function roundDays(x: number): number {
  return Math.round(x * 1e6) / 1e6;
}

/** The slack of open issue v as the schedule shows it: its rounded latest start minus its rounded earliest start. */
export function slackOf(schedule: Schedule, v: number): number {
  return roundDays(roundDays(schedule.latestStart[v]!) - roundDays(schedule.earliestStart[v]!));
}
