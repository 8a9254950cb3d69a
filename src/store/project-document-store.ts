// Import, export and apply of a whole project as one ProjectDocument (version 1).
//
// Import checks the whole document first (every problem, not the first: parseProjectDocument), then
// replaces the project's issues, labels and dependencies in ONE transaction, all or nothing. The rows go
// in as multi-row INSERTs of thousands of rows each through the same interactive transaction (the
// engine's insertMany): Prisma costs ~170 µs per query here and createMany of 100k rows took 11 s, so a
// 10k-issue import must be a few statements, not tens of thousands. Parents go in before their children
// (the parent reference is checked at each statement's end on both engines).
//
// Apply (the GitHub sync and webhooks) checks the document the same way, in the same kind of transaction,
// but changes only what differs from the stored project (src/domain/document-diff.ts), with an audit event
// per change: a sync that finds nothing new writes nothing, and unchanged issues keep their ETags.
import { type DocumentDiff, diffDocuments, isEmptyDiff } from '../domain/document-diff.js';
import { ConflictError } from '../domain/errors.js';
import { DEFAULT_WORKDAYS } from '../domain/forecast/calendar.js';
import { sameGithubLink } from '../domain/github/repository.js';
import type {
  DependencyEdge,
  DocumentIssue,
  FullProjectDocument,
  GithubLink,
  Project,
  ProjectDocument,
} from '../domain/model.js';
import { toDocumentIssue } from '../domain/model.js';
import { parseProjectDocument } from '../domain/project-document.js';
import type { PrismaClient } from './generated/client.js';
import { saveGithubLink, toGithubLink } from './github-link-store.js';
import { toIssues } from './issue-rows.js';
import { assertProjectSlug } from './project-slug.js';
import {
  type Announce,
  type AuditEntry,
  compareKeys,
  edgeTarget,
  findProject,
  firstRevision,
  type ProjectRow,
  read,
  recordAudit,
  type StoreContext,
  settingsColumns,
  type Tx,
  toProject,
  write,
} from './store-context.js';
import type { Actor, DocumentChanges, ImportOptions, ImportReshape, ProjectDocumentStore } from './types.js';

/** A 100k-issue import takes seconds; the interactive transaction must not time out under it. */
const IMPORT_TIMEOUT_MS = 10 * 60_000;

