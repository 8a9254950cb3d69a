/**
 * Progress
 * ========
 *
 * Counts by status and percent finished, by count and by estimate, for the
 * whole project and for every parent issue, rolled up through nested
 * sub-issues: a parent's figures are those of all its descendants (not its
 * own). See ProgressSummary for how wont_do counts.
 *
 * The parent links form a forest (checked by buildPlanGraph). Each issue's
 * depth is found by walking up with memoisation; then issues are bucketed by
 * depth and folded into their parents deepest first, so each link is used
 * once.
 *
 * Complexity: O(V) time, O(V) memory (one typed array per figure).
 */

import { DONE, type PlanGraph, WONT_DO } from './plan-graph.js';
import type { Progress, ProgressSummary } from './types.js';

const FIGURES = 6; // open, in_progress, done, wont_do, estimateDays, finishedEstimateDays

export function progress(g: PlanGraph): Progress {
  const { n, keys, status, duration, parent } = g;
  const project = new Float64Array(FIGURES);
  for (let v = 0; v < n; v++) addOwn(project, 0, status[v]!, duration[v]!);

  // Slots only for issues that have sub-issues, numbered in id (key) order.
  const slot = new Int32Array(n).fill(-1);
  for (let v = 0; v < n; v++) if (parent[v]! !== -1) slot[parent[v]!] = 0;
  let parents = 0;
  for (let v = 0; v < n; v++) if (slot[v] === 0) slot[v] = ++parents;
  if (parents === 0) return { project: summary(project, 0), byParent: Object.create(null) };
  // sums[(slot - 1) * FIGURES + f]: figure f summed over that parent's descendants.
  const sums = new Float64Array(parents * FIGURES);

  const depth = parentDepths(parent);
  let maxDepth = 0;
  for (let v = 0; v < n; v++) if (depth[v]! > maxDepth) maxDepth = depth[v]!;
  const byDepthStart = new Int32Array(maxDepth + 2);
  for (let v = 0; v < n; v++) byDepthStart[depth[v]! + 1]!++;
  for (let d = 0; d <= maxDepth; d++) byDepthStart[d + 1]! += byDepthStart[d]!;
  const fill = byDepthStart.slice(0, maxDepth + 1);
  const byDepth = new Int32Array(n);
  for (let v = 0; v < n; v++) byDepth[fill[depth[v]!]!++] = v;

  // Deepest first, so each parent is complete before it is folded into its own parent.
  for (let i = n - 1; i >= 0; i--) {
    const v = byDepth[i]!;
    const p = parent[v]!;
    if (p === -1) continue;
    const into = (slot[p]! - 1) * FIGURES;
    addOwn(sums, into, status[v]!, duration[v]!);
    if (slot[v]! > 0) {
      const from = (slot[v]! - 1) * FIGURES;
      for (let f = 0; f < FIGURES; f++) sums[into + f]! += sums[from + f]!;
    }
  }

  const byParent: Record<string, ProgressSummary> = Object.create(null); // keys are issue keys, any string
  for (let v = 0; v < n; v++) if (slot[v]! > 0) byParent[keys[v]!] = summary(sums, (slot[v]! - 1) * FIGURES);
  return { project: summary(project, 0), byParent };
}

function addOwn(into: Float64Array, at: number, code: number, days: number): void {
  into[at + code]!++;
  if (code !== WONT_DO) into[at + 4]! += days;
  if (code === DONE) into[at + 5]! += days;
}

function summary(sums: Float64Array, at: number): ProgressSummary {
  const open = sums[at]!;
  const inProgress = sums[at + 1]!;
  const done = sums[at + 2]!;
  const wontDo = sums[at + 3]!;
  const total = open + inProgress + done + wontDo;
  const finished = done + wontDo;
  const estimateDays = round(sums[at + 4]!);
  const finishedEstimateDays = round(sums[at + 5]!);
  return {
    counts: { open, in_progress: inProgress, done, wont_do: wontDo },
    total,
    finished,
    percentByCount: total === 0 ? null : round((100 * finished) / total),
    estimateDays,
    finishedEstimateDays,
    percentByEstimate: sums[at + 4] === 0 ? null : round((100 * sums[at + 5]!) / sums[at + 4]!),
  };
}

/** Number of ancestors of each issue, iteratively with memoisation. Precondition: no loops. */
function parentDepths(parent: Int32Array): Int32Array {
  const n = parent.length;
  const depth = new Int32Array(n).fill(-1);
  const walk = new Int32Array(n);
  for (let s = 0; s < n; s++) {
    let top = 0;
    let v = s;
    while (v !== -1 && depth[v] === -1) {
      walk[top++] = v;
      v = parent[v]!;
    }
    let d = v === -1 ? -1 : depth[v]!;
    while (top > 0) depth[walk[--top]!] = ++d;
  }
  return depth;
}

function round(x: number): number {
  return Math.round(x * 100) / 100;
}
