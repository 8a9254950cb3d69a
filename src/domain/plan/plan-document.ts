// The plan as the document the API serves (types.ts `Plan`), rendered from the analysis
// (compute-plan.ts). plan-json.ts writes the very same document as JSON text without making it; a
// property test holds the two to each other.

import { DEFAULT_ESTIMATE } from './assumptions.js';
import type { PlanAnalysis } from './compute-plan.js';
import { roundDays, slackOf } from './critical-path.js';
import { FIRST_FINISHED } from './plan-graph.js';
import { rankedReadyIssue } from './ready-ranking.js';
import type { Assumption, BlockedIssue, DependencyEdge, Plan, ScheduleEntry } from './types.js';
import { groupWaves } from './waves.js';

export function planDocument(a: PlanAnalysis): Plan {
  const { graph: g, order, level, schedule: cpm } = a;
  const { keys } = g;
  const { earliestStart: es, earliestFinish: ef, latestStart: ls, latestFinish: lf } = cpm;
  // One walk in topological order gives both the order's keys and the schedule's insertion order.
  const orderKeys = new Array<string>(g.n);
  // No prototype: an issue keyed `__proto__` or `constructor` is a plain entry like any other.
  const schedule: Record<string, ScheduleEntry> = Object.create(null);
  for (let i = 0; i < g.n; i++) {
    const v = order[i]!;
    const key = keys[v]!;
    orderKeys[i] = key;
    if (level[v]! < 0) continue;
    schedule[key] = {
      earliestStart: roundDays(es[v]!),
      earliestFinish: roundDays(ef[v]!),
      latestStart: roundDays(ls[v]!),
      latestFinish: roundDays(lf[v]!),
      slack: slackOf(cpm, v),
    };
  }

  const readyRanking = new Array(a.ranking.ids.length);
  for (let i = 0; i < readyRanking.length; i++)
    readyRanking[i] = rankedReadyIssue(g, a.ranking, a.ranking.ids[i]!);

  return {
    order: orderKeys,
    waves: groupWaves(g, level),
    ready: readyKeys(a),
    blocked: blockedIssues(a),
    readyRanking,
    criticalPath: { keys: cpm.path.map((v) => keys[v]!), lengthDays: roundDays(cpm.lengthDays) },
    schedule,
    progress: a.progress,
    ...(a.redundant === null ? {} : { redundantEdges: redundantEdges(keys, a.redundant) }),
    assumptions: assumptions(a),
  };
}

function redundantEdges(keys: string[], pairs: Int32Array): DependencyEdge[] {
  const edges: DependencyEdge[] = new Array(pairs.length >> 1);
  for (let i = 0; i < pairs.length; i += 2)
    edges[i >> 1] = { issue: keys[pairs[i]!]!, blockedBy: keys[pairs[i + 1]!]! };
  return edges;
}

function readyKeys({ graph, level }: PlanAnalysis): string[] {
  const ready: string[] = [];
  for (let v = 0; v < graph.n; v++) if (level[v] === 0) ready.push(graph.keys[v]!);
  return ready;
}

/** The blocked issues in key order; issues that share a run of root blockers share its array too. */
function blockedIssues({ graph, level, roots }: PlanAnalysis): BlockedIssue[] {
  const { n, keys, blockersStart, blockersAdj } = graph;
  const { start, end, owner, pool } = roots;
  const blocked: BlockedIssue[] = [];
  // arrayOf[owner[v]] is the run's array plus one, once made (a long chain under many roots stays linear).
  const arrays: string[][] = [];
  const arrayOf = new Int32Array(n);
  for (let v = 0; v < n; v++) {
    if (level[v]! <= 0) continue;
    const blockedBy: string[] = [];
    for (let k = blockersStart[v]!; k < blockersStart[v + 1]!; k++) {
      const u = blockersAdj[k]!;
      if (level[u]! >= 0) blockedBy.push(keys[u]!);
    }
    const o = owner[v]!;
    let rootBlockers: string[];
    if (arrayOf[o] !== 0) rootBlockers = arrays[arrayOf[o]! - 1]!;
    else {
      rootBlockers = new Array<string>(end[v]! - start[v]!);
      for (let r = start[v]!, j = 0; r < end[v]!; r++, j++) rootBlockers[j] = keys[pool[r]!]!;
      arrays.push(rootBlockers);
      arrayOf[o] = arrays.length;
    }
    blocked.push({ key: keys[v]!, blockedBy, rootBlockers });
  }
  return blocked;
}

function assumptions({ graph, assumptions: pairs }: PlanAnalysis): Assumption[] {
  const { keys, status, blockersStart, blockersAdj, defaultEstimateDays } = graph;
  const out: Assumption[] = new Array(pairs.length >> 1);
  for (let i = 0; i < pairs.length; i += 2) {
    const v = pairs[i]!;
    if (pairs[i + 1] === DEFAULT_ESTIMATE) {
      out[i >> 1] = { kind: 'default-estimate', key: keys[v]!, estimateDays: defaultEstimateDays };
      continue;
    }
    const openBlockers: string[] = [];
    for (let k = blockersStart[v]!; k < blockersStart[v + 1]!; k++) {
      const u = blockersAdj[k]!;
      if (status[u]! < FIRST_FINISHED) openBlockers.push(keys[u]!);
    }
    out[i >> 1] = { kind: 'finished-with-open-blockers', key: keys[v]!, openBlockers };
  }
  return out;
}
