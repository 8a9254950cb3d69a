// Import and export of a whole project as one ProjectDocument (version 1).
//
// Import checks the whole document first (every problem, not the first: parseProjectDocument), then
// replaces the project's issues, labels and dependencies in ONE transaction, all or nothing. The rows go
// in as multi-row INSERTs of thousands of rows each through the same interactive transaction (the
// engine's insertMany): Prisma costs ~170 µs per query here and createMany of 100k rows took 11 s, so a
// 10k-issue import must be a few statements, not tens of thousands. Parents go in before their children
// (the parent reference is checked at each statement's end on both engines).
import { DEFAULT_WORKDAYS } from '../domain/forecast/calendar.js';
import {
  type FullProjectDocument,
  type Project,
  type ProjectDocument,
  toDocumentIssue,
} from '../domain/model.js';
import { parseProjectDocument } from '../domain/project-document.js';
import { toIssues } from './issue-rows.js';
import { assertProjectSlug } from './project-slug.js';
import {
  compareKeys,
  findProject,
  firstRevision,
  read,
  recordAudit,
  type StoreContext,
  settingsColumns,
  type Tx,
  toProject,
  write,
} from './store-context.js';
import type { Actor, ProjectDocumentStore } from './types.js';

/** A 100k-issue import takes seconds; the interactive transaction must not time out under it. */
const IMPORT_TIMEOUT_MS = 10 * 60_000;

export function createProjectDocumentStore(ctx: StoreContext): ProjectDocumentStore {
  return {
    async export(project: string): Promise<FullProjectDocument> {
      return read(ctx, async (db) => {
        const proj = await findProject(db, project);
        const rows = await db.issue.findMany({ where: { projectId: proj.id }, orderBy: { key: 'asc' } });
        const issues = await toIssues(db, proj.id, rows, true);
        return {
          version: 1,
          project: {
            slug: proj.slug,
            name: proj.name,
            description: proj.description,
            goal: JSON.parse(proj.goal) as ProjectDocument['project']['goal'],
            defaultEstimateDays: proj.defaultEstimateDays,
            ...forecastSettingsOf(toProject(proj)),
          },
          issues: issues.map(toDocumentIssue),
          dependencies: issues.flatMap((issue) =>
            issue.blockedBy.map((blockedBy) => ({ issue: issue.key, blockedBy })),
          ),
        };
      });
    },

    async import(project: string, input: unknown, by: Actor) {
      // The one parse of an imported document (shape, then content): callers hand over what they read.
      const doc = parseProjectDocument(input);
      assertProjectSlug(project);
      return write(
        ctx,
        project,
        async (tx, announce) => {
          const fields = {
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
          const existing = await tx.project.findUnique({ where: { slug: project } });
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
          await insertRows(ctx, tx, proj.id, proj.revision, doc, createdAt);
          const after = { issues: doc.issues.length, dependencies: doc.dependencies.length };
          await recordAudit(tx, proj, by, [{ action: 'project.import', target: null, before, after }]);
          announce({ project, revision: proj.revision, changes: null });
          return after;
        },
        IMPORT_TIMEOUT_MS,
      );
    },
  };
}

function forecastSettingsOf({ team, start, workdays, holidays }: Project) {
  return { team, start, workdays, holidays };
}

/**
 * Every issue at the project's new revision (so that no ETag of a replaced issue can match), parents
 * before children, then the labels and the dependencies, thousands of rows per statement.
 */
async function insertRows(
  ctx: StoreContext,
  tx: Tx,
  projectId: number,
  revision: number,
  doc: ProjectDocument,
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
      'revision',
      'createdAt',
      'updatedAt',
    ],
    parentsFirst(doc.issues).map((issue) => [
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
      revision,
      createdAt.get(issue.key) ?? now,
      now,
    ]),
  );
  const labelRows: unknown[][] = [];
  for (const issue of doc.issues) {
    for (const label of [...new Set(issue.labels)].sort(compareKeys))
      labelRows.push([projectId, issue.key, label]);
  }
  await ctx.engine.insertMany(tx, 'IssueLabel', ['projectId', 'issueKey', 'label'], labelRows);
  await ctx.engine.insertMany(
    tx,
    'Dependency',
    ['projectId', 'issueKey', 'blockerKey', 'createdAt'],
    doc.dependencies.map((edge) => [projectId, edge.issue, edge.blockedBy, now]),
  );
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
