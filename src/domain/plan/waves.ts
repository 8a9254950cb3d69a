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
 * Each open issue's wave is found in one pass in topological order (longest
 * path in a DAG by dynamic programming): the ready set's walk (ready-set.ts),
 * whose scan of an issue's blockers for the open ones gives their highest
 * wave too. Here the waves are grouped, keys in key order.
 *
 * Complexity: the levels O(V + E), in the ready set's walk; the grouping here
 * O(V) time and memory (one pass in id order, which is key order).
 *
 * Reference: longest-path layering, e.g. networkx `topological_generations`
 * restricted to open issues; graphology-dag `topologicalGenerations`.
 */

import type { PlanGraph } from './plan-graph.js';

/** The waves as keys, each in key order; `level` is readySet's (-1 for finished issues). */
export function groupWaves(g: PlanGraph, level: Int32Array): string[][] {
  let max = -1;
  for (let v = 0; v < g.n; v++) if (level[v]! > max) max = level[v]!;
  const waves: string[][] = [];
  for (let w = 0; w <= max; w++) waves.push([]);
  for (let v = 0; v < g.n; v++) if (level[v]! >= 0) waves[level[v]!]!.push(g.keys[v]!);
  return waves;
}
