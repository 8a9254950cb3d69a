// The plan tests' shared helpers (not a test file itself): an issue builder, fast-check arbitraries and
// brute-force oracles.
import fc from 'fast-check';
import { ISSUE_PRIORITIES } from '../../../src/domain/model.js';
import type { DependencyEdge, IssueStatus, PlanInput, PlanIssue } from '../../../src/domain/plan/types.js';

const STATUSES: IssueStatus[] = ['open', 'in_progress', 'done', 'wont_do'];
const LETTER_KEYS = ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i', 'j', 'k', 'l'];
/** Numbered keys take the planner's other path (numbered-keys.ts); code-unit order is not numeric order. */
const NUMBERED_KEYS = [
  'ISS-0',
  'ISS-1',
  'ISS-2',
  'ISS-9',
  'ISS-10',
  'ISS-11',
  'ISS-19',
  'ISS-20',
  'ISS-100',
  'ISS-101',
  'ISS-3',
  'ISS-12',
];

/** An issue as the planner takes it: open, one day, top-level unless told otherwise. */
export function planIssue(
  key: string,
  status: IssueStatus = 'open',
  estimateDays: number | null = 1,
  parent: string | null = null,
): PlanIssue {
  return { key, status, estimateDays, parent };
}

/**
 * A random project of up to `maxIssues` issues whose dependencies form a DAG: issues are created in a
 * hidden order and may only be blocked by earlier ones, and keys are shuffled so that key order says
 * nothing about that order. Parents also point to earlier issues, so they form a forest. Keys are
 * letters or numbered ("ISS-10").
 */
export function projectArbitrary(maxIssues = 9): fc.Arbitrary<PlanInput> {
  return fc.integer({ min: 0, max: maxIssues }).chain((n) =>
    fc
      .record({
        names: fc
          .constantFrom(LETTER_KEYS, NUMBERED_KEYS)
          .chain((keys) => fc.shuffledSubarray(keys, { minLength: n, maxLength: n })),
        statuses: fc.array(fc.constantFrom(...STATUSES, 'open', 'open'), { minLength: n, maxLength: n }),
        estimates: fc.array(fc.option(fc.constantFrom(0, 0.5, 1, 2, 3, 5), { nil: null, freq: 5 }), {
          minLength: n,
          maxLength: n,
        }),
        parents: fc.array(fc.option(fc.nat(), { nil: null, freq: 2 }), { minLength: n, maxLength: n }),
        priorities: fc.array(fc.option(fc.constantFrom(...ISSUE_PRIORITIES), { nil: null, freq: 3 }), {
          minLength: n,
          maxLength: n,
        }),
        edges: fc.array(fc.tuple(fc.nat(), fc.nat()), { maxLength: n * 2 }),
      })
      .map(({ names, statuses, estimates, parents, priorities, edges }) => {
        const issues: PlanIssue[] = names.map((key, i) => ({
          key,
          status: statuses[i]!,
          estimateDays: estimates[i]!,
          parent: i > 0 && parents[i] !== null ? names[parents[i]! % i]! : null,
          ...(priorities[i] === null ? {} : { priority: priorities[i] }),
        }));
        const deps: DependencyEdge[] = [];
        for (const [x, y] of edges) {
          if (n < 2) break;
          const a = x % n;
          const b = y % n;
          if (a === b) continue;
          const [early, late] = a < b ? [a, b] : [b, a];
          deps.push({ issue: names[late]!, blockedBy: names[early]! });
        }
        return { issues, edges: deps };
      }),
  );
}

export const isOpenStatus = (s: IssueStatus) => s === 'open' || s === 'in_progress';

/** Brute-force helpers over a small input. */
export class Oracle {
  readonly status = new Map<string, IssueStatus>();
  readonly duration = new Map<string, number>();
  readonly blockers = new Map<string, Set<string>>();

  constructor(readonly input: PlanInput) {
    for (const issue of input.issues) {
      this.status.set(issue.key, issue.status);
      this.duration.set(issue.key, issue.estimateDays ?? input.defaultEstimateDays ?? 1);
      this.blockers.set(issue.key, new Set());
    }
    for (const e of input.edges) this.blockers.get(e.issue)!.add(e.blockedBy);
  }

  get keys(): string[] {
    return [...this.status.keys()];
  }

  isOpen(key: string): boolean {
    return isOpenStatus(this.status.get(key)!);
  }

  openBlockers(key: string): string[] {
    return [...this.blockers.get(key)!].filter((b) => this.isOpen(b)).sort();
  }

  /** Every path of open issues ending at `key` (as lists, blocker first), by plain recursion. */
  openPathsTo(key: string): string[][] {
    const below = this.openBlockers(key).flatMap((b) => this.openPathsTo(b));
    return below.length === 0 ? [[key]] : below.map((p) => [...p, key]);
  }

  /** Can `from` reach `to` following blocked-by edges (length >= 1), optionally through open issues only, optionally without one edge? */
  reaches(from: string, to: string, opts: { openOnly?: boolean; without?: DependencyEdge } = {}): boolean {
    const seen = new Set<string>();
    const stack = [from];
    while (stack.length > 0) {
      const v = stack.pop()!;
      for (const b of this.blockers.get(v)!) {
        if (opts.without && opts.without.issue === v && opts.without.blockedBy === b) continue;
        if (opts.openOnly && !this.isOpen(b)) continue;
        if (b === to) return true;
        if (!seen.has(b)) {
          seen.add(b);
          stack.push(b);
        }
      }
    }
    return false;
  }
}
