// The domain's data, as plain types. Names follow ARCHITECTURE.md's domain words.

export const ISSUE_STATUSES = ['open', 'in_progress', 'done', 'wont_do'] as const;
export type IssueStatus = (typeof ISSUE_STATUSES)[number];

/** How urgent an issue is, p0 the most; an issue may have none (after p3). */
export const ISSUE_PRIORITIES = ['p0', 'p1', 'p2', 'p3'] as const;
export type IssuePriority = (typeof ISSUE_PRIORITIES)[number];

/** Done and won't-do issues are finished: they hold nothing they block. */
export function isFinished(status: IssueStatus): boolean {
  return status === 'done' || status === 'wont_do';
}

/** What an issue changes in the runtime once done: `component -> placement` (a runtime-sim catalog id). */
export interface Claim {
  component: string;
  placement: string;
}

/** A named member of the team; `capacity` is the share of a full-time person (1). */
export interface Person {
  name: string;
  capacity: number;
}

/** The people who work on a project in parallel: a number of interchangeable people, or named people. */
export type TeamSetting = number | Person[];

/** A simulator workload attached to an issue or to the project's goal. */
export type Check = { name: string; workload: string } | { name: string; program: unknown[] };

export interface Project {
  slug: string;
  name: string;
  description: string;
  /** Checks that must hold once every issue is done. */
  goal: Check[];
  defaultEstimateDays: number;
  /** Who works on it, in parallel; null: not set (the forecast assumes one person and says so). */
  team: TeamSetting | null;
  /** ISO date work starts on; null: today (a start in the past is today too). */
  start: string | null;
  /** ISO weekday numbers people work on, Monday = 1. */
  workdays: number[];
  /** ISO dates nobody works on. */
  holidays: string[];
  /** Bumped by every change to the project, its issues or its dependencies: caches key on it. */
  revision: number;
  createdAt: Date;
  updatedAt: Date;
}

export interface Issue {
  key: string;
  title: string;
  body: string;
  status: IssueStatus;
  estimateDays: number | null;
  /** The range around estimateDays (the most likely); null: no spread on that side. */
  estimateLowDays: number | null;
  estimateHighDays: number | null;
  /** The name of the team member who will do it, or null for anyone. */
  assignee: string | null;
  priority: IssuePriority | null;
  /** Key of the parent issue, or null. */
  parent: string | null;
  url: string | null;
  labels: string[];
  claims: Claim[];
  checks: Check[];
  /** Keys of the issues this one is blocked by, sorted. */
  blockedBy: string[];
  /** Keys of the issues this one blocks, sorted. */
  blocks: string[];
  /** Bumped on each change of this issue's own fields or edges: the ETag derives from it. */
  revision: number;
  createdAt: Date;
  updatedAt: Date;
}

/** What planning and forecasting read of one issue (the store's plan row, the audit trail's issue). */
export type PlanRow = Pick<
  Issue,
  | 'key'
  | 'status'
  | 'estimateDays'
  | 'estimateLowDays'
  | 'estimateHighDays'
  | 'assignee'
  | 'priority'
  | 'parent'
>;

export interface DependencyEdge {
  issue: string;
  blockedBy: string;
}

export interface AuditEvent {
  id: number;
  /** The name of the token that made the change; `anonymous` without one, `github` for webhooks. */
  actor: string;
  /** Whom the actor said it acted for (X-Actor): a note, never the actor. */
  onBehalfOf: string | null;
  /** The id of the token that made the change (two live tokens may share a name); null without one. */
  tokenId: string | null;
  /** e.g. `project.create`, `issue.update`, `dependency.add`, `project.import`. */
  action: string;
  /** Issue key, `issue<-blocker` for an edge, or null for the project itself. */
  target: string | null;
  before: unknown;
  after: unknown;
  at: Date;
}

/**
 * An issue as the project document carries it: its own fields, without derived ones. The forecast's fields
 * may be absent from a document (none: no range, no assignee, no priority); `githubId` (GitHub's numeric id)
 * is on the issues of a linked project.
 */
export type DocumentIssue = Pick<
  Issue,
  'key' | 'title' | 'body' | 'status' | 'estimateDays' | 'parent' | 'url' | 'labels' | 'claims' | 'checks'
> &
  Partial<Pick<Issue, 'estimateLowDays' | 'estimateHighDays' | 'assignee' | 'priority'>> & {
    githubId?: number;
  };

/** A project's link to its meta issue on GitHub (`repository#issue`). */
export interface GithubLink {
  /** `OWNER/REPO`. */
  repository: string;
  issue: number;
  /** Path of the project document in that repository, which check-run annotations point at; or null. */
  document: string | null;
}

/** An issue's own fields, as the project document (and the API's issue representation) carry them. */
export function toDocumentIssue(issue: Issue): Required<Omit<DocumentIssue, 'githubId'>> {
  const { key, title, body, status, estimateDays, estimateLowDays, estimateHighDays, assignee, priority } =
    issue;
  const { parent, url, labels, claims, checks } = issue;
  return {
    key,
    title,
    body,
    status,
    estimateDays,
    estimateLowDays,
    estimateHighDays,
    assignee,
    priority,
    parent,
    url,
    labels,
    claims,
    checks,
  };
}

/** The whole project as one document: what export returns and import takes. */
export interface ProjectDocument {
  version: 1;
  /**
   * The forecast's settings may be absent (no team, start today, Monday to Friday, no holidays). `github`:
   * the link to a meta issue; absent on import keeps the project's link, null removes it.
   */
  project: Pick<Project, 'slug' | 'name' | 'description' | 'goal' | 'defaultEstimateDays'> &
    Partial<Pick<Project, 'team' | 'start' | 'workdays' | 'holidays'>> & { github?: GithubLink | null };
  issues: DocumentIssue[];
  dependencies: DependencyEdge[];
}

/** A project document with every field filled in: what export writes and what a parsed document is. */
export type FullProjectDocument = Omit<ProjectDocument, 'project' | 'issues'> & {
  project: Required<Omit<ProjectDocument['project'], 'github'>> & Pick<ProjectDocument['project'], 'github'>;
  issues: Array<Required<Omit<DocumentIssue, 'githubId'>> & Pick<DocumentIssue, 'githubId'>>;
};
