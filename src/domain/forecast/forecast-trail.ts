/**
 * The trail as the forecast keeps it
 * ==================================
 *
 * An audit event without the fields of its views that no forecast reads: of an
 * issue, its prose (a GitHub issue's body runs to 65,536 characters), link,
 * labels, claims, checks and its lists of edges (edges have events of their
 * own: `dependency.add` / `dependency.remove`); of the project, its description
 * and goal. They were most of a trail's size and memory (an `issue.update`
 * holds the issue's whole view twice: ~1 KB of text, ~1.6 KB of heap with a
 * one-line body and a dozen edges), and the forecast keeps a project's trail
 * between revisions (src/services/audit-trail-cache.ts). Everything else is
 * kept, so that what reads the trail (history.ts, project-at.ts) finds every
 * planning field it knows and any it may learn to read: the lists say what is
 * left out, not what is kept. Other events (edges, imports) are kept whole.
 */

import type { AuditEvent } from '../model.js';

/** Fields of an issue's view that no forecast reads. */
const UNREAD_ISSUE_FIELDS: ReadonlySet<string> = new Set([
  'title',
  'body',
  'url',
  'labels',
  'claims',
  'checks',
  'blockedBy',
  'blocks',
]);
/** Fields of the project's view that no forecast reads. */
const UNREAD_PROJECT_FIELDS: ReadonlySet<string> = new Set(['description', 'goal']);

export function forecastTrailEvent(event: AuditEvent): AuditEvent {
  const unread = event.action.startsWith('issue.')
    ? UNREAD_ISSUE_FIELDS
    : event.action.startsWith('project.')
      ? UNREAD_PROJECT_FIELDS
      : null;
  if (unread === null) return event;
  return { ...event, before: without(event.before, unread), after: without(event.after, unread) };
}

function without(view: unknown, unread: ReadonlySet<string>): unknown {
  if (typeof view !== 'object' || view === null || Array.isArray(view)) return view;
  const kept: Record<string, unknown> = {};
  for (const [field, value] of Object.entries(view)) if (!unread.has(field)) kept[field] = value;
  return kept;
}
