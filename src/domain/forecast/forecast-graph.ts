/**
 * Forecast graph
 * ==============
 *
 * The forecast's internal form of a ForecastInput, built once per project and
 * shared by the levelled schedule, every Monte Carlo trial and the ranking of
 * what to do next. It stands on the planner's: the plan graph, its
 * topological order and its critical path method over the most likely
 * estimates (unlimited people), all from src/domain/plan.
 *
 * The open issues are renumbered by priority rank, the order in which the
 * levelled scheduler prefers them: in-progress issues first (someone already
 * works on them), then the smallest latest start of the unlimited CPM (least
 * slack first), then the smallest earliest start, then the key. A smaller rank
 * is the more urgent issue, so the scheduler's ready queues hold ranks and
 * compare integers. The edges between open issues are kept as compressed rows
 * by rank ("u blocks w"), with each open issue's count of open blockers;
 * finished issues take no time and hold nothing, as in the plan.
 *
 * Complexity: the planner's O(V + E) graph, order and CPM, plus O(V log V)
 * for the rank sort; memory about 50 bytes per open issue and 4 per edge.
 *
 * Every problem of the input is collected and thrown at once as an
 * InvalidInputError (the planner's, then the ranges).
 */

import { InvalidInputError, type InvalidItem } from '../errors.js';
import { estimateRangeProblems } from '../estimate-range.js';
import { orderOrThrow } from '../plan/compute-plan.js';
import { criticalPath, type Schedule } from '../plan/critical-path.js';
import { buildPlanGraph, FIRST_FINISHED, IN_PROGRESS, type PlanGraph } from '../plan/plan-graph.js';
import type { ForecastInput } from './types.js';

export interface ForecastGraph {
  plan: PlanGraph;
  order: Int32Array;
  /** The plan's CPM over the most likely estimates (plan ids). */
  cpm: Schedule;
  /** Number of open issues; they are ranked 0 .. open - 1. */
  open: number;
  /** Plan id of each rank. */
  idOfRank: Int32Array;
  /** Rank of each plan id; -1 for finished issues. */
  rankOf: Int32Array;
  /** blocksAdj[blocksStart[r] .. blocksStart[r + 1]) are the ranks of the open issues rank r blocks. */
  blocksStart: Int32Array;
  blocksAdj: Int32Array;
  /** Open blockers of each rank. */
  openBlockers: Int32Array;
  /** Estimates by rank: low ≤ likely ≤ high (equal where no range is given). */
  low: Float64Array;
  likely: Float64Array;
  high: Float64Array;
  /** Assignee by rank, null for anyone. */
  assignee: (string | null)[];
}

export function buildForecastGraph(input: ForecastInput): ForecastGraph {
  const plan = buildPlanGraph(input);
  const order = orderOrThrow(plan, input);
  const cpm = criticalPath(plan, order);
  const { n, status, duration, idOfInput } = plan;

  // Per plan id first, with the range problems of every issue, finished or not.
  const low = Float64Array.from(duration);
  const high = Float64Array.from(duration);
  const assigneeOf = new Array<string | null>(n).fill(null);
  const errors: InvalidItem[] = [];
  input.issues.forEach((issue, i) => {
    const v = idOfInput[i]!;
    const range = {
      estimateDays: issue.estimateDays,
      estimateLowDays: issue.estimateLowDays ?? null,
      estimateHighDays: issue.estimateHighDays ?? null,
    };
    const problems = estimateRangeProblems(range, `issues[${i}].`);
    if (problems.length > 0) errors.push(...problems);
    else {
      if (range.estimateLowDays !== null) low[v] = range.estimateLowDays;
      if (range.estimateHighDays !== null) high[v] = range.estimateHighDays;
    }
    if (issue.assignee !== null && issue.assignee !== undefined) assigneeOf[v] = issue.assignee;
  });
  if (errors.length > 0)
    throw new InvalidInputError(`the forecast input has ${errors.length} problem(s)`, errors);

  const idOfRank = rankOpenIssues(plan, cpm);
  const open = idOfRank.length;
  const rankOf = new Int32Array(n).fill(-1);
  for (let r = 0; r < open; r++) rankOf[idOfRank[r]!] = r;

  // Rows by rank of the open issues each open issue blocks (in plan id order: no answer depends on the
  // order within a row), and the open blockers counts.
  const { blocksStart: planStart, blocksAdj: planAdj } = plan;
  const blocksStart = new Int32Array(open + 1);
  const openBlockers = new Int32Array(open);
  for (let r = 0; r < open; r++) {
    const u = idOfRank[r]!;
    let count = 0;
    for (let k = planStart[u]!; k < planStart[u + 1]!; k++) {
      const w = planAdj[k]!;
      if (status[w]! < FIRST_FINISHED) {
        count++;
        openBlockers[rankOf[w]!]!++;
      }
    }
    blocksStart[r + 1] = blocksStart[r]! + count;
  }
  const blocksAdj = new Int32Array(blocksStart[open]!);
  for (let r = 0; r < open; r++) {
    const u = idOfRank[r]!;
    let at = blocksStart[r]!;
    for (let k = planStart[u]!; k < planStart[u + 1]!; k++) {
      const w = planAdj[k]!;
      if (status[w]! < FIRST_FINISHED) blocksAdj[at++] = rankOf[w]!;
    }
  }

  const byRank = (values: Float64Array) => Float64Array.from(idOfRank, (v) => values[v]!);
  return {
    plan,
    order,
    cpm,
    open,
    idOfRank,
    rankOf,
    blocksStart,
    blocksAdj,
    openBlockers,
    low: byRank(low),
    likely: byRank(duration),
    high: byRank(high),
    assignee: Array.from(idOfRank, (v) => assigneeOf[v]!),
  };
}

/** Open plan ids by priority rank: in progress first, then latest start, earliest start, id (= key). */
function rankOpenIssues(plan: PlanGraph, cpm: Schedule): Int32Array {
  const { n, status } = plan;
  let open = 0;
  for (let v = 0; v < n; v++) if (status[v]! < FIRST_FINISHED) open++;
  const ids = new Int32Array(open);
  for (let v = 0, r = 0; v < n; v++) if (status[v]! < FIRST_FINISHED) ids[r++] = v;
  // Six decimals, as the plan shows them: binary noise must not decide between equal starts.
  const ls = Float64Array.from(cpm.latestStart, clean);
  const es = Float64Array.from(cpm.earliestStart, clean);
  return ids.sort((a, b) => {
    const started = (status[b] === IN_PROGRESS ? 1 : 0) - (status[a] === IN_PROGRESS ? 1 : 0);
    if (started !== 0) return started;
    return ls[a]! - ls[b]! || es[a]! - es[b]! || a - b;
  });
}

function clean(x: number): number {
  return Math.round(x * 1e6) / 1e6;
}
