// Issues of a project, addressed by key; listed in key order.
//
// Deleting an issue removes its edges (one `dependency.remove` event each) and clears its children's
// parent (one `issue.update` event each) rather than refusing: the children stay, now top-level. The
// database backs this up: the parent reference is NO ACTION, so a delete that forgot the children fails.
import { ConflictError, InvalidInputError, NotFoundError } from '../domain/errors.js';
import { type EstimateRange, estimateRangeProblems } from '../domain/estimate-range.js';
import { ownParentMessage, parentCycleIfSet, parentCycleMessage } from '../domain/graph/parent-cycle.js';
import type { Issue } from '../domain/model.js';
import { assertNoProblems, runtimeFieldProblems } from '../domain/validation/catalog-checks.js';
import { decodeStringCursor, encodeCursor } from './cursor.js';
import { checkIfMatch } from './etag.js';
import type { Prisma } from './generated/client.js';
import { type IssueRow, issueAuditView, toIssue, toIssues, toPlanRow } from './issue-rows.js';
import {
  type AuditEntry,
  bumpProject,
  edgeTarget,
  findProject,
  read,
  recordAudit,
  type StoreContext,
  type Tx,
  write,
} from './store-context.js';
import type {
  Actor,
  IssueCreate,
  IssueFilter,
  IssuePatch,
  IssueStore,
  Page,
  PageRequest,
  WriteOptions,
} from './types.js';

/** The columns a plan row reads (toPlanRow): the plan's input and the rows a parent rolls up. */
const PLAN_ROW_COLUMNS = {
  key: true,
  status: true,
  estimateDays: true,
  estimateLowDays: true,
  estimateHighDays: true,
  assignee: true,
  priority: true,
  parentKey: true,
} as const;

