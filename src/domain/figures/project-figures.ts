// A project in a few numbers, for what shows it outside isoplan (Prometheus gauges, README badges):
// from its plan (and the input the plan was computed from) and from its latest validation run. Pure.
import {
  DEFAULT_ESTIMATE_DAYS,
  type IssueStatus,
  type Plan,
  type PlanInput,
  type StatusCounts,
} from '../plan/types.js';
import type { ValidationRun, Verdict } from '../validation/types.js';

export interface PlanFigures {
  issues: StatusCounts;
  /** Days of work by status, the project's default estimate applied to unestimated issues. */
  estimateDays: Record<IssueStatus, number>;
  ready: number;
  blocked: number;
  criticalPathDays: number;
  /** Finished issues over all issues (0..1); null without issues. */
  progressByCount: number | null;
  /** Done estimate over the estimate of every issue but wont_do ones (0..1); null when that is 0. */
  progressByEstimate: number | null;
}

export interface ValidationFigures {
  verdicts: Record<Verdict, number>;
  /** Violations the run found, by where: the issues' checks and the goal's checks. */
  violations: { issues: number; goal: number };
  goalHolds: boolean;
}

/** How many issues of a run got each verdict. */
export function countVerdicts(issues: ValidationRun['issues']): Record<Verdict, number> {
  const verdicts = { verified: 0, failing: 0, untested: 0 };
  for (const issue of issues) verdicts[issue.verdict]++;
  return verdicts;
}

export function planFigures(input: PlanInput, plan: Plan): PlanFigures {
  const defaultDays = input.defaultEstimateDays ?? DEFAULT_ESTIMATE_DAYS;
  const estimateDays = { open: 0, in_progress: 0, done: 0, wont_do: 0 };
  for (const issue of input.issues) estimateDays[issue.status] += issue.estimateDays ?? defaultDays;
  const summary = plan.progress.project;
  return {
    issues: { ...summary.counts },
    estimateDays,
    ready: plan.ready.length,
    blocked: plan.blocked.length,
    criticalPathDays: plan.criticalPath.lengthDays,
    progressByCount: summary.total === 0 ? null : summary.finished / summary.total,
    progressByEstimate:
      summary.estimateDays === 0 ? null : summary.finishedEstimateDays / summary.estimateDays,
  };
}

export function validationFigures(run: ValidationRun): ValidationFigures {
  let issues = 0;
  for (const issue of run.issues) issues += issue.violations.length;
  return {
    verdicts: countVerdicts(run.issues),
    violations: { issues, goal: run.goal.violations.length },
    goalHolds: run.goal.holds,
  };
}