export function createProjectDocumentStore(ctx: StoreContext): ProjectDocumentStore {
  return {
    async export(project: string): Promise<FullProjectDocument> {
      return read(ctx, async (db) => readDocument(db, await findProject(db, project)));
    },

    async import(project: string, input: unknown, by: Actor, options: ImportOptions = {}) {
      // The one parse of an imported document (shape, then content): callers hand over what they read.
      const doc = parseProjectDocument(input);
      assertProjectSlug(project);
      return write(
        ctx,
        project,
        async (tx, announce) => {
          const fields = projectFields(doc);
          const existing = await tx.project.findUnique({ where: { slug: project } });
          if (existing !== null && options.createOnly) {
            throw new ConflictError(`project '${project}' already exists`, { slug: project });
          }
          const reshape = await reshapeOf(tx, existing, fields, doc.project.github);
          if (reshape.creates || reshape.changes.length > 0) options.authorize?.(reshape);
          let before: { issues: number; dependencies: number } | null = null;
          const createdAt = new Map<string, Date>();
          let proj: { id: number; slug: string; revision: number };
          if (existing === null) {
            const revision = await firstRevision(tx, project);
            proj = await tx.project.create({ data: { slug: project, ...fields, revision } });
          } else {
            const [oldIssues, dependencies] = await Promise.all([
              tx.issue.findMany({
                where: { projectId: existing.id },
                select: { key: true, createdAt: true },
              }),
              tx.dependency.count({ where: { projectId: existing.id } }),
            ]);
            before = { issues: oldIssues.length, dependencies };
            // An issue that stays keeps its creation time.
            for (const row of oldIssues) createdAt.set(row.key, row.createdAt);
            await tx.dependency.deleteMany({ where: { projectId: existing.id } });
            await tx.issueLabel.deleteMany({ where: { projectId: existing.id } });
            await tx.issue.deleteMany({ where: { projectId: existing.id } });
            proj = await tx.project.update({
              where: { id: existing.id },
              data: { ...fields, revision: { increment: 1 } },
            });
          }
          // Every issue at the project's new revision, so that no ETag of a replaced issue can match.
          await insertIssues(ctx, tx, proj.id, proj.revision, doc.issues, createdAt);
          await insertDependencies(ctx, tx, proj.id, doc.dependencies);
          // A document without `github` keeps the project's link; `github: null` removes it.
          if (doc.project.github !== undefined) await saveGithubLink(tx, proj.id, doc.project.github);
          const after = { issues: doc.issues.length, dependencies: doc.dependencies.length };
          await recordAudit(tx, proj, by, [{ action: 'project.import', target: null, before, after }]);
          announce({ project, revision: proj.revision, changes: null });
          return after;
        },
        IMPORT_TIMEOUT_MS,
      );
    },

    async apply(project, plan, by, options = {}): Promise<DocumentChanges> {
      assertProjectSlug(project);
      return write(
        ctx,
        project,
        async (tx, announce) => {
          const existing = await tx.project.findUnique({ where: { slug: project } });
          const before = existing === null ? null : await readDocument(tx, existing);
          const doc = parseProjectDocument(plan(before));
          if (existing === null) {
            const created = await createFromDocument(ctx, tx, project, doc, by);
            await announceRevision(tx, project, announce);
            return created;
          }
          const diff = diffDocuments(before!, doc, options.formerGithubIds);
          if (isEmptyDiff(diff)) return changesOf(diff, false, before, before!);
          await applyDiff(ctx, tx, existing, doc, diff, by);
          // As after an import: the plan input changed in more ways than steps say.
          await announceRevision(tx, project, announce);
          return changesOf(diff, false, before, await readDocument(tx, existing));
        },
        IMPORT_TIMEOUT_MS,
      );
    },
  };
}

async function announceRevision(tx: Tx, project: string, announce: Announce): Promise<void> {
  const { revision } = await tx.project.findUniqueOrThrow({
    where: { slug: project },
    select: { revision: true },
  });
  announce({ project, revision, changes: null });
}

function forecastSettingsOf({ team, start, workdays, holidays }: Project) {
  return { team, start, workdays, holidays };
}

function projectFields(doc: ProjectDocument) {
  return {
    name: doc.project.name,
    description: doc.project.description,
    goal: JSON.stringify(doc.project.goal),
    defaultEstimateDays: doc.project.defaultEstimateDays,
    ...settingsColumns({
      team: doc.project.team ?? null,
      start: doc.project.start ?? null,
      workdays: doc.project.workdays ?? [...DEFAULT_WORKDAYS],
      holidays: doc.project.holidays ?? [],
    }),
  };
}

/** What importing a document with project `fields` and link `github` does to the stored project beyond its issues and goal. */
async function reshapeOf(
  tx: Tx,
  existing: (Record<string, unknown> & { id: number }) | null,
  fields: ReturnType<typeof projectFields>,
  github: GithubLink | null | undefined,
): Promise<ImportReshape> {
  if (existing === null) return { creates: true, changes: [] };
  const changes = Object.entries(fields)
    .filter(([column, value]) => column !== 'goal' && value !== undefined && value !== existing[column])
    .map(([column]) => column);
  if (github !== undefined) {
    const row = await tx.githubLink.findUnique({ where: { projectId: existing.id } });
    const current = row === null ? null : toGithubLink(row);
    if (current === null ? github !== null : github === null || !sameGithubLink(current, github))
      changes.push('github');
  }
  return { creates: false, changes };
}

