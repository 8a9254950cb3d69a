// One check under one layout, on the real simulator: the program runs concurrently in every interpreter
// of the setting (runtime-sim's scenarioForCheck), seeded, so equal input gives equal violations.
import {
  estimateCost,
  type Op,
  type Placement,
  runScenario,
  type Scenario,
  scenarioForCheck,
} from '../../runtime-sim/index.js';
import type { CheckJob, Layout, SimCheck } from './input.js';
import type { ValidationViolation } from './types.js';

/** The scenario a check runs as under a layout. */
function checkScenario(layout: Layout, check: SimCheck, setting: CheckJob['setting']): Scenario {
  // Input was checked against the catalog before (validateProject, validationInputProblems): the casts only restate that.
  return scenarioForCheck({
    name: check.name,
    program: check.program as Op[],
    layout: layout as Record<string, Placement>,
    setting,
  });
}

export function runCheck(
  layout: Layout,
  check: SimCheck,
  setting: CheckJob['setting'],
): ValidationViolation[] {
  const report = runScenario(checkScenario(layout, check, setting), { timing: false });
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

/** What running every check of every job will cost, in the simulator's units (estimateCost). */
export function jobsCost(jobs: readonly CheckJob[]): number {
  let cost = 0;
  for (const job of jobs)
    for (const check of job.checks) cost += estimateCost(checkScenario(job.layout, check, job.setting));
  return cost;
}

/** Every check of every job, in this thread. */
export function runJobs(jobs: readonly CheckJob[]): ValidationViolation[][][] {
  return jobs.map((job) => job.checks.map((check) => runCheck(job.layout, check, job.setting)));
}
