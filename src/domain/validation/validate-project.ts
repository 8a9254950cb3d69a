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
 * Complexity: O(V·E/32) for the transitive closures (bitsets), plus the simulator runs: one per check
 * of each issue, plus one per (failing check, candidate fix).
 */

import { DEFAULT_SETTING, exercisedComponents, getCatalog, getComponent } from '../../runtime-sim/index.js';
import type { InvalidItem } from '../errors.js';
import type { Claim, IssueStatus } from '../model.js';
import { assertNoProblems, checkProblems, claimProblems, resolveCheck } from './catalog-checks.js';
import type { CheckJob, CheckRunner, Layout, SimCheck, ValidationInput } from './input.js';
import type {
  ComponentPlacement,
  GoalValidation,
  IssueValidation,
  MissingDependency,
  ValidationRun,
  ValidationViolation,
} from './types.js';

/** A validation's result, before the service gives it an id, a revision, a time and a fingerprint. */
export type ValidationResult = Pick<
  ValidationRun,
  'issues' | 'missingDependencies' | 'regressions' | 'goal' | 'components'
>;

const isOpen = (s: IssueStatus) => s === 'open' || s === 'in_progress';
const byString = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
const violationKey = (v: ValidationViolation) => `${v.check}\u0000${v.kind}\u0000${v.component}`;

/** Every problem of the input's claims, checks and goal against the catalog (paths by issue key). */
export function validationInputProblems(input: ValidationInput): InvalidItem[] {
  const problems: InvalidItem[] = [];
  for (const issue of input.issues) {
    problems.push(...claimProblems(issue.claims, `issues.${issue.key}.claims`));
    problems.push(...checkProblems(issue.checks, `issues.${issue.key}.checks`));
  }
  problems.push(...checkProblems(input.goal, 'goal'));
  return problems;
}

/** Runs the checks of one phase through the runner, each distinct (layout, program) once per validation. */
class CheckCache {
  private readonly results = new Map<string, ValidationViolation[]>();
  constructor(
    private readonly runner: CheckRunner,
    private readonly setting: CheckJob['setting'],
  ) {}

  private key(layout: Layout, check: SimCheck): string {
    const entries = Object.keys(layout)
      .sort(byString)
      .map((k) => `${k}=${layout[k]}`);
    return `${entries.join(',')}\u0000${JSON.stringify(check.program)}`;
  }

  /** Violations per unit (an issue's checks under one layout), each relabelled with its check's name. */
  async run(units: readonly { layout: Layout; checks: SimCheck[] }[]): Promise<ValidationViolation[][][]> {
    const jobs: CheckJob[] = [];
    const pending = new Map<string, { job: number; index: number }>();
    for (const unit of units) {
      let job: CheckJob | undefined;
      for (const check of unit.checks) {
        const key = this.key(unit.layout, check);
        if (this.results.has(key) || pending.has(key)) continue;
        if (!job) {
          job = { layout: unit.layout, checks: [], setting: this.setting };
          jobs.push(job);
        }
        pending.set(key, { job: jobs.length - 1, index: job.checks.length });
        job.checks.push(check);
      }
    }
    if (jobs.length > 0) {
      const answers = await this.runner.run(jobs);
      for (const [key, at] of pending) this.results.set(key, answers[at.job]![at.index]!);
    }
    return units.map((unit) =>
      unit.checks.map((check) =>
        this.results.get(this.key(unit.layout, check))!.map((v) => ({ ...v, check: check.name })),
      ),
    );
  }
}

interface Graph {
  keys: string[];
  index: Map<string, number>;
  /** Topological order (blockers first, ties by key); issues on a cycle follow in key order. */
  order: number[];
  /** Transitive blockers of each issue, as bitsets. */
  closure: Uint32Array[];
}

function buildGraph(input: ValidationInput): Graph {
  const keys = input.issues.map((i) => i.key).sort(byString);
  const index = new Map(keys.map((k, i) => [k, i]));
  const n = keys.length;
  const blockers: number[][] = Array.from({ length: n }, () => []);
  const blocks: number[][] = Array.from({ length: n }, () => []);
  const seen = new Set<string>();
  for (const e of input.edges) {
    const v = index.get(e.issue);
    const u = index.get(e.blockedBy);
    const key = `${e.issue}\u0000${e.blockedBy}`;
    if (v === undefined || u === undefined || u === v || seen.has(key)) continue;
    seen.add(key);
    blockers[v]!.push(u);
    blocks[u]!.push(v);
  }
  // Kahn's algorithm; `ready` kept sorted so that the smallest key goes first.
  const waiting = blockers.map((b) => b.length);
  const ready = keys.map((_, v) => v).filter((v) => waiting[v] === 0);
  const order: number[] = [];
  const placed = new Uint8Array(n);
  while (ready.length > 0) {
    const v = ready.shift()!;
    order.push(v);
    placed[v] = 1;
    for (const w of blocks[v]!) {
      if (--waiting[w]! === 0) {
        let at = ready.findIndex((x) => x > w);
        if (at < 0) at = ready.length;
        ready.splice(at, 0, w);
      }
    }
  }
  for (let v = 0; v < n; v++) if (!placed[v]) order.push(v); // only on a cyclic input
  const words = (n + 31) >>> 5;
  const closure = Array.from({ length: n }, () => new Uint32Array(words));
  for (const v of order) {
    const c = closure[v]!;
    for (const u of blockers[v]!) {
      c[u >>> 5]! |= 1 << (u & 31);
      const cu = closure[u]!;
      for (let w = 0; w < words; w++) c[w]! |= cu[w]!;
    }
  }
  return { keys, index, order, closure };
}