/** The stored project as a document, GitHub ids and link included. */
async function readDocument(db: Tx | PrismaClient, proj: ProjectRow): Promise<FullProjectDocument> {
  const [rows, link] = await Promise.all([
    db.issue.findMany({ where: { projectId: proj.id }, orderBy: { key: 'asc' } }),
    db.githubLink.findUnique({ where: { projectId: proj.id } }),
  ]);
  const issues = await toIssues(db, proj.id, rows, true);
  const githubIdOf = new Map(rows.map((r) => [r.key, r.githubId]));
  return {
    version: 1,
    project: {
      slug: proj.slug,
      name: proj.name,
      description: proj.description,
      goal: JSON.parse(proj.goal) as ProjectDocument['project']['goal'],
      defaultEstimateDays: proj.defaultEstimateDays,
      ...forecastSettingsOf(toProject(proj)),
      ...(link === null ? {} : { github: toGithubLink(link) }),
    },
    issues: issues.map((issue) => {
      const githubId = githubIdOf.get(issue.key);
      const doc = toDocumentIssue(issue);
      return githubId == null ? doc : { ...doc, githubId: Number(githubId) };
    }),
    dependencies: issues.flatMap((issue) =>
      issue.blockedBy.map((blockedBy) => ({ issue: issue.key, blockedBy })),
    ),
  };
}

function changesOf(
  diff: DocumentDiff,
  created: boolean,
  before: ProjectDocument | null,
  after: ProjectDocument,
): DocumentChanges {
  return {
    created,
    added: diff.added.map((i) => i.key),
    changed: diff.changed.map((c) => c.after.key),
    removed: diff.removed.map((i) => i.key),
    renamed: diff.renamed.map((r) => ({ from: r.before.key, to: r.after.key })),
    dependencies: { added: diff.dependenciesAdded, removed: diff.dependenciesRemoved },
    before,
    after,
  };
}

const edgeAudit = (edge: DependencyEdge, added: boolean): AuditEntry => ({
  action: added ? 'dependency.add' : 'dependency.remove',
  target: edgeTarget(edge.issue, edge.blockedBy),
  before: added ? null : edge,
  after: added ? edge : null,
});

async function createFromDocument(
  ctx: StoreContext,
  tx: Tx,
  project: string,
  doc: ProjectDocument,
  by: Actor,
): Promise<DocumentChanges> {
  const revision = await firstRevision(tx, project);
  const proj = await tx.project.create({ data: { slug: project, ...projectFields(doc), revision } });
  await insertIssues(ctx, tx, proj.id, proj.revision, doc.issues, new Map());
  await insertDependencies(ctx, tx, proj.id, doc.dependencies);
  if (doc.project.github != null) await saveGithubLink(tx, proj.id, doc.project.github);
  const { github, ...fields } = doc.project;
  await recordAudit(tx, proj, by, [
    { action: 'project.create', target: null, before: null, after: fields },
    ...(github == null ? [] : [{ action: 'github.link', target: null, before: null, after: github }]),
    ...doc.issues.map((issue) => ({ action: 'issue.create', target: issue.key, before: null, after: issue })),
    ...doc.dependencies.map((edge) => edgeAudit(edge, true)),
  ]);
  const diff = diffDocuments({ ...doc, issues: [], dependencies: [] }, doc);
  return changesOf(diff, true, null, doc);
}

