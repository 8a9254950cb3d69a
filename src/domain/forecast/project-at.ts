/**
 * A project's forecast input at past instants
 * ===========================================
 *
 * What the forecast read of a project at the end of a past day, rebuilt from
 * its current state and its audit trail by undoing the changes newest first
 * (as the burn-up of history.ts does): every issue's planning fields (status,
 * the estimate range, assignee, priority, parent), every blocked-by edge, and
 * the project's forecast settings (default estimate, team, start, working week,
 * holidays). How the trail records each change (src/store):
 * - `issue.create` / `issue.delete`: the issue's whole view after / before;
 * - `issue.update`: its view before and after, whole, except the parent
 *   cleared when a parent is deleted (`{ parent }` alone): only the fields a
 *   view holds are restored;
 * - `issue.rename` (a GitHub sync): the old and the new issue, target the new
 *   key; the edges moved with it are their own events;
 * - `dependency.add` / `dependency.remove`: the edge after / before;
 * - `project.update`: the project before and after; a sync's recorded no
 *   `before` until 2026-12 (older trails keep such events), so the settings
 *   before it are the `after` of the previous `project.create` or
 *   `project.update` (unknown, and kept, when the latest import set them:
 *   said in `settingsUnknownBefore`);
 * - `project.create` and `project.import` end the trail: before a creation
 *   there was no project, and an import replaced everything and kept only
 *   counts. No instant before the latest of them is rebuilt.
 *
 * Complexity: O(A + P·(V + E)) for A audit events and P instants over V
 * issues and E edges (one copy of the state per instant).
 */

import type { AuditEvent, DependencyEdge, IssueStatus, PlanRow, TeamSetting } from '../model.js';
import { compareKeys } from '../plan/key-order.js';

/** What the forecast reads of an issue (the store's plan row). */
export type TrailIssue = PlanRow;

/** What the forecast reads of the project itself. */
export interface TrailSettings {
  defaultEstimateDays: number;
  team: TeamSetting | null;
  start: string | null;
  workdays: number[];
  holidays: string[];
}

/** A project's forecast input at one instant: issues in key order, edges by issue then blocker. */
export interface ProjectState {
  issues: TrailIssue[];
  edges: DependencyEdge[];
  settings: TrailSettings;
}

export interface ProjectStatesAt {
  /** Per instant asked (same order): the state then, or null before the trail's start. */
  states: (ProjectState | null)[];
  /**
   * Where the trail starts: the latest `project.create` or `project.import` (null when the trail has
   * neither, e.g. it was cut: every instant is rebuilt as far as the trail goes).
   */
  trailStart: { action: 'project.create' | 'project.import'; at: Date } | null;
  /** Set when a sync changed the settings after the latest import: before this instant they are the sync's. */
  settingsUnknownBefore: Date | null;
}

const ISSUE_FIELDS = [
  'status',
  'estimateDays',
  'estimateLowDays',
  'estimateHighDays',
  'assignee',
  'priority',
  'parent',
] as const;
const SETTINGS_FIELDS = ['defaultEstimateDays', 'team', 'start', 'workdays', 'holidays'] as const;

/**
 * The project's state at each instant of `instants` (the changes made at or after an instant are undone;
 * an instant past the newest change is the current state), from `current` and the trail in any order.
 */
export function projectStatesAt(
  current: ProjectState,
  events: readonly AuditEvent[],
  instants: readonly Date[],
): ProjectStatesAt {
  const trail = [...events].sort((a, b) => a.id - b.id);
  const issues = new Map(current.issues.map((issue) => [issue.key, { ...issue }]));
  const edges = new Map(current.edges.map((edge) => [edgeId(edge), edge]));
  const along = settingsAlongTrail(trail, current.settings);
  const { startIndex, settingsUnknownBefore } = along;

  const order = instants.map((at, index) => ({ at: at.getTime(), index })).sort((a, b) => b.at - a.at);
  const states: (ProjectState | null)[] = instants.map(() => null);
  let next = trail.length - 1;
  for (const { at, index } of order) {
    for (; next > startIndex && trail[next]!.at.getTime() >= at; next--) undo(trail[next]!, issues, edges);
    const ended = startIndex >= 0 && trail[startIndex]!.at.getTime() >= at;
    states[index] = ended
      ? null
      : snapshot(issues, edges, along.settingsAfter[next] ?? along.settingsAtStart);
  }
  const start = startIndex < 0 ? null : trail[startIndex]!;
  return {
    states,
    trailStart:
      start === null ? null : { action: start.action as 'project.create' | 'project.import', at: start.at },
    settingsUnknownBefore,
  };
}

export interface TrailSettingsAlong<S extends Partial<TrailSettings> = TrailSettings> {
  /** Index (in the trail sorted by id) of the latest `project.create` or `project.import`; -1 without one. */
  startIndex: number;
  /** The settings in force just after each event of the trail (by index), from `startIndex` on. */
  settingsAfter: S[];
  /** The settings before the first event after the start (every later change undone). */
  settingsAtStart: S;
  /** Set when a sync changed the settings after the latest import: before this instant they are the sync's. */
  settingsUnknownBefore: Date | null;
}

/**
 * The project's forecast settings along its trail (sorted by id), undone from `current` newest first: a
 * `project.update` restores its `before`; a sync's (no `before`) the previous recorded `after`. The one
 * home of "which settings were in force then" (the trend's points, the burn-up's default estimate).
 */
