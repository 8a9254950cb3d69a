/**
 * Waves
 * =====
 *
 * The open issues grouped by the length of their longest chain of open
 * blockers: wave 0 holds the issues with no open blocker, wave n those whose
 * longest chain of open blockers has n issues. Issues of one wave never block
 * one another, so they can be worked on in parallel. Finished issues hold
 * nothing and are left out (as are chains through them).
 *
 * One pass in topological order (longest path in a DAG by dynamic programming),
 * then a counting sort into waves with keys in key order.
 *
 * Complexity: O(V + E) time, O(V) memory.
 *
 * Reference: longest-path layering, e.g. networkx `topological_generations`
 * restricted to open issues; graphology-dag `topologicalGenerations`.
 */

import { FIRST_FINISHED, type PlanGraph } from './plan-graph.js';

/** Wave index of each open issue; -1 for finished issues. */
export function openWaveLevels(g: PlanGraph, order: Int32Array): Int32Array {
  const { n, status, blockersStart, blockersAdj } = g;
  const level = new Int32Array(n).fill(-1);
  for (let i = 0; i < n; i++) {
    const v = order[i]!;
    if (status[v]! >= FIRST_FINISHED) continue;
    let best = 0;
    for (let k = blockersStart[v]!; k < blockersStart[v + 1]!; k++) {
      const l = level[blockersAdj[k]!]! + 1; // finished blockers have level -1: they add 0
      if (l > best) best = l;
    }
    level[v] = best;
  }
  return level;
}

/** The waves as keys, each in key order. */
export function groupWaves(g: PlanGraph, level: Int32Array): string[][] {
  let max = -1;
  for (let v = 0; v < g.n; v++) if (level[v]! > max) max = level[v]!;
  const waves: string[][] = [];
  for (let w = 0; w <= max; w++) waves.push([]);
  for (let v = 0; v < g.n; v++) if (level[v]! >= 0) waves[level[v]!]!.push(g.keys[v]!);
  return waves;
}
