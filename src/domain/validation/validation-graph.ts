// What validation needs of the project's dependencies, built on the planner's graph (src/domain/plan):
// issues by integer id in key order, the order claims apply in, and every issue's transitive blockers.
import { buildPlanGraph, DONE, FIRST_FINISHED, type PlanGraph, WONT_DO } from '../plan/plan-graph.js';
import { topologicalOrderCyclesLast } from '../plan/topological-order.js';
import {
  hasTransitiveBlocker,
  type TransitiveClosure,
  transitiveClosure,
} from '../plan/transitive-closure.js';
import { resolveCheck } from './catalog-checks.js';
import type { SimCheck, ValidationInput, ValidationIssueInput } from './input.js';

export interface ValidationGraph {
  /** The planner's graph of the input: ids in key order, status codes, blocked-by rows. */
  plan: PlanGraph;
  /** Keys by id (sorted). */
  keys: string[];
  /** The input's issues by id. */
  issues: ValidationIssueInput[];
  /** Each issue's checks resolved to programs, by id. */
  checks: SimCheck[][];
  goalChecks: SimCheck[];
  /** Every id, blockers first, ties by key; issues on or downstream of a cycle follow in key order. */
  order: Int32Array;
  closure: TransitiveClosure;
}

/**
 * The input's graph. Edges naming an unknown issue, self edges and repeated edges are left out: the
 * input comes from the store, where none can exist, and validation answers for any graph it is given.
 */
export function validationGraph(input: ValidationInput): ValidationGraph {
  const known = new Set(input.issues.map((i) => i.key));
  const plan = buildPlanGraph({
    issues: input.issues.map((i) => ({ key: i.key, status: i.status, estimateDays: null, parent: null })),
    edges: input.edges.filter((e) => e.issue !== e.blockedBy && known.has(e.issue) && known.has(e.blockedBy)),
  });
  const byKey = new Map(input.issues.map((i) => [i.key, i]));
  const issues = plan.keys.map((k) => byKey.get(k)!);
  const order = topologicalOrderCyclesLast(plan);
  return {
    plan,
    keys: plan.keys,
    issues,
    checks: issues.map((i) => i.checks.map(resolveCheck)),
    goalChecks: input.goal.map(resolveCheck),
    order,
    closure: transitiveClosure(plan, order),
  };
}

/** Not finished: `open` or `in_progress` (the planner's rule). */
export const isOpen = (graph: ValidationGraph, v: number) => graph.plan.status[v]! < FIRST_FINISHED;
export const isDone = (graph: ValidationGraph, v: number) => graph.plan.status[v] === DONE;
export const isWontDo = (graph: ValidationGraph, v: number) => graph.plan.status[v] === WONT_DO;

/** Whether `u` is among the transitive blockers of `v`. */
export const waitsFor = (graph: ValidationGraph, v: number, u: number) =>
  hasTransitiveBlocker(graph.closure, v, u);
