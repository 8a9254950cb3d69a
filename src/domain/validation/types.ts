// The shape of a validation run: the simulator's verdict over a project's current state.
// Served as-is by `GET /v1/projects/:project/validations/:id` and shown by the dashboard.

import type { Requester } from '../access/actors.js';
import type { IssueStatus } from '../model.js';

export type Verdict = 'verified' | 'failing' | 'untested';

/** A simulator violation as stored in a run (runtime-sim's Violation, kept as plain data). */
export interface ValidationViolation {
  kind: string;
  component: string;
  interpreters: string[];
  steps: { interpreter: string; index: number; op: string }[];
  message: string;
  exception?: string;
  count: number;
  /** The check (issue check or goal check) whose run found it. */
  check: string;
}

export interface IssueValidation {
  key: string;
  /** The issue's status in the validated input (after `assumeDone`, for an evaluation). */
  status: IssueStatus;
  /** `untested` also for a `wont_do` issue: its change never happened, so its checks are not run. */
  verdict: Verdict;
  /** Names of the checks that ran. */
  checks: string[];
  violations: ValidationViolation[];
  /** A finished issue whose checks fail. */
  regression: boolean;
  /** Issues whose claims would remove (some of) the violations. */
  fixedBy: string[];
}

export interface MissingDependency {
  issue: string;
  shouldBeBlockedBy: string;
  because: ValidationViolation[];
  /** True when `shouldBeBlockedBy` already depends on `issue`: the edge would close a cycle, so the
   *  claim belongs in another issue rather than the edge in the graph. */
  closesCycle?: boolean;
}

export interface GoalValidation {
  holds: boolean;
  violations: ValidationViolation[];
  /** Open issues whose claims would remove the violations left. */
  openIssuesThatFix: string[];
  /** Whether the goal holds once every open issue is done too (the plan reaches its goal). */
  holdsWhenAllDone: boolean;
}

/** One row of the dashboard's component-by-placement matrix. */
export interface ComponentPlacement {
  component: string;
  /** The catalog's starting placement (CPython 3.8's). */
  initial: string;
  /** The placement claimed by finished issues, or null when none. */
  claimed: string | null;
  claimedBy: string | null;
  /** Whether the checks exercising this component run clean under the current layout; null when none does. */
  verified: boolean | null;
}

export interface ValidationRun {
  id: string;
  projectRevision: number;
  /** sha256 of the input (issues, claims, checks, edges, goal, setting): equal input, same run. */
  fingerprint: string;
  createdAt: string;
  durationMs: number;
  issues: IssueValidation[];
  missingDependencies: MissingDependency[];
  regressions: string[];
  goal: GoalValidation;
  components: ComponentPlacement[];
  /**
   * Who asked for the run that was computed (a reused run names who asked first); null when unknown: a run
   * stored before runs recorded it, or one asked for in-process without saying who.
   */
  requestedBy: Requester | null;
  /** Only on a run returned by `validate` that reused a stored run (never stored itself). */
  reused?: boolean;
}

/** A stored run in a list: what it was run on and what it found, without the per-issue detail. */
export interface ValidationRunSummary {
  id: string;
  projectRevision: number;
  fingerprint: string;
  createdAt: string;
  durationMs: number;
  verdicts: Record<Verdict, number>;
  missingDependencies: number;
  regressions: number;
  goalHolds: boolean;
  requestedBy: Requester | null;
}