/** Writes exactly the diff: one bump of the project's revision, which every touched issue takes. */
async function applyDiff(
  ctx: StoreContext,
  tx: Tx,
  proj: ProjectRow,
  doc: ProjectDocument,
  diff: DocumentDiff,
  by: Actor,
) {
  const { revision } = await tx.project.update({
    where: { id: proj.id },
    data: { ...(diff.projectChanged ? projectFields(doc) : {}), revision: { increment: 1 } },
    select: { revision: true },
  });
  const projectId = proj.id;

  await deleteDependencies(tx, projectId, diff.dependenciesRemoved);
  // The parent reference is checked at each statement's end on both engines, so the steps go in an order
  // where it always holds: parents that change are cleared first, the issues that go (removed ones and
  // the old keys of renamed ones, with their labels and edges: ON DELETE CASCADE) are deleted, the new
  // ones inserted parents first, and the changed ones take their new parent last. Keys may swap.
  const gone = [...diff.removed, ...diff.renamed.map((r) => r.before)].map((i) => i.key);
  const createdAt = new Map<string, Date>();
  if (diff.renamed.length > 0) {
    const rows = await tx.issue.findMany({
      where: { projectId, key: { in: diff.renamed.map((r) => r.before.key) } },
      select: { key: true, createdAt: true },
    });
    const byKey = new Map(rows.map((r) => [r.key, r.createdAt]));
    for (const r of diff.renamed) createdAt.set(r.after.key, byKey.get(r.before.key) ?? new Date());
  }
  // A parent whose key now names another issue (src/domain/document-diff.ts) is deleted too: a new parent.
  const goneKeys = new Set(gone);
  const reparented = diff.changed
    .filter(
      (c) => c.before.parent !== c.after.parent || (c.after.parent !== null && goneKeys.has(c.after.parent)),
    )
    .map((c) => c.after.key);
  for (const keys of chunks([...reparented, ...gone], 500)) {
    await tx.issue.updateMany({ where: { projectId, key: { in: keys } }, data: { parentKey: null } });
  }
  for (const keys of chunks(gone, 500)) {
    await tx.issue.deleteMany({ where: { projectId, key: { in: keys } } });
  }
  await insertIssues(
    ctx,
    tx,
    projectId,
    revision,
    [...diff.added, ...diff.renamed.map((r) => r.after)],
    createdAt,
  );
  for (const { after } of diff.changed) {
    await tx.issue.update({
      where: { projectId_key: { projectId, key: after.key } },
      data: {
        title: after.title,
        body: after.body,
        status: after.status,
        estimateDays: after.estimateDays,
        estimateLowDays: after.estimateLowDays ?? null,
        estimateHighDays: after.estimateHighDays ?? null,
        assignee: after.assignee ?? null,
        priority: after.priority ?? null,
        parentKey: after.parent,
        url: after.url,
        claims: JSON.stringify(after.claims),
        checks: JSON.stringify(after.checks),
        githubId: after.githubId === undefined ? null : BigInt(after.githubId),
        revision,
      },
    });
  }
  for (const keys of chunks(
    diff.changed.map((c) => c.after.key),
    500,
  )) {
    await tx.issueLabel.deleteMany({ where: { projectId, issueKey: { in: keys } } });
  }
  await insertLabels(
    ctx,
    tx,
    projectId,
    diff.changed.map((c) => c.after),
  );
  await insertDependencies(ctx, tx, projectId, diff.dependenciesAdded);

  // Both ends of a changed edge show it (blockedBy, blocks): they take the new revision too.
  const present = new Set(doc.issues.map((i) => i.key));
  const ends = [
    ...new Set(
      [...diff.dependenciesAdded, ...diff.dependenciesRemoved].flatMap((e) => [e.issue, e.blockedBy]),
    ),
  ].filter((k) => present.has(k));
  for (let i = 0; i < ends.length; i += 500) {
    await tx.issue.updateMany({
      where: { projectId, key: { in: ends.slice(i, i + 500) } },
      data: { revision },
    });
  }
  if (diff.link !== undefined) await saveGithubLink(tx, projectId, diff.link);

  const { github: _link, ...fieldsAfter } = doc.project;
  const events: AuditEntry[] = [];
  if (diff.projectChanged) {
    // Before and after, as the project store records its updates: the trail can undo it (the trend does).
    const current = toProject(proj);
    events.push({
      action: 'project.update',
      target: null,
      before: {
        slug: proj.slug,
        name: current.name,
        description: current.description,
        goal: current.goal,
        defaultEstimateDays: current.defaultEstimateDays,
        ...forecastSettingsOf(current),
      },
      after: { ...fieldsAfter, slug: proj.slug },
    });
  }
  if (diff.link !== undefined) {
    events.push({
      action: diff.link === null ? 'github.unlink' : 'github.link',
      target: null,
      before: null,
      after: diff.link,
    });
  }
  // In an order that replays (the forecast undoes the trail newest first): a key is freed (its issue
  // deleted, or renamed away: diff.renamed frees before it takes) before another issue takes it.
  for (const issue of diff.removed)
    events.push({ action: 'issue.delete', target: issue.key, before: issue, after: null });
  for (const r of diff.renamed) {
    events.push({ action: 'issue.rename', target: r.after.key, before: r.before, after: r.after });
  }
  for (const issue of diff.added)
    events.push({ action: 'issue.create', target: issue.key, before: null, after: issue });
  for (const c of diff.changed)
    events.push({ action: 'issue.update', target: c.after.key, before: c.before, after: c.after });
  for (const edge of diff.dependenciesRemoved) events.push(edgeAudit(edge, false));
  for (const edge of diff.dependenciesAdded) events.push(edgeAudit(edge, true));
  await recordAudit(tx, proj, by, events);
}