const has = (set: Uint32Array, v: number) => (set[v >>> 5]! & (1 << (v & 31))) !== 0;

function apply(layout: Layout, claims: readonly Claim[]): void {
  for (const claim of claims) layout[claim.component] = claim.placement;
}

/** Validates the project (see the banner). InvalidInputError when a claim, check or goal is invalid. */
export async function validateProject(
  input: ValidationInput,
  runner: CheckRunner,
): Promise<ValidationResult> {
  assertNoProblems(validationInputProblems(input), 'the project cannot be validated');
  const setting = input.setting ?? DEFAULT_SETTING;
  const cache = new CheckCache(runner, setting);
  const g = buildGraph(input);
  const n = g.keys.length;
  const issueOf = new Map(input.issues.map((i) => [i.key, i]));
  const issues = g.keys.map((k) => issueOf.get(k)!);
  const status = issues.map((i) => i.status);
  const checks = issues.map((i) => i.checks.map(resolveCheck));
  const goalChecks = input.goal.map(resolveCheck);

  // The current layout, and who set each overridden component (the last writer).
  const current: Layout = {};
  const claimedBy = new Map<string, string>();
  for (const v of g.order) {
    if (status[v] !== 'done') continue;
    apply(current, issues[v]!.claims);
    for (const c of issues[v]!.claims) claimedBy.set(c.component, g.keys[v]!);
  }
  const allDone: Layout = { ...current };
  for (const v of g.order) if (isOpen(status[v]!)) apply(allDone, issues[v]!.claims);

  const layouts: (Layout | null)[] = issues.map((issue, v) => {
    if (status[v] === 'wont_do' || checks[v]!.length === 0) return null;
    if (status[v] === 'done') return current;
    const layout: Layout = { ...current };
    for (const u of g.order)
      if (u !== v && isOpen(status[u]!) && has(g.closure[v]!, u)) apply(layout, issues[u]!.claims);
    apply(layout, issue.claims);
    return layout;
  });

  // Phase 1: every issue's checks, the goal now and the goal once everything is done.
  const tested = [...Array(n).keys()].filter((v) => layouts[v] !== null);
  const phase1 = await cache.run([
    ...tested.map((v) => ({ layout: layouts[v]!, checks: checks[v]! })),
    { layout: current, checks: goalChecks },
    { layout: allDone, checks: goalChecks },
  ]);
  const violationsOf = new Map<number, ValidationViolation[][]>();
  tested.forEach((v, k) => {
    violationsOf.set(v, phase1[k]!);
  });
  const goalNow = phase1[tested.length]!;
  const goalAllDone = phase1[tested.length + 1]!;

  // Phase 2: candidate fixes, verified by re-running the failing checks with the candidate's claims.
  const open = g.order.filter((u) => isOpen(status[u]!) && issues[u]!.claims.length > 0);
  interface Trial {
    target: number; // issue index, or -1 for the goal
    candidate: number;
    failing: number[]; // indexes of the failing checks it may fix
    before: ValidationViolation[][];
  }
  const trials: Trial[] = [];
  const planTrials = (target: number, perCheck: ValidationViolation[][]) => {
    const failing = perCheck.flatMap((vs, i) => (vs.length > 0 ? [i] : []));
    if (failing.length === 0) return;
    for (const u of open) {
      if (u === target) continue;
      if (target >= 0 && status[target] !== 'done' && has(g.closure[target]!, u)) continue; // already in its layout
      // Prefilter: only the failing checks with a violation on a component the candidate claims.
      const claimed = new Set(issues[u]!.claims.map((c) => c.component));
      const related = failing.filter((i) => perCheck[i]!.some((v) => claimed.has(v.component)));
      if (related.length === 0) continue;
      trials.push({ target, candidate: u, failing: related, before: related.map((i) => perCheck[i]!) });
    }
  };
  for (const v of tested) planTrials(v, violationsOf.get(v)!);
  planTrials(-1, goalNow);
  const phase2 = await cache.run(
    trials.map((t) => {
      const base = t.target >= 0 ? layouts[t.target]! : current;
      const layout: Layout = { ...base };
      apply(layout, issues[t.candidate]!.claims);
      const all = t.target >= 0 ? checks[t.target]! : goalChecks;
      return { layout, checks: t.failing.map((i) => all[i]!) };
    }),
  );
  /** The violations a trial removes (present before, absent after). */
  const removed = trials.map((t, k) => {
    const after = new Set(phase2[k]!.flat().map(violationKey));
    return t.before.flat().filter((v) => !after.has(violationKey(v)));
  });

  const fixers = new Map<number, { candidate: number; removes: ValidationViolation[] }[]>();
  trials.forEach((t, k) => {
    if (removed[k]!.length === 0) return;
    let list = fixers.get(t.target);
    if (!list) {
      list = [];
      fixers.set(t.target, list);
    }
    list.push({ candidate: t.candidate, removes: removed[k]! });
  });

  const results: IssueValidation[] = [];
  const missingDependencies: MissingDependency[] = [];
  for (let v = 0; v < n; v++) {
    const key = g.keys[v]!;
    const perCheck = violationsOf.get(v);
    const violations = perCheck ? perCheck.flat() : [];
    const found = (fixers.get(v) ?? []).sort((a, b) => byString(g.keys[a.candidate]!, g.keys[b.candidate]!));
    results.push({
      key,
      status: status[v]!,
      verdict: perCheck === undefined ? 'untested' : violations.length > 0 ? 'failing' : 'verified',
      checks: perCheck === undefined ? [] : checks[v]!.map((c) => c.name),
      violations,
      regression: status[v] === 'done' && violations.length > 0,
      fixedBy: found.map((f) => g.keys[f.candidate]!),
    });
    for (const f of found) {
      if (has(g.closure[v]!, f.candidate)) continue; // an open blocker of a finished issue: a regression only
      missingDependencies.push({
        issue: key,
        shouldBeBlockedBy: g.keys[f.candidate]!,
        because: f.removes,
        ...(has(g.closure[f.candidate]!, v) ? { closesCycle: true } : {}),
      });
    }
  }

  const goalViolations = goalNow.flat();
  const goal: GoalValidation = {
    holds: goalViolations.length === 0,
    violations: goalViolations,
    openIssuesThatFix: (fixers.get(-1) ?? []).map((f) => g.keys[f.candidate]!).sort(byString),
    holdsWhenAllDone: goalAllDone.every((vs) => vs.length === 0),
  };

  return {
    issues: results,
    missingDependencies,
    regressions: results.filter((r) => r.regression).map((r) => r.key),
    goal,
    components: componentMatrix(input, issues, checks, goalChecks, violationsOf, goalNow, current, claimedBy),
  };
}