export function createIssueStore(ctx: StoreContext): IssueStore {
  return {
    async list(project: string, filter: IssueFilter, page: PageRequest): Promise<Page<Issue>> {
      // The cursor's list: this project's issues under these filters (the statuses in one order).
      // (JSON leaves an absent filter out: no parent filter and `parent: null` are told apart.)
      const { status, label, parent } = filter;
      const selection = { project, status: status && [...new Set(status)].sort(), label, parent };
      const after =
        page.cursor === undefined ? undefined : decodeStringCursor('issues', page.cursor, selection);
      return read(ctx, async (db) => {
        const where: Prisma.IssueWhereInput = { project: { slug: project } };
        if (after !== undefined) where.key = { gt: after };
        if (filter.status !== undefined) where.status = { in: filter.status };
        if (filter.label !== undefined) where.labels = { some: { label: filter.label } };
        if (filter.parent !== undefined) where.parentKey = filter.parent;
        const rows = await db.issue.findMany({ where, orderBy: { key: 'asc' }, take: page.limit + 1 });
        // An empty page may mean an unknown project: only then is it worth a query to tell.
        if (rows.length === 0) await findProject(db, project);
        const shown = rows.slice(0, page.limit);
        const issues = shown.length === 0 ? [] : await toIssues(db, shown[0]!.projectId, shown, false);
        const nextCursor =
          rows.length > page.limit ? encodeCursor('issues', shown[shown.length - 1]!.key, selection) : null;
        return { items: issues, nextCursor };
      });
    },

    async listAll(project: string): Promise<Issue[]> {
      return read(ctx, async (db) => {
        const { id } = await findProject(db, project);
        const rows = await db.issue.findMany({ where: { projectId: id }, orderBy: { key: 'asc' } });
        return toIssues(db, id, rows, true);
      });
    },

    async listPlanRows(project: string) {
      return read(ctx, async (db) => {
        const { id, revision, createdAt, defaultEstimateDays } = await findProject(db, project);
        const [rows, edges] = await Promise.all([
          db.issue.findMany({
            where: { projectId: id },
            select: PLAN_ROW_COLUMNS,
            orderBy: { key: 'asc' },
          }),
          db.dependency.findMany({ where: { projectId: id }, select: { issueKey: true, blockerKey: true } }),
        ]);
        return {
          issues: rows.map(toPlanRow),
          edges: edges.map((e) => ({ issue: e.issueKey, blockedBy: e.blockerKey })),
          project: { revision, createdAt, defaultEstimateDays },
        };
      });
    },

    async get(project: string, key: string): Promise<Issue> {
      return read(ctx, async (db) => {
        const { id } = await findProject(db, project);
        return (await toIssues(db, id, [await findIssue(db, id, key)], false))[0]!;
      });
    },

    async create(project: string, input: IssueCreate, by: Actor): Promise<Issue> {
      assertNoProblems(runtimeFieldProblems(input), 'invalid claims or checks');
      assertEstimateRange({
        estimateDays: input.estimateDays ?? null,
        estimateLowDays: input.estimateLowDays ?? null,
        estimateHighDays: input.estimateHighDays ?? null,
      });
      return write(ctx, project, async (tx, announce) => {
        const proj = await findProject(tx, project);
        const existing = await tx.issue.findUnique({
          where: { projectId_key: { projectId: proj.id, key: input.key } },
          select: { id: true },
        });
        if (existing !== null) {
          throw new ConflictError(`issue '${input.key}' already exists in project '${project}'`, {
            key: input.key,
          });
        }
        const parent = input.parent ?? null;
        if (parent !== null) await checkParent(ctx, tx, proj.id, input.key, parent);
        // A new issue starts at the project's new revision, never at 1: an ETag of a deleted issue with
        // the same key can then never match the new one.
        const revision = await bumpProject(tx, proj.id);
        const labels = uniqueLabels(input.labels ?? []);
        const row = await tx.issue.create({
          data: {
            projectId: proj.id,
            key: input.key,
            title: input.title,
            body: input.body ?? '',
            status: input.status ?? 'open',
            estimateDays: input.estimateDays ?? null,
            estimateLowDays: input.estimateLowDays ?? null,
            estimateHighDays: input.estimateHighDays ?? null,
            assignee: input.assignee ?? null,
            priority: input.priority ?? null,
            parentKey: parent,
            url: input.url ?? null,
            claims: JSON.stringify(input.claims ?? []),
            checks: JSON.stringify(input.checks ?? []),
            revision,
          },
        });
        if (labels.length > 0) {
          await tx.issueLabel.createMany({
            data: labels.map((label) => ({ projectId: proj.id, issueKey: input.key, label })),
          });
        }
        const issue = toIssue(row, labels, [], []);
        await recordAudit(tx, proj, by, [
          { action: 'issue.create', target: issue.key, before: null, after: issueAuditView(issue) },
        ]);
        announce({ project, revision, changes: [{ kind: 'issue', issue: toPlanRow(row) }] });
        return issue;
      });
    },

    async update(project: string, key: string, patch: IssuePatch, opts: WriteOptions): Promise<Issue> {
      // Found before the write lock is taken, refused after the precondition: a stale If-Match is a 412
      // whatever the content (RFC 9110 §13.2.1), as an unknown issue is a 404.
      const problems = runtimeFieldProblems(patch);
      return write(ctx, project, async (tx, announce) => {
        const proj = await findProject(tx, project);
        const row = await findIssue(tx, proj.id, key);
        checkIfMatch(opts.ifMatch, row);
        assertNoProblems(problems, 'invalid claims or checks');
        const before = (await toIssues(tx, proj.id, [row], false))[0]!;
        const labels = patch.labels === undefined ? before.labels : uniqueLabels(patch.labels);
        const next = {
          title: patch.title ?? before.title,
          body: patch.body ?? before.body,
          status: patch.status ?? before.status,
          estimateDays: patch.estimateDays === undefined ? before.estimateDays : patch.estimateDays,
          estimateLowDays:
            patch.estimateLowDays === undefined ? before.estimateLowDays : patch.estimateLowDays,
          estimateHighDays:
            patch.estimateHighDays === undefined ? before.estimateHighDays : patch.estimateHighDays,
          assignee: patch.assignee === undefined ? before.assignee : patch.assignee,
          priority: patch.priority === undefined ? before.priority : patch.priority,
          parent: patch.parent === undefined ? before.parent : patch.parent,
          url: patch.url === undefined ? before.url : patch.url,
          claims: patch.claims ?? before.claims,
          checks: patch.checks ?? before.checks,
        };
        const unchanged =
          JSON.stringify({ ...next, labels }) ===
          JSON.stringify({
            title: before.title,
            body: before.body,
            status: before.status,
            estimateDays: before.estimateDays,
            estimateLowDays: before.estimateLowDays,
            estimateHighDays: before.estimateHighDays,
            assignee: before.assignee,
            priority: before.priority,
            parent: before.parent,
            url: before.url,
            claims: before.claims,
            checks: before.checks,
            labels: before.labels,
          });
        // A patch that changes nothing writes nothing: no new revision, no audit event.
        if (unchanged) return before;
        // The range as it will be: a patch of one end is checked against the stored others.
        assertEstimateRange(next);
        if (next.parent !== null && next.parent !== before.parent)
          await checkParent(ctx, tx, proj.id, key, next.parent);
        const revision = await bumpProject(tx, proj.id);
        const updated = await tx.issue.update({
          where: { id: row.id },
          data: {
            title: next.title,
            body: next.body,
            status: next.status,
            estimateDays: next.estimateDays,
            estimateLowDays: next.estimateLowDays,
            estimateHighDays: next.estimateHighDays,
            assignee: next.assignee,
            priority: next.priority,
            parentKey: next.parent,
            url: next.url,
            claims: JSON.stringify(next.claims),
            checks: JSON.stringify(next.checks),
            revision: { increment: 1 },
          },
        });
        if (patch.labels !== undefined) {
          await tx.issueLabel.deleteMany({ where: { projectId: proj.id, issueKey: key } });
          if (labels.length > 0) {
            await tx.issueLabel.createMany({
              data: labels.map((label) => ({ projectId: proj.id, issueKey: key, label })),
            });
          }
        }
        const issue = toIssue(updated, labels, before.blockedBy, before.blocks);
        await recordAudit(tx, proj, opts, [
          {
            action: 'issue.update',
            target: key,
            before: issueAuditView(before),
            after: issueAuditView(issue),
          },
        ]);
        announce({ project, revision, changes: [{ kind: 'issue', issue: toPlanRow(updated) }] });
        return issue;
      });
    },

    async remove(project: string, key: string, opts: WriteOptions): Promise<void> {
      await write(ctx, project, async (tx, announce) => {
        const proj = await findProject(tx, project);
        const row = await findIssue(tx, proj.id, key);
        checkIfMatch(opts.ifMatch, row);
        const before = (await toIssues(tx, proj.id, [row], false))[0]!;
        const children = await tx.issue.findMany({
          where: { projectId: proj.id, parentKey: key },
          select: PLAN_ROW_COLUMNS,
          orderBy: { key: 'asc' },
        });
        const neighbours = [...new Set([...before.blockedBy, ...before.blocks])];
        const events: AuditEntry[] = [
          ...before.blockedBy.map((blocker) => ({
            action: 'dependency.remove',
            target: edgeTarget(key, blocker),
            before: { issue: key, blockedBy: blocker },
            after: null,
          })),
          ...before.blocks.map((blocked) => ({
            action: 'dependency.remove',
            target: edgeTarget(blocked, key),
            before: { issue: blocked, blockedBy: key },
            after: null,
          })),
          ...children.map((child) => ({
            action: 'issue.update',
            target: child.key,
            before: { parent: key },
            after: { parent: null },
          })),
          { action: 'issue.delete', target: key, before: issueAuditView(before), after: null },
        ];
        const revision = await bumpProject(tx, proj.id);
        // The other ends of the edges and the children show the change in their own responses.
        const touched = [...new Set([...neighbours, ...children.map((c) => c.key)])];
        if (touched.length > 0) {
          await tx.issue.updateMany({
            where: { projectId: proj.id, key: { in: touched } },
            data: { revision: { increment: 1 } },
          });
        }
        if (children.length > 0) {
          await tx.issue.updateMany({
            where: { projectId: proj.id, parentKey: key },
            data: { parentKey: null },
          });
        }
        // Labels and edges go with the issue (ON DELETE CASCADE).
        await tx.issue.delete({ where: { id: row.id } });
        await recordAudit(tx, proj, opts, events);
        announce({
          project,
          revision,
          changes: [
            ...before.blockedBy.map((blocker) => ({
              kind: 'edge-removed' as const,
              edge: { issue: key, blockedBy: blocker },
            })),
            ...before.blocks.map((blocked) => ({
              kind: 'edge-removed' as const,
              edge: { issue: blocked, blockedBy: key },
            })),
            ...children.map((child) => ({
              kind: 'issue' as const,
              issue: toPlanRow({ ...child, parentKey: null }),
            })),
            { kind: 'issue-removed', key },
          ],
        });
      });
    },
  };
}

