// The audit trail of a project, newest first (what a history view shows first); the cursor is the id.
import type { AuditEvent } from '../domain/model.js';
import { decodeNumberCursor, toPage } from './cursor.js';
import { findProject, read, type StoreContext } from './store-context.js';
import type { AuditStore, Page, PageRequest } from './types.js';

export function createAuditStore(ctx: StoreContext): AuditStore {
  return {
    async list(project: string, page: PageRequest): Promise<Page<AuditEvent>> {
      const before = page.cursor === undefined ? undefined : decodeNumberCursor('history', page.cursor);
      return read(ctx, async (db) => {
        const { id } = await findProject(db, project);
        const rows = await db.auditEvent.findMany({
          where: before === undefined ? { projectId: id } : { projectId: id, id: { lt: before } },
          orderBy: { id: 'desc' },
          take: page.limit + 1,
        });
        const events = rows.map(
          (row): AuditEvent => ({
            id: row.id,
            actor: row.actor,
            action: row.action,
            target: row.target,
            before: row.before === null ? null : (JSON.parse(row.before) as unknown),
            after: row.after === null ? null : (JSON.parse(row.after) as unknown),
            at: row.at,
          }),
        );
        return toPage(events, page.limit, 'history', (e) => e.id);
      });
    },
  };
}
