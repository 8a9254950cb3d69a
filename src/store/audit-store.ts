// The audit trail of a project, newest first (what a history view shows first); the cursor is the id.
// Filtered by issue, it is the events whose target is the issue or one of its edges (`issue<-blocker`,
// src/store/store-context.ts). The database narrows the rows with prefix and suffix matches; the exact
// test is made here, because LIKE reads `_`, which keys may hold, as a wildcard. The whole trail, oldest
// first, is the forecast's history; its tail after an event (listAfter) is how the forecast keeps it up to
// date without reading it whole on each revision.
import type { AuditEvent } from '../domain/model.js';
import { decodeIdCursor, toPage } from './cursor.js';
import type { Prisma } from './generated/client.js';
import { edgeTarget, findProject, read, type StoreContext } from './store-context.js';
import type { AuditFilter, AuditStore, AuditTrailTail, Page, PageRequest } from './types.js';

type AuditRow = Prisma.AuditEventGetPayload<object>;

function toAuditEvent(row: AuditRow): AuditEvent {
  return {
    id: row.id,
    actor: row.actor,
    onBehalfOf: row.onBehalfOf,
    tokenId: row.tokenId,
    action: row.action,
    target: row.target,
    before: row.before === null ? null : (JSON.parse(row.before) as unknown),
    after: row.after === null ? null : (JSON.parse(row.after) as unknown),
    at: row.at,
  };
}

/** Is `target` the issue, or an edge with the issue at either end? (Keys never hold `<`.) */
function concerns(target: string | null, issue: string): boolean {
  if (target === issue) return true;
  const ends = target?.split(edgeTarget('', '')) ?? [];
  return ends.length === 2 && (ends[0] === issue || ends[1] === issue);
}

export function createAuditStore(ctx: StoreContext): AuditStore {
  return {
    async listAll(project: string): Promise<AuditEvent[]> {
      return read(ctx, async (db) => {
        const { id } = await findProject(db, project);
        const rows = await db.auditEvent.findMany({ where: { projectId: id }, orderBy: { id: 'asc' } });
        return rows.map(toAuditEvent);
      });
    },
    async listAfter(project: string, afterId: number): Promise<AuditTrailTail> {
      return read(ctx, async (db) => {
        const { id } = await findProject(db, project);
        const [rows, total] = await Promise.all([
          db.auditEvent.findMany({ where: { projectId: id, id: { gt: afterId } }, orderBy: { id: 'asc' } }),
          db.auditEvent.count({ where: { projectId: id } }),
        ]);
        return { trail: id, total, events: rows.map(toAuditEvent) };
      });
    },
    async list(project: string, page: PageRequest, filter: AuditFilter = {}): Promise<Page<AuditEvent>> {
      const { issue } = filter;
      // The cursor's list: this project's history, or one issue's in it.
      const selection = { project, issue: issue ?? null };
      return read(ctx, async (db) => {
        const { id } = await findProject(db, project);
        const before =
          page.cursor === undefined
            ? undefined
            : await decodeIdCursor('history', page.cursor, selection, async (event) => {
                const row = await db.auditEvent.findFirst({
                  where: { id: event, projectId: id },
                  select: { target: true },
                });
                return row !== null && (issue === undefined || concerns(row.target, issue));
              });
        const wanted = page.limit + 1;
        if (issue === undefined) {
          const rows = await db.auditEvent.findMany({
            where: { projectId: id, ...(before === undefined ? {} : { id: { lt: before } }) },
            orderBy: { id: 'desc' },
            take: wanted,
          });
          return toPage(rows.map(toAuditEvent), page.limit, 'history', (e) => e.id, selection);
        }
        // Candidates in batches until the page is full: the batches rarely hold a false match.
        const rows: AuditRow[] = [];
        let below = before;
        for (;;) {
          const batch = await db.auditEvent.findMany({
            where: {
              projectId: id,
              ...(below === undefined ? {} : { id: { lt: below } }),
              OR: [
                { target: issue },
                { target: { startsWith: edgeTarget(issue, '') } },
                { target: { endsWith: edgeTarget('', issue) } },
              ],
            },
            orderBy: { id: 'desc' },
            take: wanted,
          });
          rows.push(...batch.filter((row) => concerns(row.target, issue)));
          if (rows.length >= wanted || batch.length < wanted) break;
          below = batch[batch.length - 1]!.id;
        }
        return toPage(rows.slice(0, wanted).map(toAuditEvent), page.limit, 'history', (e) => e.id, selection);
      });
    },
  };
}
