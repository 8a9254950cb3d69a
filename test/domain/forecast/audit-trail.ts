// An audit trail for the forecast's domain tests: one event a row, made by `eric` at 10:00 UTC of its day.
import type { AuditEvent } from '../../../src/domain/model.js';

/** Events from rows of [day (ISO date), action, target, before, after], ids 1, 2, … in row order. */
export function trail(...rows: [string, string, string | null, unknown, unknown][]): AuditEvent[] {
  return rows.map(([day, action, target, before, after], i) => ({
    id: i + 1,
    actor: 'eric',
    onBehalfOf: null,
    tokenId: null,
    action,
    target,
    before,
    after,
    at: new Date(`${day}T10:00:00Z`),
  }));
}
