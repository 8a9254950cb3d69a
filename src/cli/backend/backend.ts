// What a CLI command asks of isoplan, whichever isoplan answers: a running service (remote.ts, over the
// typed API client) or a database file opened in this process (local.ts, over the same stores and services
// as the API). Every command is written once against this interface; the two backends are small
// translations. The shapes are the API's (src/contract/openapi.d.ts), so `--format json` prints the same
// document from either side, and failures are the same DomainErrors.
import type { Schemas } from './api-client.js';

export type Issue = Schemas['Issue'];
export type Project = Schemas['Project'];
export type Plan = Schemas['Plan'];
export type AuditEvent = Schemas['AuditEvent'];
export type DependencyEdge = Schemas['DependencyEdge'];
export type TransitiveBlockers = Schemas['TransitiveBlockers'];
export type ProjectDocument = Schemas['ProjectDocument'];
export type CiCheckRun = Schemas['CiCheckRun'];
export type ValidationRun = Schemas['ValidationRun'];
export type SimRunResponse = Schemas['SimRunResponse'];
export type Catalog = Schemas['Catalog'];
export type IssueCreate = Schemas['IssueCreateInput'];
export type IssuePatch = Schemas['IssuePatchInput'];
export type Forecast = Schemas['Forecast'];
export type NextIssue = Schemas['NextIssue'];
export type ForecastTrend = Schemas['ForecastTrend'];

/** GET …/forecast/trend's query: how many weekly points, the trials of each, the seed. */
export interface TrendRequest {
  weeks?: number;
  trials?: number;
  seed?: number;
}

/** GET …/forecast's query: another team size, the trials, the seed, the issue to forecast, days off. */
export interface ForecastRequest {
  people?: number;
  trials?: number;
  seed?: number;
  target?: string;
  /** More days nobody works on (ISO dates), for this answer only, besides the project's holidays. */
  holidays?: string[];
}
export type GithubLink = Schemas['GithubLinkInput'];
export type GithubSyncSummary = Schemas['GithubSyncSummary'];

/** Parts of the plan found only on request. */
export interface PlanParts {
  redundantEdges?: boolean;
}

export interface ImportResult {
  issues: number;
  dependencies: number;
}

export interface SimRunOptions {
  stress: boolean;
  /** Stress mode's time bound. */
  timeMs?: number;
  /** Called after each interleaving with the runs done so far, where the backend can tell. */
  onRun?: (done: number, runs: number) => void;
}

export interface Backend {
  /** Where the data lives, for messages: the service's URL or the database file. */
  readonly where: string;
  /** `server` or `file`. */
  readonly kind: 'server' | 'file';

  projects(): Promise<Project[]>;
  issue(project: string, key: string): Promise<Issue>;
  /** Every issue of the project. */
  issues(project: string): Promise<Issue[]>;
  createIssue(project: string, input: IssueCreate): Promise<Issue>;
  /** With `ifAsRead` (the issue as read), the write happens only while it is still so (If-Match). */
  updateIssue(project: string, key: string, patch: IssuePatch, ifAsRead?: Issue): Promise<Issue>;
  /** `key` is blocked by `blocker`; `created` is false when the edge existed. */
  addDependency(project: string, key: string, blocker: string): Promise<{ created: boolean }>;
  removeDependency(project: string, key: string, blocker: string): Promise<void>;
  dependencies(project: string): Promise<DependencyEdge[]>;
  /** With `redundantEdges`, the plan lists them too (found on request: GET …/plan?include=redundantEdges). */
  plan(project: string, options?: PlanParts): Promise<Plan>;
  /** When the open work (or `target`) lands with the team, and how sure: the forecast with its history. */
  forecast(project: string, request: ForecastRequest): Promise<Forecast>;
  /** Is the date slipping? The forecast at the end of each of the last weeks, and what changed between. */
  forecastTrend(project: string, request: TrendRequest): Promise<ForecastTrend>;
  /** The first `limit` ready issues, ranked, each with its reasons. */
  next(project: string, limit: number): Promise<NextIssue[]>;
  /** Every open issue that transitively blocks `key`, with a shortest chain to each. */
  blockers(project: string, key: string): Promise<TransitiveBlockers>;
  /** Audit events, newest first: of the whole project, or of one issue (its own and its edges'). */
  history(project: string, options: { issue?: string; limit: number }): Promise<AuditEvent[]>;
  exportProject(project: string): Promise<ProjectDocument>;
  importProject(project: string, document: unknown): Promise<ImportResult>;
  ciCheck(project: string, request: { done: string[]; sha: string }): Promise<CiCheckRun>;
  validate(project: string): Promise<ValidationRun>;
  /**
   * Links the project to `link` (creating the project when missing) and brings the meta issue's tree and
   * dependencies in from GitHub, all or nothing. `onProgress` hears how many issues were read of those found,
   * where the backend can tell.
   */
  githubSync(
    project: string,
    link: GithubLink,
    onProgress?: (read: number, found: number) => void,
  ): Promise<GithubSyncSummary>;
  /** `scenario` as read from a file: the backend checks it (InvalidInputError listing every problem). */
  simRun(scenario: unknown, options: SimRunOptions): Promise<SimRunResponse>;
  simCatalog(): Promise<Catalog>;
  /** Releases what the backend opened (the database, worker threads). */
  close(): Promise<void>;
}

/** What the simulator commands ask: a service's simulator, or the one in this process (no database). */
export type Simulator = Pick<Backend, 'simRun' | 'simCatalog'>;

/** The plan with every issue (the plan names issues by key; text shows their titles), read together. */
export async function planWithIssues(
  backend: Backend,
  project: string,
  parts: PlanParts = {},
): Promise<{ plan: Plan; issues: Issue[]; byKey: Map<string, Issue> }> {
  const [plan, issues] = await Promise.all([backend.plan(project, parts), backend.issues(project)]);
  return { plan, issues, byKey: new Map(issues.map((issue) => [issue.key, issue])) };
}
