// The plan: what the planner takes and what it returns. The API serves `Plan` as is (its zod schema
// mirrors these types), so every field here is part of the public contract.

import type { DependencyEdge } from '../graph/types.js';
import type { IssuePriority, IssueStatus } from '../model.js';

export type { DependencyEdge } from '../graph/types.js';
export type { IssuePriority, IssueStatus } from '../model.js';

/** The project's default estimate when none is given (ARCHITECTURE: "the project's default (1 day)"). */
export const DEFAULT_ESTIMATE_DAYS = 1;

/** What the planner needs of an issue. */
export interface PlanIssue {
  key: string;
  status: IssueStatus;
  /** Days of work; null means "not estimated": the default is used and listed as an assumption. */
  estimateDays: number | null;
  /** Key of the parent issue, or null. */
  parent: string | null;
  /** p0 first; absent or null: after p3. Only the ready ranking uses it. */
  priority?: IssuePriority | null;
}

export interface PlanInput {
  issues: PlanIssue[];
  /** Blocked-by edges between keys of `issues`; the graph must be acyclic. Duplicates are ignored. */
  edges: DependencyEdge[];
  /** Used for issues without an estimate; defaults to DEFAULT_ESTIMATE_DAYS. */
  defaultEstimateDays?: number;
}

/** An open issue that has at least one open blocker. */
export interface BlockedIssue {
  key: string;
  /** Its direct open blockers, in key order. */
  blockedBy: string[];
  /**
   * The ready issues upstream of it (through open issues) that hold it, in key order. Read-only: issues
   * held by the same roots through a single blocker share one array.
   */
  rootBlockers: string[];
}

/** Critical path method figures for one open issue, in days from now (day 0). */
export interface ScheduleEntry {
  earliestStart: number;
  earliestFinish: number;
  latestStart: number;
  latestFinish: number;
  /** latestStart - earliestStart: how long it may slip without delaying the project; 0 on the critical path. */
  slack: number;
}

export interface CriticalPath {
  /** Open issues in the order they must be done (each blocks the next); empty when nothing is open. */
  keys: string[];
  /** Sum of their estimates: the least number of days the remaining work can take. */
  lengthDays: number;
}

export interface StatusCounts {
  open: number;
  in_progress: number;
  done: number;
  wont_do: number;
}

/**
 * Progress of a set of issues.
 *
 * By count, `done` and `wont_do` are both finished. By estimate, `wont_do` issues are left out of both
 * sides: their work will never be done, so counting it as finished would overstate the work delivered
 * and counting it as unfinished would keep 100% out of reach. A percent is null when its denominator
 * is zero (no issues, or only wont_do issues by estimate). Percents are rounded to 2 decimals.
 */
export interface ProgressSummary {
  counts: StatusCounts;
  /** Number of issues. */
  total: number;
  /** done + wont_do. */
  finished: number;
  percentByCount: number | null;
  /** Estimate of every issue except wont_do ones (defaults applied). */
  estimateDays: number;
  /** Estimate of the done issues. */
  finishedEstimateDays: number;
  percentByEstimate: number | null;
}

export interface Progress {
  /** Every issue of the project. */
  project: ProgressSummary;
  /**
   * For each issue that has sub-issues: the progress of all its sub-issues, recursively through
   * nested sub-issues (the parent itself is not counted).
   */
  byParent: Record<string, ProgressSummary>;
}

/** Something the planner had to assume; shown to the user next to the figures it affects. */
export type Assumption =
  /** The issue has no estimate; the project's default was used. */
  | { kind: 'default-estimate'; key: string; estimateDays: number }
  /**
   * The issue is finished although some of its blockers are still open. A finished issue holds
   * nothing: what it blocks does not wait for its open blockers.
   */
  | { kind: 'finished-with-open-blockers'; key: string; openBlockers: string[] };

/** A ready issue in the order to start it (src/domain/plan/ready-ranking.ts has the rule). */
export interface RankedReadyIssue {
  key: string;
  priority: IssuePriority | null;
  /** Its slack in days (0 on the critical path). */
  slackDays: number;
  /** The blocked issues whose only open blocker it is: ready once it is done. Key order. */
  unblocks: string[];
  /** How many blocked issues wait on it through any chain (it is among their root blockers). */
  downstream: number;
  /** Their estimates, summed: the work it holds up. */
  downstreamDays: number;
  /** Why it is where it is, in words, one part per criterion: `reason` joins them. */
  reasons: string[];
  reason: string;
}

export interface Plan {
  /** Every issue, each blocker before what it blocks, ties broken by key. */
  order: string[];
  /** Open issues by longest chain of open blockers: wave n has n open blockers in its longest chain. Key order. */
  waves: string[][];
  /** Open issues whose blockers are all finished (= waves[0]), in key order. */
  ready: string[];
  /** Every other open issue, in key order. */
  blocked: BlockedIssue[];
  /** The ready issues ranked: priority first, then least slack, the work downstream, what they unblock (ready-ranking.ts). */
  readyRanking: RankedReadyIssue[];
  criticalPath: CriticalPath;
  /** One entry per open issue. */
  schedule: Record<string, ScheduleEntry>;
  progress: Progress;
  /**
   * Edges implied by others (reported, never removed), sorted by issue then blockedBy. Only when asked for
   * (PlanOptions.redundantEdges): their search can cost far more than the rest of the plan.
   */
  redundantEdges?: DependencyEdge[];
  /** Sorted by key, then kind. */
  assumptions: Assumption[];
}

/** One transitive open blocker of an issue and a shortest chain that leads to it. */
export interface TransitiveBlocker {
  key: string;
  /** Number of blocked-by steps from the issue (1 = direct blocker). */
  distance: number;
  /** [issue, ..., key]: each key is blocked by the next. */
  path: string[];
}

export interface TransitiveBlockers {
  key: string;
  /** Every open issue that transitively blocks `key` through open issues, by distance then key. */
  blockers: TransitiveBlocker[];
}