function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/**
 * Issues at `revision` with their labels, parents before children, thousands of rows per statement;
 * `createdAt` keeps old times.
 */
async function insertIssues(
  ctx: StoreContext,
  tx: Tx,
  projectId: number,
  revision: number,
  issues: DocumentIssue[],
  createdAt: Map<string, Date>,
): Promise<void> {
  const now = new Date();
  await ctx.engine.insertMany(
    tx,
    'Issue',
    [
      'projectId',
      'key',
      'title',
      'body',
      'status',
      'estimateDays',
      'estimateLowDays',
      'estimateHighDays',
      'assignee',
      'priority',
      'parentKey',
      'url',
      'claims',
      'checks',
      'githubId',
      'revision',
      'createdAt',
      'updatedAt',
    ],
    parentsFirst(issues).map((issue) => [
      projectId,
      issue.key,
      issue.title,
      issue.body,
      issue.status,
      issue.estimateDays,
      issue.estimateLowDays ?? null,
      issue.estimateHighDays ?? null,
      issue.assignee ?? null,
      issue.priority ?? null,
      issue.parent,
      issue.url,
      JSON.stringify(issue.claims),
      JSON.stringify(issue.checks),
      issue.githubId == null ? null : BigInt(issue.githubId),
      revision,
      createdAt.get(issue.key) ?? now,
      now,
    ]),
  );
  await insertLabels(ctx, tx, projectId, issues);
}

async function insertLabels(
  ctx: StoreContext,
  tx: Tx,
  projectId: number,
  issues: DocumentIssue[],
): Promise<void> {
  const rows: unknown[][] = [];
  for (const issue of issues) {
    for (const label of [...new Set(issue.labels)].sort(compareKeys))
      rows.push([projectId, issue.key, label]);
  }
  await ctx.engine.insertMany(tx, 'IssueLabel', ['projectId', 'issueKey', 'label'], rows);
}

async function insertDependencies(
  ctx: StoreContext,
  tx: Tx,
  projectId: number,
  edges: DependencyEdge[],
): Promise<void> {
  const now = new Date();
  await ctx.engine.insertMany(
    tx,
    'Dependency',
    ['projectId', 'issueKey', 'blockerKey', 'createdAt'],
    edges.map((edge) => [projectId, edge.issue, edge.blockedBy, now]),
  );
}

async function deleteDependencies(tx: Tx, projectId: number, edges: DependencyEdge[]): Promise<void> {
  for (const chunk of chunks(edges, 500)) {
    await tx.dependency.deleteMany({
      where: { projectId, OR: chunk.map((e) => ({ issueKey: e.issue, blockerKey: e.blockedBy })) },
    });
  }
}

/** The issues ordered by their depth in the parent forest (a checked document has no parent cycle). */
function parentsFirst<T extends { key: string; parent: string | null }>(issues: readonly T[]): T[] {
  const parentOf = new Map(issues.map((issue) => [issue.key, issue.parent]));
  const depth = new Map<string, number>();
  const depthOf = (key: string): number => {
    const chain: string[] = [];
    let at: string | null | undefined = key;
    while (at != null && !depth.has(at)) {
      chain.push(at);
      at = parentOf.get(at);
    }
    let d = at == null ? -1 : depth.get(at)!;
    for (let i = chain.length - 1; i >= 0; i--) depth.set(chain[i]!, ++d);
    return depth.get(key)!;
  };
  return issues
    .map((issue, index) => ({ issue, index, depth: depthOf(issue.key) }))
    .sort((a, b) => a.depth - b.depth || a.index - b.index)
    .map((entry) => entry.issue);
}
