// Validation's first phase: every tested issue's checks under its layout, and the goal now and once
// everything is done, in one batch.
import type { CheckCache } from './check-cache.js';
import type { ProjectLayouts } from './layouts.js';
import type { ValidationViolation } from './types.js';
import type { ValidationGraph } from './validation-graph.js';

export interface CheckRuns {
  /** Ids of the issues whose checks ran, ascending. */
  tested: number[];
  /** By tested id, the violations of each of its checks. */
  violationsOf: Map<number, ValidationViolation[][]>;
  /** The goal's checks under the current layout. */
  goalNow: ValidationViolation[][];
  /** The goal's checks once every open issue is done too. */
  goalAllDone: ValidationViolation[][];
}

export async function runEveryCheck(
  graph: ValidationGraph,
  layouts: ProjectLayouts,
  cache: CheckCache,
): Promise<CheckRuns> {
  const tested = [...layouts.byIssue.keys()].filter((v) => layouts.byIssue[v] !== null);
  const answers = await cache.run([
    ...tested.map((v) => ({ layout: layouts.byIssue[v]!, checks: graph.checks[v]! })),
    { layout: layouts.current, checks: graph.goalChecks },
    { layout: layouts.allDone, checks: graph.goalChecks },
  ]);
  const violationsOf = new Map<number, ValidationViolation[][]>();
  tested.forEach((v, k) => {
    violationsOf.set(v, answers[k]!);
  });
  return {
    tested,
    violationsOf,
    goalNow: answers[tested.length]!,
    goalAllDone: answers[tested.length + 1]!,
  };
}
