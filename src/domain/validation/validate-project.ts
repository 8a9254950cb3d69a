/**
 * Validate a project against the simulator
 * ========================================
 *
 * - The current layout: the catalog's starting placements (CPython 3.8's) plus the claims of `done`
 *   issues. `wont_do` claims never apply (the change never happened), and `wont_do` issues are neither
 *   run nor offered as fixes.
 * - Claims apply finished issues first, then open ones, each group in topological order (blockers
 *   first, ties by key): a later change overrides an earlier one (small ints: per-interpreter in 3.9,
 *   immortal in 3.12).
 * - An open issue's checks run under the current layout plus the claims of its open transitive
 *   blockers plus its own: what will hold once it and what it waits for land. A finished issue's
 *   checks run under the current layout (what holds now); failing, it is a regression.
 * - For a failing issue, each open issue outside its layout whose claims name a component of its
 *   violations is re-run with those claims added: it fixes the issue when a violation disappears.
 *   A fixer that is not a transitive blocker is a missing dependency.
 * - The goal runs under the current layout; open issues that fix its violations are found likewise.
 *
 * Runs are batched by phase (all issues, then all candidate fixes) so that a worker pool can run them
 * in parallel, and cached per (layout, program, setting) within the validation.
 *
 * The steps, one file each: validation-graph.ts (the planner's graph, order and transitive closure),
 * layouts.ts, check-runs.ts (phase 1), candidate-fixes.ts (phase 2), verdicts.ts, component-matrix.ts.
 *
 * Complexity: O(V·E/32) for the transitive closure (bitsets, plan/transitive-closure.ts), plus the
 * simulator runs: one per check of each issue, plus one per (failing check, candidate fix).
 */

import { DEFAULT_SETTING } from '../../runtime-sim/index.js';
import type { InvalidItem } from '../errors.js';
import { findFixers } from './candidate-fixes.js';
import { assertNoProblems } from './catalog-checks.js';
import { CheckCache } from './check-cache.js';
import { runEveryCheck } from './check-runs.js';
import { componentMatrix } from './component-matrix.js';
import type { CheckRunner, ValidationInput } from './input.js';
import { projectLayouts } from './layouts.js';
import { projectCatalogProblems } from './project-catalog-problems.js';
import type { ValidationRun } from './types.js';
import { validationGraph } from './validation-graph.js';
import { goalVerdict, issueVerdicts } from './verdicts.js';

/** A validation's result, before the service gives it an id, a revision, a time and a fingerprint. */
export type ValidationResult = Pick<
  ValidationRun,
  'issues' | 'missingDependencies' | 'regressions' | 'goal' | 'components'
>;

/** Every problem of the input's claims, checks and goal against the catalog (paths by issue key). */
export function validationInputProblems(input: ValidationInput): InvalidItem[] {
  return projectCatalogProblems(input.issues, input.goal, {
    issue: (_, key) => `issues.${key}`,
    goal: 'goal',
  });
}

/** Validates the project (see the banner). InvalidInputError when a claim, check or goal is invalid. */
export async function validateProject(
  input: ValidationInput,
  runner: CheckRunner,
): Promise<ValidationResult> {
  assertNoProblems(validationInputProblems(input), 'the project cannot be validated');
  const graph = validationGraph(input);
  const layouts = projectLayouts(graph);
  const cache = new CheckCache(runner, input.setting ?? DEFAULT_SETTING);
  const runs = await runEveryCheck(graph, layouts, cache);
  const fixers = await findFixers(graph, layouts, runs, cache);
  const { issues, missingDependencies } = issueVerdicts(graph, runs, fixers);
  return {
    issues,
    missingDependencies,
    regressions: issues.filter((r) => r.regression).map((r) => r.key),
    goal: goalVerdict(graph, runs, fixers),
    components: componentMatrix(graph, runs, layouts),
  };
}
