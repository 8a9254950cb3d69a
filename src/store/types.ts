// The store's contract: what the API, the CLI and the services may ask of persistence.
// Implemented over Prisma in this folder; nothing outside src/store imports Prisma.

import type { Requester } from '../domain/access/actors.js';
import type { ApiToken } from '../domain/access/api-token.js';
import type { Scope } from '../domain/access/scope.js';
import type {
  AuditEvent,
  Check,
  Claim,
  DependencyEdge,
  FullProjectDocument,
  GithubLink,
  Issue,
  IssuePriority,
  IssueStatus,
  PlanRow,
  Project,
  ProjectDocument,
  TeamSetting,
} from '../domain/model.js';
import type { ValidationRun, ValidationRunSummary } from '../domain/validation/types.js';
import type { CommitFeed } from './commit-feed.js';
import type { ProjectRevision } from './engine.js';

export type { ProjectRevision } from './engine.js';

/** Who made a change: recorded in the audit trail. */
export interface Actor {
  /** The token's name (`anonymous` without one). */
  actor: string;
  /** Whom the actor says it acts for (the X-Actor header): recorded apart, never as the actor. */
  onBehalfOf?: string | null;
  /** The id of the token it acts with (two live tokens may share a name); null or absent without one. */
  tokenId?: string | null;
}

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export interface ProjectCreate {
  slug: string;
  name: string;
  description?: string;
  goal?: Check[];
  defaultEstimateDays?: number;
  team?: TeamSetting | null;
  start?: string | null;
  workdays?: number[];
  holidays?: string[];
}

export type ProjectPatch = Partial<Omit<ProjectCreate, 'slug'>>;

export interface IssueCreate {
  key: string;
  title: string;
  body?: string;
  status?: IssueStatus;
  estimateDays?: number | null;
  estimateLowDays?: number | null;
  estimateHighDays?: number | null;
  assignee?: string | null;
  priority?: IssuePriority | null;
  parent?: string | null;
  url?: string | null;
  labels?: string[];
  claims?: Claim[];
  checks?: Check[];
}

export type IssuePatch = Partial<Omit<IssueCreate, 'key'>>;

export interface IssueFilter {
  status?: IssueStatus[];
  label?: string;
  /** A parent key, or null for top-level issues only. */
  parent?: string | null;
}

export interface PageRequest {
  limit: number;
  cursor?: string;
}

/** A write to one project or issue, with optimistic concurrency. */
export interface WriteOptions extends Actor {
  /**
   * An If-Match value as a client sends it (`"r12-mxdea8u3"`, a list, or `*`): the write happens only when it
   * matches the target's current ETag (src/store/etag.ts), checked in the write's transaction; else
   * PreconditionFailedError (412) and nothing changes.
   */
  ifMatch?: string;
}

/** What tells whether figures computed from a project are still current: caches key on it. */
export interface ProjectVersion {
  slug: string;
  revision: number;
  createdAt: Date;
  /** The id of the project's newest validation run, or null when it has none. */
  latestValidationId: string | null;
}

export interface ProjectStore {
  list(page: PageRequest): Promise<Page<Project>>;
  /** Every project's version in slug order, in one read: what a metrics scrape checks its cache against. */
  listVersions(): Promise<ProjectVersion[]>;
  get(slug: string): Promise<Project>; // NotFoundError
  /** Its revision and creation time (ms), as last committed by any process: a cache's check. NotFoundError. */
  revisionOf(slug: string): Promise<ProjectRevision>;
  create(input: ProjectCreate, by: Actor): Promise<Project>; // ConflictError on duplicate slug
  update(slug: string, patch: ProjectPatch, opts: WriteOptions): Promise<Project>;
  remove(slug: string, opts: WriteOptions): Promise<void>;
}

/** What planning and forecasting read of one issue. */
export type { PlanRow };

/** Just what planning and forecasting read: each issue's planning fields, and every edge. */
export interface PlanRows {
  issues: PlanRow[];
  edges: DependencyEdge[];
  /** The project as read with them (one operation: no write of this process in between). */
  project: Pick<Project, 'revision' | 'createdAt' | 'defaultEstimateDays'>;
}

export interface IssueStore {
  list(project: string, filter: IssueFilter, page: PageRequest): Promise<Page<Issue>>;
  /** Every issue of the project in a few large queries, for validation and export. */
  listAll(project: string): Promise<Issue[]>;
  /** The plan's input in two lean queries: about a third of listAll's time on a 1k-issue project. */
  listPlanRows(project: string): Promise<PlanRows>;
  get(project: string, key: string): Promise<Issue>;
  create(project: string, input: IssueCreate, by: Actor): Promise<Issue>;
  update(project: string, key: string, patch: IssuePatch, opts: WriteOptions): Promise<Issue>;
  remove(project: string, key: string, opts: WriteOptions): Promise<void>;
}

