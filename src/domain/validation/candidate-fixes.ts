// Validation's second phase: which open issues fix a failing issue or the goal. A candidate is an open
// issue outside the target's layout whose claims name a component of the target's violations; it fixes
// the target when re-running the failing checks with its claims added removes a violation.
import type { CheckCache } from './check-cache.js';
import type { CheckRuns } from './check-runs.js';
import type { Layout } from './input.js';
import { applyClaims, type ProjectLayouts } from './layouts.js';
import type { ValidationViolation } from './types.js';
import { isDone, isOpen, type ValidationGraph, waitsFor } from './validation-graph.js';

/** The target id that stands for the project's goal. */
export const GOAL = -1;

export interface Fix {
  candidate: number;
  /** The target's violations that the candidate's claims remove. */
  removes: ValidationViolation[];
}

/** By target (an issue id, or GOAL), the candidates that fix it, in the order they were tried. */
export type Fixers = Map<number, Fix[]>;

interface Trial {
  target: number;
  candidate: number;
  /** Indexes of the target's failing checks that name a component the candidate claims. */
  failing: number[];
  before: ValidationViolation[][];
}

export async function findFixers(
  graph: ValidationGraph,
  layouts: ProjectLayouts,
  runs: CheckRuns,
  cache: CheckCache,
): Promise<Fixers> {
  const trials = [
    ...runs.tested.flatMap((v) => plannedTrials(graph, v, runs.violationsOf.get(v)!)),
    ...plannedTrials(graph, GOAL, runs.goalNow),
  ];
  const after = await cache.run(
    trials.map((t) => {
      const layout: Layout = { ...(t.target === GOAL ? layouts.current : layouts.byIssue[t.target]!) };
      applyClaims(layout, graph.issues[t.candidate]!.claims);
      const checks = t.target === GOAL ? graph.goalChecks : graph.checks[t.target]!;
      return { layout, checks: t.failing.map((i) => checks[i]!) };
    }),
  );
  const fixers: Fixers = new Map();
  trials.forEach((t, k) => {
    const removes = removedViolations(t.before, after[k]!);
    if (removes.length === 0) return;
    let list = fixers.get(t.target);
    if (!list) {
      list = [];
      fixers.set(t.target, list);
    }
    list.push({ candidate: t.candidate, removes });
  });
  return fixers;
}

/** The trials for one target: each open issue with claims, outside its layout, that may fix a failing check. */
function plannedTrials(graph: ValidationGraph, target: number, perCheck: ValidationViolation[][]): Trial[] {
  const failing = perCheck.flatMap((vs, i) => (vs.length > 0 ? [i] : []));
  if (failing.length === 0) return [];
  const trials: Trial[] = [];
  for (const u of graph.order) {
    if (u === target || !isOpen(graph, u) || graph.issues[u]!.claims.length === 0) continue;
    // An open target's layout already holds the claims of its open transitive blockers.
    if (target !== GOAL && !isDone(graph, target) && waitsFor(graph, target, u)) continue;
    // Prefilter: only the failing checks with a violation on a component the candidate claims.
    const claimed = new Set(graph.issues[u]!.claims.map((c) => c.component));
    const related = failing.filter((i) => perCheck[i]!.some((v) => claimed.has(v.component)));
    if (related.length === 0) continue;
    trials.push({ target, candidate: u, failing: related, before: related.map((i) => perCheck[i]!) });
  }
  return trials;
}

const violationKey = (v: ValidationViolation) => `${v.check}\u0000${v.kind}\u0000${v.component}`;

/** The violations present before and absent after. */
function removedViolations(
  before: ValidationViolation[][],
  after: ValidationViolation[][],
): ValidationViolation[] {
  const left = new Set(after.flat().map(violationKey));
  return before.flat().filter((v) => !left.has(violationKey(v)));
}