export function settingsAlongTrail<S extends Partial<TrailSettings>>(
  trail: readonly AuditEvent[],
  current: S,
): TrailSettingsAlong<S> {
  let startIndex = -1;
  for (let i = trail.length - 1; i >= 0; i--) {
    const { action } = trail[i]!;
    if (action === 'project.create' || action === 'project.import') {
      startIndex = i;
      break;
    }
  }
  // The settings each sync's `project.update` (no `before`) replaced: the previous recorded `after`.
  const syncBefore = new Map<number, S>();
  let settingsUnknownBefore: Date | null = null;
  let recorded: S | null = null;
  for (let i = Math.max(0, startIndex); i < trail.length; i++) {
    const event = trail[i]!;
    if (event.action === 'project.import') recorded = null;
    if (event.action !== 'project.update' && event.action !== 'project.create') continue;
    if (event.action === 'project.update' && !isObject(event.before)) {
      if (recorded !== null) syncBefore.set(i, recorded);
      else settingsUnknownBefore ??= event.at;
    }
    recorded = settingsOf(event.after, recorded ?? current);
  }
  const settingsAfter: S[] = [];
  let settings: S = { ...current };
  for (let i = trail.length - 1; i >= Math.max(0, startIndex); i--) {
    settingsAfter[i] = settings;
    const event = trail[i]!;
    if (i > startIndex && event.action === 'project.update')
      settings = isObject(event.before)
        ? settingsOf(event.before, settings)
        : (syncBefore.get(i) ?? settings);
  }
  return { startIndex, settingsAfter, settingsAtStart: settings, settingsUnknownBefore };
}

/** Undoes one change of an issue or an edge on the state (the settings: settingsAlongTrail). */
function undo(event: AuditEvent, issues: Map<string, TrailIssue>, edges: Map<string, DependencyEdge>): void {
  const { action, target } = event;
  switch (action) {
    case 'issue.create':
      if (target !== null) issues.delete(target);
      break;
    case 'issue.update':
    case 'issue.delete': {
      if (target === null || !isObject(event.before)) break;
      const restored = patched(issues.get(target), target, event.before);
      if (restored !== null) issues.set(target, restored);
      break;
    }
    case 'issue.rename': {
      if (!isObject(event.after) || !isObject(event.before)) break;
      if (typeof event.after.key === 'string') issues.delete(event.after.key);
      const key = event.before.key;
      const restored = typeof key === 'string' ? patched(undefined, key, event.before) : null;
      if (restored !== null) issues.set(restored.key, restored);
      break;
    }
    case 'dependency.add': {
      const edge = edgeOf(event.after);
      if (edge !== null) edges.delete(edgeId(edge));
      break;
    }
    case 'dependency.remove': {
      const edge = edgeOf(event.before);
      if (edge !== null) edges.set(edgeId(edge), edge);
      break;
    }
  }
}

/** `issue` with the fields `view` holds; a whole issue from a whole view; null when neither. */
function patched(
  issue: TrailIssue | undefined,
  key: string,
  view: Record<string, unknown>,
): TrailIssue | null {
  if (issue === undefined && typeof view.status !== 'string') return null;
  const base: TrailIssue = issue ?? {
    key,
    status: view.status as IssueStatus,
    estimateDays: null,
    estimateLowDays: null,
    estimateHighDays: null,
    assignee: null,
    priority: null,
    parent: null,
  };
  const next: Record<string, unknown> = { ...base, key };
  for (const field of ISSUE_FIELDS) {
    // A document's view may leave the range, assignee and priority out: none.
    if (field in view) next[field] = view[field] ?? null;
    else if (issue === undefined) next[field] = null;
  }
  return next as unknown as TrailIssue;
}

/** `fallback` with the settings `view` holds (only the fields `fallback` has: the burn-up keeps one). */
function settingsOf<S extends Partial<TrailSettings>>(view: unknown, fallback: S): S {
  if (!isObject(view)) return fallback;
  const next: Record<string, unknown> = { ...fallback };
  for (const field of SETTINGS_FIELDS) if (field in view && field in fallback) next[field] = view[field];
  return next as S;
}

function snapshot(
  issues: Map<string, TrailIssue>,
  edges: Map<string, DependencyEdge>,
  settings: TrailSettings,
): ProjectState {
  return {
    issues: [...issues.values()].map((issue) => ({ ...issue })).sort((a, b) => compareKeys(a.key, b.key)),
    edges: [...edges.values()]
      .map((edge) => ({ issue: edge.issue, blockedBy: edge.blockedBy }))
      .sort((a, b) => compareKeys(a.issue, b.issue) || compareKeys(a.blockedBy, b.blockedBy)),
    settings: { ...settings },
  };
}

function edgeOf(view: unknown): DependencyEdge | null {
  if (!isObject(view) || typeof view.issue !== 'string' || typeof view.blockedBy !== 'string') return null;
  return { issue: view.issue, blockedBy: view.blockedBy };
}

/** Keys never hold `<` (store-context.ts's edge target). */
function edgeId(edge: DependencyEdge): string {
  return `${edge.issue}<-${edge.blockedBy}`;
}

function isObject(view: unknown): view is Record<string, unknown> {
  return typeof view === 'object' && view !== null;
}