async function findIssue(db: Pick<Tx, 'issue'>, projectId: number, key: string): Promise<IssueRow> {
  const row = await db.issue.findUnique({ where: { projectId_key: { projectId, key } } });
  if (row === null) throw new NotFoundError('issue', key);
  return row;
}

/** InvalidInputError naming both estimates when the range breaks the rule (domain/estimate-range.ts). */
function assertEstimateRange(range: EstimateRange): void {
  const problems = estimateRangeProblems(range);
  if (problems.length > 0) throw new InvalidInputError(problems.map((p) => p.message).join('; '), problems);
}

function uniqueLabels(labels: string[]): string[] {
  return [...new Set(labels)].sort();
}

/**
 * InvalidInputError unless `parent` exists in the project and is neither `key` itself nor one of its
 * descendants (which would make `key` its own ancestor). One recursive query walks the parent chain.
 */
async function checkParent(
  ctx: StoreContext,
  tx: Tx,
  projectId: number,
  key: string,
  parent: string,
): Promise<void> {
  if (parent === key) {
    throw new InvalidInputError(ownParentMessage(key), [{ path: 'parent', message: ownParentMessage(key) }]);
  }
  const exists = await tx.issue.findUnique({
    where: { projectId_key: { projectId, key: parent } },
    select: { id: true },
  });
  if (exists === null) {
    throw new InvalidInputError(`parent issue '${parent}' does not exist`, [
      { path: 'parent', message: `issue '${parent}' does not exist in this project` },
    ]);
  }
  // The ancestors of `parent`, nearest first, in one recursive query.
  const chain = await ctx.engine.ancestors(tx, projectId, parent);
  const cycle = parentCycleIfSet(key, chain);
  if (cycle !== null) {
    const message = parentCycleMessage(cycle);
    throw new InvalidInputError(message, [{ path: 'parent', message }]);
  }
}
