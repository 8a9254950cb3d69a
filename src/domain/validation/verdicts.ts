// From the runs and the fixes found to what a validation reports: a verdict per issue, the missing
// dependencies, and whether the goal holds.

import { type Fixers, GOAL } from './candidate-fixes.js';
import type { CheckRuns } from './check-runs.js';
import type { GoalValidation, IssueValidation, MissingDependency } from './types.js';
import { isDone, type ValidationGraph, waitsFor } from './validation-graph.js';

export interface IssueVerdicts {
  /** Every issue, in key order. */
  issues: IssueValidation[];
  missingDependencies: MissingDependency[];
}

/**
 * Each issue's verdict and fixers (in key order). A fixer that is not a transitive blocker is a missing
 * dependency, marked `closesCycle` when it already waits for the issue.
 */
export function issueVerdicts(graph: ValidationGraph, runs: CheckRuns, fixers: Fixers): IssueVerdicts {
  const { keys, checks } = graph;
  const issues: IssueValidation[] = [];
  const missingDependencies: MissingDependency[] = [];
  for (let v = 0; v < keys.length; v++) {
    const key = keys[v]!;
    const perCheck = runs.violationsOf.get(v);
    const violations = perCheck ? perCheck.flat() : [];
    // Ids follow key order.
    const found = (fixers.get(v) ?? []).sort((a, b) => a.candidate - b.candidate);
    issues.push({
      key,
      status: graph.issues[v]!.status,
      verdict: perCheck === undefined ? 'untested' : violations.length > 0 ? 'failing' : 'verified',
      checks: perCheck === undefined ? [] : checks[v]!.map((c) => c.name),
      violations,
      regression: isDone(graph, v) && violations.length > 0,
      fixedBy: found.map((f) => keys[f.candidate]!),
    });
    for (const f of found) {
      if (waitsFor(graph, v, f.candidate)) continue; // an open blocker of a finished issue: a regression only
      missingDependencies.push({
        issue: key,
        shouldBeBlockedBy: keys[f.candidate]!,
        because: f.removes,
        ...(waitsFor(graph, f.candidate, v) ? { closesCycle: true } : {}),
      });
    }
  }
  return { issues, missingDependencies };
}

/** The goal now, the open issues that fix it (in key order), and whether it holds once all is done. */
export function goalVerdict(graph: ValidationGraph, runs: CheckRuns, fixers: Fixers): GoalValidation {
  const violations = runs.goalNow.flat();
  const fixing = (fixers.get(GOAL) ?? []).map((f) => f.candidate).sort((a, b) => a - b);
  return {
    holds: violations.length === 0,
    violations,
    openIssuesThatFix: fixing.map((u) => graph.keys[u]!),
    holdsWhenAllDone: runs.goalAllDone.every((vs) => vs.length === 0),
  };
}
