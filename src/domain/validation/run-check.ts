// One check under one layout, on the real simulator: the program runs concurrently in every interpreter
// of the setting (runtime-sim's scenarioForCheck), seeded, so equal input gives equal violations.
import { type Op, type Placement, runScenario, scenarioForCheck } from '../../runtime-sim/index.js';
import type { CheckJob, Layout, SimCheck } from './input.js';
import type { ValidationViolation } from './types.js';

export function runCheck(
  layout: Layout,
  check: SimCheck,
  setting: CheckJob['setting'],
): ValidationViolation[] {
  // Input was checked against the catalog before (validateProject, validationInputProblems): the casts only restate that.
  const scenario = scenarioForCheck({
    name: check.name,
    program: check.program as Op[],
    layout: layout as Record<string, Placement>,
    setting,
  });
  const report = runScenario(scenario, { timing: false });
  return report.violations.map((v) => ({
    kind: v.kind,
    component: v.component,
    interpreters: v.interpreters,
    steps: v.steps,
    message: v.message,
    ...(v.exception !== undefined ? { exception: v.exception } : {}),
    count: v.count,
    check: check.name,
  }));
}

/** Every check of every job, in this thread. */
export function runJobs(jobs: readonly CheckJob[]): ValidationViolation[][][] {
  return jobs.map((job) => job.checks.map((check) => runCheck(job.layout, check, job.setting)));
}
