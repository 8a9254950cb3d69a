// What every store shares: the engine (src/store/engine.ts) that runs reads and writes, and the small
// steps each write repeats (find the project, bump revisions, record the audit event; If-Match is checked
// by etag.ts).
import { NotFoundError } from '../domain/errors.js';
import type { Check, Project, TeamSetting } from '../domain/model.js';
import type { CommitPublisher, ProjectCommit } from './commit-feed.js';
import type { Engine, Tx } from './engine.js';
import type { Prisma } from './generated/client.js';
import type { Actor } from './types.js';

export type { Tx } from './engine.js';
export type ProjectRow = Prisma.ProjectGetPayload<object>;

export interface StoreContext {
  engine: Engine;
  /** Where writes announce what they committed (commit-feed.ts). */
  commits: CommitPublisher;
}

/** Records a write's commit, announced once the transaction has committed. */
export type Announce = (commit: ProjectCommit) => void;

/** Runs a read in one snapshot, on a reader connection: never behind a write. */
export function read<T>(ctx: StoreContext, operation: (db: Tx) => Promise<T>): Promise<T> {
  return ctx.engine.read(operation);
}

/** One statement on a reader, outside a transaction (Engine.readOne): for hot single-row reads. */
export function readOne<T>(ctx: StoreContext, statement: (db: Tx) => Promise<T>): Promise<T> {
  return ctx.engine.readOne(statement);
}

/**
 * Runs a write to project `slug` in one transaction, writers to one project taking turns across
 * processes (the engine's lock): read-then-write steps (a cycle check and the insert, If-Match and the
 * update) see no other writer's work in between. What the operation announces is published to this
 * process's commit feed once the transaction has committed (other replicas read the revision instead).
 * `slug` null: a write to rows of no project (API tokens), taking no project's turn.
 */
export async function write<T>(
  ctx: StoreContext,
  slug: string | null,
  operation: (tx: Tx, announce: Announce) => Promise<T>,
  timeoutMs = 30_000,
): Promise<T> {
  const announced: ProjectCommit[] = [];
  const result = await ctx.engine.write(
    slug,
    (tx) => {
      announced.length = 0; // a retried transaction announces afresh
      return operation(tx, (commit) => announced.push(commit));
    },
    timeoutMs,
  );
  for (const commit of announced) ctx.commits.publish(commit);
  return result;
}

export async function findProject(db: Tx, slug: string): Promise<ProjectRow> {
  const row = await db.project.findUnique({ where: { slug } });
  if (row === null) throw new NotFoundError('project', slug);
  return row;
}

/**
 * The first revision of a new project: above every revision an earlier project with this slug reached
 * (its `project.delete` event keeps it), so that no ETag of the deleted project, or of its issues, can
 * match the new one or its issues. One query on the audit trail; projects are created rarely.
 */
export async function firstRevision(tx: Tx, slug: string): Promise<number> {
  const deleted = await tx.auditEvent.findFirst({
    where: { projectSlug: slug, action: 'project.delete' },
    orderBy: { id: 'desc' },
    select: { before: true },
  });
  if (deleted?.before == null) return 1;
  const { revision } = JSON.parse(deleted.before) as { revision?: unknown };
  return typeof revision === 'number' && Number.isSafeInteger(revision) ? revision + 1 : 1;
}

/** Bumps the project's revision (every change to it, its issues or its edges) and returns the new one. */
export async function bumpProject(tx: Tx, projectId: number): Promise<number> {
  const row = await tx.project.update({
    where: { id: projectId },
    data: { revision: { increment: 1 } },
    select: { revision: true },
  });
  return row.revision;
}

export interface AuditEntry {
  action: string;
  target: string | null;
  before: unknown;
  after: unknown;
}

export async function recordAudit(
  tx: Tx,
  project: { id: number; slug: string },
  by: Actor,
  entries: AuditEntry[],
): Promise<void> {
  if (entries.length === 0) return;
  const at = new Date();
  await tx.auditEvent.createMany({
    data: entries.map((entry) => ({
      projectId: project.id,
      projectSlug: project.slug,
      actor: by.actor,
      onBehalfOf: by.onBehalfOf ?? null,
      tokenId: by.tokenId ?? null,
      action: entry.action,
      target: entry.target,
      before: entry.before === undefined || entry.before === null ? null : JSON.stringify(entry.before),
      after: entry.after === undefined || entry.after === null ? null : JSON.stringify(entry.after),
      at,
    })),
  });
}

export function toProject(row: ProjectRow): Project {
  return {
    slug: row.slug,
    name: row.name,
    description: row.description,
    goal: JSON.parse(row.goal) as Check[],
    defaultEstimateDays: row.defaultEstimateDays,
    team: row.team === null ? null : (JSON.parse(row.team) as TeamSetting),
    start: row.start,
    workdays: JSON.parse(row.workdays) as number[],
    holidays: JSON.parse(row.holidays) as string[],
    revision: row.revision,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}

/** A project's forecast settings, as the project row stores them (JSON text); absent ones stay absent. */
export function settingsColumns(
  settings: Partial<Pick<Project, 'team' | 'start' | 'workdays' | 'holidays'>>,
) {
  const { team, start, workdays, holidays } = settings;
  return {
    team: team === undefined ? undefined : team === null ? null : JSON.stringify(team),
    start,
    workdays: workdays === undefined ? undefined : JSON.stringify(workdays),
    holidays: holidays === undefined ? undefined : JSON.stringify(holidays),
  };
}

/** `issue<-blocker`: the audit target of an edge. */
export function edgeTarget(issue: string, blocker: string): string {
  return `${issue}<-${blocker}`;
}

/** Code-unit order, the same as SQLite's BINARY collation for the ASCII keys we allow. */
export { compareKeys } from '../domain/plan/key-order.js';
