// The dashboard's component-by-placement matrix of a validation.
import { exercisedComponents, getCatalog, getComponent } from '../../runtime-sim/index.js';
import type { CheckRuns } from './check-runs.js';
import type { SimCheck } from './input.js';
import type { ProjectLayouts } from './layouts.js';
import type { ComponentPlacement, ValidationViolation } from './types.js';
import { isDone, type ValidationGraph } from './validation-graph.js';

/**
 * Rows for the components any issue claims, any check exercises or any violation names, in catalog
 * order. `verified` looks at the runs under the current layout only: the goal's and finished issues'.
 */
export function componentMatrix(
  graph: ValidationGraph,
  runs: CheckRuns,
  layouts: ProjectLayouts,
): ComponentPlacement[] {
  const ids = new Set<string>();
  for (const issue of graph.issues) for (const c of issue.claims) ids.add(c.component);
  const verified = new Map<string, boolean>();
  const observe = (check: SimCheck, violations: ValidationViolation[]) => {
    const bad = new Set(violations.map((v) => v.component));
    for (const id of [...exercisedComponents(check.program), ...bad]) {
      ids.add(id);
      verified.set(id, (verified.get(id) ?? true) && !bad.has(id));
    }
  };
  for (const [v, perCheck] of runs.violationsOf) {
    const checks = graph.checks[v]!;
    if (isDone(graph, v)) {
      checks.forEach((c, i) => {
        observe(c, perCheck[i]!);
      });
    } else for (const c of checks) for (const id of exercisedComponents(c.program)) ids.add(id);
  }
  graph.goalChecks.forEach((c, i) => {
    observe(c, runs.goalNow[i]!);
  });
  for (const perCheck of runs.violationsOf.values()) for (const v of perCheck.flat()) ids.add(v.component);

  const rank = new Map(getCatalog().components.map((c, i) => [c.id, i]));
  return [...ids]
    .filter((id) => getComponent(id) !== undefined)
    .sort((a, b) => rank.get(a)! - rank.get(b)!)
    .map((id) => ({
      component: id,
      initial: getComponent(id)!.placement38,
      claimed: layouts.current[id] ?? null,
      claimedBy: layouts.claimedBy.get(id) ?? null,
      verified: verified.get(id) ?? null,
    }));
}