export interface DependencyStore {
  list(project: string): Promise<DependencyEdge[]>;
  /** Idempotent; DependencyCycleError (409) with the cycle, InvalidInputError for self/unknown keys. */
  add(project: string, edge: DependencyEdge, by: Actor): Promise<{ created: boolean }>;
  remove(project: string, edge: DependencyEdge, by: Actor): Promise<{ removed: boolean }>;
}

export interface AuditFilter {
  /** Only the events of this issue: its own changes and those of its dependencies, either way. */
  issue?: string;
}

export interface AuditStore {
  list(project: string, page: PageRequest, filter?: AuditFilter): Promise<Page<AuditEvent>>;
  /** Every event of the project, oldest first (the forecast's history). */
  listAll(project: string): Promise<AuditEvent[]>;
  /**
   * The project's events after event `afterId` (0: all), oldest first, read in one snapshot with what a
   * reader keeping the trail needs to know it holds all of it (src/services/audit-trail-cache.ts).
   */
  listAfter(project: string, afterId: number): Promise<AuditTrailTail>;
}

/** Part of a project's trail, as AuditStore.listAfter reads it. */
export interface AuditTrailTail {
  /** The project's row: a project deleted and created again under its slug has another trail. */
  trail: number;
  /** How many events the whole trail has (the ones before `afterId` included). */
  total: number;
  events: AuditEvent[];
}

/**
 * What an import does beyond the issues, their dependencies and the goal: it creates the project, or it
 * replaces some of the project's own fields (`name`, `description`, the forecast settings…) or its GitHub
 * link (`github`).
 */
export interface ImportReshape {
  creates: boolean;
  changes: string[];
}

export interface ImportOptions {
  /** Asked, inside the import's transaction and before anything is written, when the import reshapes the project; throws to refuse it. */
  authorize?: (reshape: ImportReshape) => void;
  /** Only create the project: ConflictError, nothing written, when it exists (checked under its write lock). */
  createOnly?: boolean;
}

export interface ProjectDocumentStore {
  export(project: string): Promise<FullProjectDocument>;
  /**
   * Replaces the project's issues and dependencies with the document's, in one
   * transaction; creates the project when it does not exist. All or nothing:
   * InvalidInputError lists every problem (unknown keys, duplicates, each cycle).
   */
  import(
    project: string,
    document: unknown,
    by: Actor,
    options?: ImportOptions,
  ): Promise<{ issues: number; dependencies: number }>;
  /**
   * Brings the project to the document that `plan` returns for the project as it is (null when it does
   * not exist: it is created), in one transaction, changing only what differs: issues that did not change
   * keep their revision, and each change is its own audit event (`issue.create`, `issue.update`,
   * `issue.delete`, `issue.rename`, `dependency.add`, `dependency.remove`, `github.link`). The document is
   * checked as an import's is (InvalidInputError listing every problem; nothing changes).
   */
  apply(
    project: string,
    plan: (current: ProjectDocument | null) => unknown,
    by: Actor,
    options?: ApplyOptions,
  ): Promise<DocumentChanges>;
}

export interface ApplyOptions {
  /**
   * New GitHub id -> the id the project knew, of issues GitHub gave a new id (a transfer): each is the
   * same issue renamed (`issue.rename`, its history kept), not one removed and one added. Read once `plan`
   * has returned: the plan may fill it.
   */
  formerGithubIds?: ReadonlyMap<number, number>;
}

/** What `apply` changed, and the project's document before and after. */
export interface DocumentChanges {
  /** The project did not exist and was created. */
  created: boolean;
  added: string[];
  changed: string[];
  removed: string[];
  renamed: Array<{ from: string; to: string }>;
  dependencies: { added: DependencyEdge[]; removed: DependencyEdge[] };
  before: ProjectDocument | null;
  after: ProjectDocument;
}

/** A linked project and its link. */
export interface LinkedProject {
  project: string;
  link: GithubLink;
}

/** Projects' links to meta issues on GitHub (the GithubLink table). */
export interface GithubLinkStore {
  /** The project's link, or null; NotFoundError for an unknown project. */
  get(project: string): Promise<GithubLink | null>;
  /** Links the project (or changes its link): audited `github.link`; If-Match is the project's ETag. */
  set(project: string, link: GithubLink, opts: WriteOptions): Promise<{ link: GithubLink; created: boolean }>;
  /** Removes the link: audited `github.unlink`; false when there was none. */
  remove(project: string, opts: WriteOptions): Promise<boolean>;
  /** Every linked project, in slug order. */
  list(): Promise<LinkedProject[]>;
  /** The linked projects that hold an issue with one of these GitHub ids, in slug order. */
  withIssues(githubIds: number[]): Promise<LinkedProject[]>;
}

/** Webhook deliveries taken (X-GitHub-Delivery), so that a repeated delivery is ignored. */
/** A delivery held by one handling (GithubDeliveryStore.claim): the id, and when this claim was taken. */
export interface DeliveryClaim {
  id: string;
  at: Date;
}

