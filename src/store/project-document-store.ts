// Import and export of a whole project as one ProjectDocument (version 1).
//
// Import checks the whole document first (every problem, not the first: parseProjectDocument), then
// replaces the project's issues, labels and dependencies in ONE transaction, all or nothing. The rows go
// in as multi-row INSERTs of a few hundred rows each through the same interactive transaction: Prisma
// costs ~170 µs per query here and createMany of 100k rows took 11 s, so a 10k-issue import must be a few
// dozen statements, not tens of thousands. Foreign keys are deferred to the commit so that rows may go in
// any order (a child before its parent).

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

/** Bound parameters per INSERT: far below SQLite's 32766, small enough to prepare quickly. */
const PARAMETERS_PER_STATEMENT = 6000;
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
        async (tx, announce) => {
          await tx.$executeRawUnsafe('PRAGMA defer_foreign_keys = ON');
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
          await insertRows(tx, proj.id, proj.revision, doc, createdAt);
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

/** The text the adapter itself writes for a DateTime (its default `iso8601` format). */
function sqliteTime(date: Date): string {
  return date.toISOString().replace('Z', '+00:00');
}

/**
 * Every issue at the project's new revision (so that no ETag of a replaced issue can match), then the
 * labels and the dependencies, a few hundred rows per statement.
 */
async function insertRows(
  tx: Tx,
  projectId: number,
  revision: number,
  doc: ProjectDocument,
  createdAt: Map<string, Date>,
): Promise<void> {
  const now = new Date();
  const nowText = sqliteTime(now);
  await insertMany(
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
    doc.issues.map((issue) => {
      const created = createdAt.get(issue.key);
      return [
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
        created === undefined ? nowText : sqliteTime(created),
        nowText,
      ];
    }),
  );
  const labelRows: unknown[][] = [];
  for (const issue of doc.issues) {
    for (const label of [...new Set(issue.labels)].sort(compareKeys))
      labelRows.push([projectId, issue.key, label]);
  }
  await insertMany(tx, 'IssueLabel', ['projectId', 'issueKey', 'label'], labelRows);
  await insertMany(
    tx,
    'Dependency',
    ['projectId', 'issueKey', 'blockerKey', 'createdAt'],
    doc.dependencies.map((edge) => [projectId, edge.issue, edge.blockedBy, nowText]),
  );
}

async function insertMany(tx: Tx, table: string, columns: string[], rows: unknown[][]): Promise<void> {
  if (rows.length === 0) return;
  const perStatement = Math.max(1, Math.floor(PARAMETERS_PER_STATEMENT / columns.length));
  const head = `INSERT INTO "${table}" (${columns.map((c) => `"${c}"`).join(', ')}) VALUES `;
  const tuple = `(${columns.map(() => '?').join(', ')})`;
  for (let start = 0; start < rows.length; start += perStatement) {
    const chunk = rows.slice(start, start + perStatement);
    const sql = head + Array.from({ length: chunk.length }, () => tuple).join(', ');
    await tx.$executeRawUnsafe(sql, ...chunk.flat());
  }
}