/**
 * Rows for the components any issue claims, any check exercises or any violation names, in catalog
 * order. `verified` looks at the runs under the current layout only: the goal's and finished issues'.
 */
function componentMatrix(
  input: ValidationInput,
  issues: { status: IssueStatus; claims: Claim[] }[],
  checks: SimCheck[][],
  goalChecks: SimCheck[],
  violationsOf: Map<number, ValidationViolation[][]>,
  goalNow: ValidationViolation[][],
  current: Layout,
  claimedBy: Map<string, string>,
): ComponentPlacement[] {
  const ids = new Set<string>();
  for (const issue of input.issues) for (const c of issue.claims) ids.add(c.component);
  const verified = new Map<string, boolean>();
  const observe = (check: SimCheck, violations: ValidationViolation[]) => {
    const bad = new Set(violations.map((v) => v.component));
    for (const id of [...exercisedComponents(check.program), ...bad]) {
      ids.add(id);
      verified.set(id, (verified.get(id) ?? true) && !bad.has(id));
    }
  };
  for (const [v, perCheck] of violationsOf) {
    if (issues[v]!.status === 'done') {
      checks[v]!.forEach((c, i) => {
        observe(c, perCheck[i]!);
      });
    } else for (const c of checks[v]!) for (const id of exercisedComponents(c.program)) ids.add(id);
  }
  goalChecks.forEach((c, i) => {
    observe(c, goalNow[i]!);
  });
  for (const perCheck of violationsOf.values()) for (const v of perCheck.flat()) ids.add(v.component);

  const rank = new Map(getCatalog().components.map((c, i) => [c.id, i]));
  return [...ids]
    .filter((id) => getComponent(id) !== undefined)
    .sort((a, b) => rank.get(a)! - rank.get(b)!)
    .map((id) => ({
      component: id,
      initial: getComponent(id)!.placement38,
      claimed: current[id] ?? null,
      claimedBy: claimedBy.get(id) ?? null,
      verified: verified.get(id) ?? null,
    }));
}