export interface GithubDeliveryStore {
  /**
   * Takes the delivery to handle it, atomically across replicas: the caller's claim when it now holds it
   * (an id never taken, or a claim older than `staleAfterMs` and never handled: its replica stopped);
   * null when it was handled, or another holds it. Ids older than DELIVERY_RETENTION_DAYS are forgotten.
   */
  claim(id: string, event: string, staleAfterMs?: number): Promise<DeliveryClaim | null>;
  /** Marks the delivery handled (claimed or not): a redelivery is then refused by `claim`. */
  record(id: string, event: string): Promise<void>;
  /**
   * Gives up a claim whose handling failed, so that its redelivery is taken; only this claim: one another
   * replica took over once it went stale is left to that replica (a handled delivery stays so too).
   */
  release(claim: DeliveryClaim): Promise<void>;
  /** Whether a delivery with this id was handled (and not yet forgotten). */
  handled(id: string): Promise<boolean>;
  /** Whether it was handled, or is claimed by a handling under way (a claim not stale). */
  taken(id: string, staleAfterMs?: number): Promise<boolean>;
}

/** A validation run to store: the store assigns `id` and `createdAt`. */
export type NewValidationRun = Omit<ValidationRun, 'id' | 'createdAt' | 'reused'>;

/** Validation runs of a project (the ValidationRun table); newest first. */
export interface ValidationStore {
  /** NotFoundError for an unknown project. */
  create(project: string, run: NewValidationRun): Promise<ValidationRun>;
  /** The newest run with this fingerprint, or null. */
  findByFingerprint(project: string, fingerprint: string): Promise<ValidationRun | null>;
  /** The newest run, or null. */
  latest(project: string): Promise<ValidationRun | null>;
  /** NotFoundError for an unknown project or run. */
  get(project: string, id: string): Promise<ValidationRun>;
  list(project: string, page: PageRequest): Promise<Page<ValidationRunSummary>>;
}

/** A CI check run as stored (the CheckRun table). */
export interface StoredCiCheckRun {
  id: string;
  sha: string;
  done: string[];
  conclusion: string;
  result: unknown;
  createdAt: Date;
  /** Null for a run stored before runs recorded who asked (0008_run_requester). */
  requestedBy: Requester | null;
}

export interface NewCiCheckRun {
  sha: string;
  done: string[];
  conclusion: string;
  result: unknown;
  /** Who asked for it; unknown (null) when not given. */
  requestedBy?: Requester | null;
}

/** CI check runs of a project; NotFoundError for an unknown project (or run, for `get`). */
export interface CiCheckRunStore {
  create(project: string, run: NewCiCheckRun): Promise<StoredCiCheckRun>;
  get(project: string, id: string): Promise<StoredCiCheckRun>;
  /**
   * The newest CI check run of the sha (normalized), or null: of any sha that names the same commit (one
   * begins the other), so that `abc1234` finds the runs of `abc1234…` (src/domain/ci/git-sha.ts).
   */
  latestForSha(project: string, sha: string): Promise<StoredCiCheckRun | null>;
  /** The distinct shas of the CI check runs `latestForSha` looks among, sorted. */
  shasNaming(project: string, sha: string): Promise<string[]>;
}

/** A token to store: the service made its secret and keeps only the digest here. */
export interface NewApiToken {
  name: string;
  scope: Scope;
  project: string | null;
  /** sha256 hex of the token's text. */
  digest: string;
  lastFour: string;
  createdBy: string;
  expiresAt: Date;
}

/** API tokens (the ApiToken table); rows are never deleted: revoking sets revokedAt. */
export interface TokenStore {
  /**
   * Stores the token, unless `refuse` answers an error for the tokens already stored (then thrown, and
   * nothing stored): the look and the insert are one step for every process (a name confusable with
   * another token's, checked on its own first, let two look-alikes in at once).
   */
  create(token: NewApiToken, refuse?: (stored: readonly ApiToken[]) => Error | null): Promise<ApiToken>;
  /** Newest first. */
  list(page: PageRequest): Promise<Page<ApiToken>>;
  /** The token whose digest this is, with that digest, or null. */
  findByDigest(digest: string): Promise<(ApiToken & { digest: string }) | null>;
  /**
   * Sets revokedAt and revokedBy, the actor (an already revoked token keeps its first revocation);
   * NotFoundError for an unknown id.
   */
  revoke(id: string, at: Date, by: string): Promise<ApiToken>;
  /** Records a use (never moving lastUsedAt back: an older use changes nothing); a revoked token stays revoked. */
  touch(id: string, at: Date): Promise<void>;
  /** Whether any token was ever created (revoked and expired ones count). */
  anyExists(): Promise<boolean>;
}

export interface Stores {
  projects: ProjectStore;
  issues: IssueStore;
  dependencies: DependencyStore;
  audit: AuditStore;
  documents: ProjectDocumentStore;
  validations: ValidationStore;
  ciCheckRuns: CiCheckRunStore;
  /** Every write's commit, in order, with what it did to the project's plan input (commit-feed.ts). */
  commits: CommitFeed;
  githubLinks: GithubLinkStore;
  githubDeliveries: GithubDeliveryStore;
  tokens: TokenStore;
}
