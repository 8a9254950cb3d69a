// The plan of a project: every analysis of src/domain/plan over one PlanGraph, assembled into the
// document the API serves. Pure: plain data in, plain data out.

import { InvalidInputError } from '../errors.js';
import { dependencyCycleMessage, findCycles } from '../graph/find-cycles.js';
import { ISSUE_PRIORITIES } from '../model.js';
import { assertKnownIssueKeys } from '../unknown-issue-keys.js';
import { criticalPath } from './critical-path.js';
import { buildPlanGraph, FIRST_FINISHED, NO_PRIORITY, type PlanGraph, WONT_DO } from './plan-graph.js';
import { progress } from './progress.js';
import { rankReady } from './ready-ranking.js';
import { readySet } from './ready-set.js';
import { topologicalOrder } from './topological-order.js';
import { redundantEdges } from './transitive-reduction.js';
import type { Assumption, DependencyEdge, IssuePriority, Plan, PlanInput, ScheduleEntry } from './types.js';
import { groupWaves, openWaveLevels } from './waves.js';

/** The plan; InvalidInputError (with every problem) when the input is inconsistent or cyclic. */
export function computePlan(input: PlanInput): Plan {
  const g = buildPlanGraph(input);
  const order = orderOrThrow(g, input);

  const level = openWaveLevels(g, order);
  const { ready, blocked } = readySet(g, order, level);
  const cpm = criticalPath(g, order);

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
    const earliestStart = round(es[v]!);
    const latestStart = round(ls[v]!);
    schedule[key] = {
      earliestStart,
      earliestFinish: round(ef[v]!),
      latestStart,
      latestFinish: round(lf[v]!),
      slack: round(latestStart - earliestStart),
    };
  }

  const pairs = redundantEdges(g);
  const redundant: DependencyEdge[] = new Array(pairs.length >> 1);
  for (let i = 0; i < pairs.length; i += 2)
    redundant[i >> 1] = { issue: keys[pairs[i]!]!, blockedBy: keys[pairs[i + 1]!]! };

  return {
    order: orderKeys,
    waves: groupWaves(g, level),
    ready,
    blocked,
    readyRanking: rankReady({ ready, blocked, schedule, ...rankingFigures(g, level) }),
    criticalPath: { keys: cpm.path.map((v) => keys[v]!), lengthDays: round(cpm.lengthDays) },
    schedule,
    progress: progress(g),
    redundantEdges: redundant,
    assumptions: assumptions(g),
  };
}

/** The plan with the given issues taken as done; InvalidInputError naming unknown keys. */
export function computeWhatIf(input: PlanInput, done: string[]): Plan {
  return computePlan(takenAsDone(input, done));
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

/** The ready issues' priorities and the blocked issues' estimates, both in key order as readySet lists them. */
function rankingFigures(g: PlanGraph, level: Int32Array) {
  const readyPriority: (IssuePriority | null)[] = [];
  const blockedEstimateDays: number[] = [];
  for (let v = 0; v < g.n; v++) {
    if (level[v] === 0) {
      const code = g.priority[v]!;
      readyPriority.push(code === NO_PRIORITY ? null : ISSUE_PRIORITIES[code]!);
    } else if (level[v]! > 0) blockedEstimateDays.push(g.duration[v]!);
  }
  return { readyPriority, blockedEstimateDays };
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

function assumptions(g: PlanGraph): Assumption[] {
  const { n, keys, status, defaulted, blockersStart, blockersAdj, defaultEstimateDays } = g;
  const out: Assumption[] = [];
  for (let v = 0; v < n; v++) {
    // A wont_do issue's estimate is used nowhere, so its absence assumes nothing.
    if (defaulted[v] === 1 && status[v] !== WONT_DO) {
      out.push({ kind: 'default-estimate', key: keys[v]!, estimateDays: defaultEstimateDays });
    }
    if (status[v]! < FIRST_FINISHED) continue;
    let openBlockers: string[] | undefined;
    for (let k = blockersStart[v]!; k < blockersStart[v + 1]!; k++) {
      const u = blockersAdj[k]!;
      if (status[u]! >= FIRST_FINISHED) continue;
      openBlockers ??= [];
      openBlockers.push(keys[u]!);
    }
    if (openBlockers !== undefined)
      out.push({ kind: 'finished-with-open-blockers', key: keys[v]!, openBlockers });
  }
  return out;
}

/** Six decimals: hides binary noise (0.1 + 0.2) without hiding any estimate a person would write. */
function round(x: number): number {
  return Math.round(x * 1e6) / 1e6;
}
