// The plan of a project: every analysis of src/domain/plan over one PlanGraph. `analyzePlan` keeps the
// answers in typed arrays over issue ids (what every analysis computes, and all that a caller pays for
// until it asks for a form); `computePlan` is the document the API serves (plan-document.ts), and
// plan-json.ts writes the same document as JSON text straight from the analysis, in chunks.
// Pure: plain data in, plain data out.

import { InvalidInputError } from '../errors.js';
import { dependencyCycleMessage, findCycles } from '../graph/find-cycles.js';
import { assertKnownIssueKeys } from '../unknown-issue-keys.js';
import { assumptionsOf } from './assumptions.js';
import { criticalPath, type Schedule } from './critical-path.js';
import { planDocument } from './plan-document.js';
import { buildPlanGraph, type PlanGraph } from './plan-graph.js';
import { progress } from './progress.js';
import { type ReadyRanking, rankReady } from './ready-ranking.js';
import { type RootBlockers, readySet } from './ready-set.js';
import { topologicalOrder } from './topological-order.js';
import { redundantEdges } from './transitive-reduction.js';
import type { Plan, PlanInput, Progress } from './types.js';

/** Every answer of the plan over issue ids; the forms a caller sees are rendered from it. */
export interface PlanAnalysis {
  graph: PlanGraph;
  /** Every issue, each blocker first, ties broken by key (topological-order.ts). */
  order: Int32Array;
  /** Wave of each open issue, -1 for finished ones: 0 is ready, above 0 blocked (waves.ts, ready-set.ts). */
  level: Int32Array;
  roots: RootBlockers;
  schedule: Schedule;
  ranking: ReadyRanking;
  progress: Progress;
  /** Redundant edges as (issue, blocker) id pairs (transitive-reduction.ts); null unless asked for. */
  redundant: Int32Array | null;
  /** (issue id, kind) pairs (assumptions.ts). */
  assumptions: Int32Array;
}

export interface PlanOptions {
  /**
   * Also find the redundant edges. On request only: the search is O(V * E) in the worst case (graphs whose
   * dependencies span the whole project: a uniform random 100k-issue graph takes ten times the rest of
   * the plan), where everything else the plan computes is linear.
   */
  redundantEdges?: boolean;
}

/** The plan's answers; InvalidInputError (with every problem) when the input is inconsistent or cyclic. */
export function analyzePlan(input: PlanInput, options: PlanOptions = {}): PlanAnalysis {
  const graph = buildPlanGraph(input);
  const order = orderOrThrow(graph, input);
  const { level, roots } = readySet(graph, order);
  const schedule = criticalPath(graph, order);
  const analysis: PlanAnalysis = {
    graph,
    order,
    level,
    roots,
    schedule,
    ranking: rankReady(graph, level, roots, schedule),
    progress: progress(graph),
    redundant: null,
    assumptions: assumptionsOf(graph),
  };
  return options.redundantEdges === true ? withRedundantEdges(analysis) : analysis;
}

/** The analysis with its redundant edges found (the one given is left as it is). */
export function withRedundantEdges(analysis: PlanAnalysis): PlanAnalysis {
  return analysis.redundant !== null ? analysis : { ...analysis, redundant: redundantEdges(analysis.graph) };
}

/** The plan; InvalidInputError (with every problem) when the input is inconsistent or cyclic. */
export function computePlan(input: PlanInput, options: PlanOptions = {}): Plan {
  return planDocument(analyzePlan(input, options));
}

/** The plan with the given issues taken as done; InvalidInputError naming unknown keys. */
export function computeWhatIf(input: PlanInput, done: string[], options: PlanOptions = {}): Plan {
  return planDocument(analyzeWhatIf(input, done, options));
}

/** The analysis of the plan with the given issues taken as done; InvalidInputError naming unknown keys. */
export function analyzeWhatIf(input: PlanInput, done: string[], options: PlanOptions = {}): PlanAnalysis {
  return analyzePlan(takenAsDone(input, done), options);
}

/** The input with the given issues' status set to done (the forecast's what-if too); InvalidInputError naming unknown keys. */
export function takenAsDone<T extends PlanInput>(input: T, done: readonly string[]): T {
  const known = new Set<string>();
  for (const issue of input.issues) known.add(issue.key);
  assertKnownIssueKeys(done, (key) => known.has(key), 'done');
  const asDone = new Set(done);
  const issues = input.issues.map((issue) =>
    asDone.has(issue.key) && issue.status !== 'done' ? { ...issue, status: 'done' as const } : issue,
  );
  return { ...input, issues };
}

/** Kahn's order, or InvalidInputError listing every cycle of the input. */
export function orderOrThrow(g: PlanGraph, input: PlanInput): Int32Array {
  const order = topologicalOrder(g);
  if (order !== null) return order;
  const cycles = findCycles(g.keys, input.edges);
  throw new InvalidInputError(
    `the dependencies contain ${cycles.length} cycle(s)`,
    cycles.map((cycle) => ({ path: 'edges', message: dependencyCycleMessage(cycle) })),
    { cycles },
  );
}
