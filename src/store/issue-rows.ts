// Issue rows to domain issues: labels and both directions of edges are read in two more queries for the
// whole set (never one query per issue: Prisma costs ~170 µs per query here, a 1,000-row read ~1.7x raw).
import type { Check, Claim, Issue, IssuePriority, IssueStatus } from '../domain/model.js';
import type { Prisma } from './generated/client.js';
import { compareKeys, type Tx } from './store-context.js';
import type { PlanRow } from './types.js';

export type IssueRow = Prisma.IssueGetPayload<object>;

/**
 * Attaches labels, blockedBy and blocks. `whole` says that `rows` are every issue of the project: then
 * the related rows are read by project alone, without an IN list.
 */
export async function toIssues(
  db: Tx,
  projectId: number,
  rows: IssueRow[],
  whole: boolean,
): Promise<Issue[]> {
  if (rows.length === 0) return [];
  const keys = rows.map((r) => r.key);
  const [labels, edges] = await Promise.all([
    db.issueLabel.findMany({
      where: whole ? { projectId } : { projectId, issueKey: { in: keys } },
      select: { issueKey: true, label: true },
    }),
    db.dependency.findMany({
      where: whole
        ? { projectId }
        : { projectId, OR: [{ issueKey: { in: keys } }, { blockerKey: { in: keys } }] },
      select: { issueKey: true, blockerKey: true },
    }),
  ]);
  const labelsOf = group(
    labels,
    (l) => l.issueKey,
    (l) => l.label,
  );
  const blockedByOf = group(
    edges,
    (e) => e.issueKey,
    (e) => e.blockerKey,
  );
  const blocksOf = group(
    edges,
    (e) => e.blockerKey,
    (e) => e.issueKey,
  );
  return rows.map((row) =>
    toIssue(row, labelsOf.get(row.key) ?? [], blockedByOf.get(row.key) ?? [], blocksOf.get(row.key) ?? []),
  );
}

/** What planning and forecasting read of an issue row: in the plan's input and in what a write announces. */
export function toPlanRow(
  row: Pick<
    IssueRow,
    | 'key'
    | 'status'
    | 'estimateDays'
    | 'estimateLowDays'
    | 'estimateHighDays'
    | 'assignee'
    | 'priority'
    | 'parentKey'
  >,
): PlanRow {
  return {
    key: row.key,
    status: row.status as IssueStatus,
    estimateDays: row.estimateDays,
    estimateLowDays: row.estimateLowDays,
    estimateHighDays: row.estimateHighDays,
    assignee: row.assignee,
    priority: row.priority as IssuePriority | null,
    parent: row.parentKey,
  };
}

export function toIssue(row: IssueRow, labels: string[], blockedBy: string[], blocks: string[]): Issue {
  return {
    key: row.key,
    title: row.title,
    body: row.body,
    status: row.status as IssueStatus,
    estimateDays: row.estimateDays,
    estimateLowDays: row.estimateLowDays,
    estimateHighDays: row.estimateHighDays,
    assignee: row.assignee,
    priority: row.priority as IssuePriority | null,
    parent: row.parentKey,
    url: row.url,
    labels: [...labels].sort(compareKeys),
    claims: JSON.parse(row.claims) as Claim[],
    checks: JSON.parse(row.checks) as Check[],
    blockedBy: [...blockedBy].sort(compareKeys),
    blocks: [...blocks].sort(compareKeys),
    revision: row.revision,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}

function group<T>(items: T[], keyOf: (item: T) => string, pick: (item: T) => string): Map<string, string[]> {
  const map = new Map<string, string[]>();
  for (const item of items) {
    const key = keyOf(item);
    const list = map.get(key);
    if (list === undefined) map.set(key, [pick(item)]);
    else list.push(pick(item));
  }
  return map;
}

/** What the audit trail keeps of an issue (no timestamps: the event has its own). */
export function issueAuditView(issue: Issue) {
  const { createdAt: _c, updatedAt: _u, ...rest } = issue;
  return rest;
}
