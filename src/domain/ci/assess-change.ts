// assessChange: the CI verdict over a change that marks some issues done, from two validation runs of
// the same project: `before` (its current state) and `after` (the same computation with the marked
// issues taken as done). O(issues + violations + missing dependencies).
//
// The conclusion:
// - failure: an issue the change marks done fails its checks under the layout with the change applied,
//   or the change creates a regression (a finished issue whose checks ran clean before and fail after);
// - neutral: otherwise, when nothing the change marks done has checks (nothing to confirm);
// - success: otherwise.
// Missing dependencies, regressions already present before, and open issues the change breaks are
// warnings: reported, never held against the change.
import { assertKnownIssueKeys } from '../unknown-issue-keys.js';
import type { IssueValidation, MissingDependency, ValidationRun } from '../validation/types.js';
import type { ChangeAssessment, ChangeRegression, CheckConclusion, MarkedIssue } from './types.js';

export interface AssessChangeInput {
  project: string;
  /** Keys the change marks done (duplicates are ignored). */
  done: readonly string[];
  before: ValidationRun;
  after: ValidationRun;
  /** Issue titles by key, for readable output. */
  titles?: ReadonlyMap<string, string>;
}

const edgeId = (m: MissingDependency) => `${m.issue}\u0000${m.shouldBeBlockedBy}`;

export function assessChange(input: AssessChangeInput): ChangeAssessment {
  const { project, before, after } = input;
  const done = [...new Set(input.done)];
  const doneSet = new Set(done);
  const beforeByKey = new Map<string, IssueValidation>(before.issues.map((i) => [i.key, i]));
  const afterByKey = new Map<string, IssueValidation>(after.issues.map((i) => [i.key, i]));
  const title = (key: string) => input.titles?.get(key) ?? null;

  assertKnownIssueKeys(input.done, (key) => afterByKey.has(key), 'done', project);

  const marked: MarkedIssue[] = done.map((key) => {
    const v = afterByKey.get(key)!;
    return {
      key,
      title: title(key),
      verdict: v.verdict,
      checks: v.checks,
      violations: v.violations,
      fixedBy: v.fixedBy,
    };
  });

  const passedBefore = (key: string) => beforeByKey.get(key)?.verdict === 'verified';
  const asRegression = (v: IssueValidation): ChangeRegression => ({
    key: v.key,
    title: title(v.key),
    checks: v.checks,
    violations: v.violations,
  });

  const regressions: ChangeRegression[] = [];
  const knownRegressions: string[] = [];
  const newlyFailing: ChangeRegression[] = [];
  for (const v of after.issues) {
    if (doneSet.has(v.key) || v.verdict !== 'failing') continue;
    if (v.regression) {
      if (passedBefore(v.key)) regressions.push(asRegression(v));
      else knownRegressions.push(v.key);
    } else if (passedBefore(v.key)) {
      newlyFailing.push(asRegression(v));
    }
  }

  const knownEdges = new Set(before.missingDependencies.map(edgeId));
  const missingDependencies = after.missingDependencies.filter(
    (m) => doneSet.has(m.issue) || doneSet.has(m.shouldBeBlockedBy) || !knownEdges.has(edgeId(m)),
  );

  let conclusion: CheckConclusion;
  if (regressions.length > 0 || marked.some((m) => m.verdict === 'failing')) conclusion = 'failure';
  else if (marked.every((m) => m.verdict === 'untested')) conclusion = 'neutral';
  else conclusion = 'success';

  return {
    project,
    done,
    conclusion,
    marked,
    regressions,
    knownRegressions,
    newlyFailing,
    missingDependencies,
    goal: {
      heldBefore: before.goal.holds,
      holds: after.goal.holds,
      holdsWhenAllDone: after.goal.holdsWhenAllDone,
      violationsLeft: after.goal.violations.length,
      openIssuesThatFix: after.goal.openIssuesThatFix,
      // The goal's violations can be many (every workload, every interpreter pair): kept only when new.
      violations: before.goal.holds && !after.goal.holds ? after.goal.violations : [],
    },
    basis: {
      before: { id: before.id, fingerprint: before.fingerprint },
      after: { fingerprint: after.fingerprint },
    },
  };
}
