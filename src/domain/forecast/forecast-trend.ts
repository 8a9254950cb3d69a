/**
 * Forecast trend
 * ==============
 *
 * "Is the date slipping?": what the forecast said at the end of each of the
 * last weeks, and what changed between them. The points are today (the
 * current state) and the Sundays before it (the state at the end of that day,
 * UTC), oldest first, `weeks` points in all; each is the project's forecast
 * input at that instant (project-at.ts: the current state with the later
 * changes undone), forecast with day 0 on the point's date (or the project's
 * later start), seeded, with fewer trials than a forecast: by default the
 * points share one forecast's DEFAULT_TRIALS (at least MIN_TRIALS each: 1,250
 * each of 8 points, 833 of 12), so the whole trend costs about one forecast;
 * the whole trend is held
 * to MAX_ISSUE_TRIALS issue-trials as one forecast is. A point whose dates
 * would pass the calendar says so instead of failing the trend.
 *
 * Between two points: the issues added to the scope, dropped from it (deleted
 * or won't do), finished, reopened and re-estimated, with their most likely
 * days, the issues renamed (a GitHub sync's `issue.rename`: an issue moved to
 * another repository is the same issue under a new key, compared with itself,
 * never scope dropped and added), and how far P50 and P85 moved; a slip that more work does not explain
 * (no scope added, no estimate raised, the same team and calendar) is work
 * finished slower than estimated.
 *
 * The trail starts at the project's creation or its latest import (an import
 * kept only counts): no point before it is answered, and the answer says so.
 *
 * Complexity: one forecast per point (O(trials · V) each) plus project-at.ts.
 */

import { BeyondCalendarError, InvalidInputError, type InvalidItem } from '../errors.js';
import type { AuditEvent } from '../model.js';
import { computeForecast, MAX_ISSUE_TRIALS, MAX_TRIALS, MIN_TRIALS } from './compute-forecast.js';
import { dayNumberOf, formatIsoDate, isoWeekday, parseIsoDate } from './iso-date.js';
import { type ProjectState, projectStatesAt, type TrailIssue } from './project-at.js';
import { DEFAULT_SEED, DEFAULT_TRIALS, type Forecast, type ForecastInput } from './types.js';

export const DEFAULT_TREND_WEEKS = 8;
export const MAX_TREND_WEEKS = 52;

export interface TrendOptions {
  /** Points, today included; default DEFAULT_TREND_WEEKS, at most MAX_TREND_WEEKS. */
  weeks?: number;
  /** Monte Carlo trials per point; default DEFAULT_TRIALS shared by the points (fewer for a large project). */
  trials?: number;
  seed?: number;
}

/** What the trend's forecasts are made of, before they run. */
export interface TrendPlan {
  weeks: number;
  trials: number;
  seed: number;
  /** `renamed`: the renames since the point before, old key to the key at this point. */
  points: { date: string; state: ProjectState; input: ForecastInput; renamed: TrendRename[] }[];
  since: string | null;
  startsAfterImport: boolean;
  notes: string[];
}

export interface TrendReestimate {
  key: string;
  /** Most likely days before and after (the project's default for an issue without an estimate). */
  fromDays: number;
  toDays: number;
}

/** An issue under a new key (a GitHub sync's rename: it moved to another repository). */
export interface TrendRename {
  from: string;
  to: string;
}

export interface TrendChange {
  /** New in the scope (created, or back from won't do), with their most likely days while open. */
  added: string[];
  addedDays: number;
  /** Gone from the scope: deleted or won't do. */
  dropped: string[];
  droppedDays: number;
  finished: string[];
  finishedDays: number;
  reopened: string[];
  /** Issues under a new key since the point before (a sync's rename): compared with themselves. */
  renamed: TrendRename[];
  /** Open issues whose range changed; `reestimatedDays` is the change of their most likely days. */
  reestimated: TrendReestimate[];
  reestimatedDays: number;
  /** Calendar days P50 and P85 moved (later is positive); null when either point has no date. */
  p50ShiftDays: number | null;
  p85ShiftDays: number | null;
  /** Why it moved, e.g. `scope-added`, `estimates-raised`, `slower-than-estimated`. */
  causes: TrendCause[];
  /** The change in one line, e.g. "P50 +4 days: 2 added (+5 d), 3 finished (4 d)". */
  summary: string;
}

export type TrendCause =
  | 'scope-added'
  | 'scope-dropped'
  | 'estimates-raised'
  | 'estimates-lowered'
  | 'team-or-calendar-changed'
  | 'slower-than-estimated';

export interface TrendPoint {
  /** Today for the newest point, else a Sunday: the state at the end of that day (UTC). */
  date: string;
  /** Open and in-progress issues, and their most likely days. */
  openIssues: number;
  openEstimateDays: number;
  /** Issues that are not won't do. */
  scope: number;
  /** P50/P85/P95 dates of the end; null when the dates would pass 9999-12-31 (`beyondCalendar`). */
  p50: string | null;
  p85: string | null;
  p95: string | null;
  beyondCalendar: boolean;
  /** What changed since the point before; null for the first. */
  change: TrendChange | null;
}

export interface ForecastTrend {
  weeks: number;
  trials: number;
  seed: number;
  /** Instant the trail starts (the project's creation or latest import); null when it has neither. */
  since: string | null;
  /** The trail starts at an import, which kept only counts: nothing before it is known. */
  startsAfterImport: boolean;
  /** Oldest first; fewer than `weeks` when the trail starts later. */
  points: TrendPoint[];
  /** What the trend could not know, in sentences. */
  notes: string[];
}

/**
 * The points' dates and inputs and the trials each runs; InvalidInputError naming `weeks`, `trials` or
 * `seed`, or `trials` when the whole trend would pass MAX_ISSUE_TRIALS.
 */
export function planForecastTrend(
  current: ProjectState,
  events: readonly AuditEvent[],
  now: Date,
  options: TrendOptions = {},
): TrendPlan {
  const weeks = options.weeks ?? DEFAULT_TREND_WEEKS;
  const seed = options.seed ?? DEFAULT_SEED;
  const errors: InvalidItem[] = [];
  if (!(Number.isInteger(weeks) && weeks >= 1 && weeks <= MAX_TREND_WEEKS))
    errors.push({ path: 'weeks', message: `must be a whole number from 1 to ${MAX_TREND_WEEKS}` });
  const asked = options.trials;
  if (asked !== undefined && !(Number.isInteger(asked) && asked >= 0 && asked <= MAX_TRIALS))
    errors.push({ path: 'trials', message: `must be a whole number from 0 to ${MAX_TRIALS}` });
  if (!(Number.isInteger(seed) && seed >= 0 && seed <= 0xffffffff))
    errors.push({ path: 'seed', message: 'must be a whole number from 0 to 4294967295' });
  if (errors.length > 0) throw new InvalidInputError('the trend options are invalid', errors);

  const today = dayNumberOf(now);
  const lastSunday = today - isoWeekday(today);
  const dates = Array.from({ length: weeks }, (_, i) => (i === 0 ? today : lastSunday - 7 * (i - 1)));
  // The end of a past day is the next midnight; today's point is the current state.
  const instants = dates.map((day, i) => new Date(i === 0 ? 8.64e15 : (day + 1) * 86_400_000));
  const rebuilt = projectStatesAt(current, events, instants);

  const points: TrendPlan['points'] = [];
  for (let i = dates.length - 1; i >= 0; i--) {
    const state = rebuilt.states[i];
    if (state === null || state === undefined) continue;
    const date = formatIsoDate(dates[i]!);
    const since = points.length === 0 ? null : instants[i + 1]!;
    const renamed = since === null ? [] : renamesBetween(events, since, instants[i]!);
    points.push({ date, state, input: forecastInputAt(state, date), renamed });
  }

  const open = points.reduce((sum, p) => sum + p.state.issues.filter(isOpen).length, 0);
  const most = Math.max(MIN_TRIALS, Math.floor(MAX_ISSUE_TRIALS / Math.max(1, open)));
  if (asked !== undefined && asked > most)
    throw new InvalidInputError(
      `${asked} trials of ${plural(points.length, 'point')} is too much work for one trend`,
      [
        {
          path: 'trials',
          message: `at most ${most} trials per point here (${open} open issues over ${plural(points.length, 'point')}; trials x open issues <= ${MAX_ISSUE_TRIALS})`,
        },
      ],
    );

  const { trailStart, settingsUnknownBefore } = rebuilt;
  const notes: string[] = [];
  if (trailStart !== null && points.length < weeks) {
    const when = trailStart.at.toISOString();
    notes.push(
      trailStart.action === 'project.import'
        ? `the trail starts at the import of ${when}, which kept only counts: no earlier week is known`
        : `the project was created at ${when}: no earlier week`,
    );
  }
  if (settingsUnknownBefore !== null && points.some((p) => instantOf(p.date) < settingsUnknownBefore))
    notes.push(
      `a sync changed the team or calendar at ${settingsUnknownBefore.toISOString()} without recording the settings before it: earlier points use the settings it set`,
    );
  return {
    weeks,
    trials:
      asked ?? Math.min(most, Math.max(MIN_TRIALS, Math.floor(DEFAULT_TRIALS / Math.max(1, points.length)))),
    seed,
    points,
    since: trailStart === null ? null : trailStart.at.toISOString(),
    startsAfterImport: trailStart?.action === 'project.import',
    notes,
  };
}

/** The trend from its plan and each point's forecast (null: its dates would pass the calendar). */
export function forecastTrendOf(plan: TrendPlan, forecasts: readonly (Forecast | null)[]): ForecastTrend {
  const points: TrendPoint[] = [];
  plan.points.forEach(({ date, state }, i) => {
    const forecast = forecasts[i] ?? null;
    const likely = likelyOf(state);
    const open = state.issues.filter(isOpen);
    const point: TrendPoint = {
      date,
      openIssues: open.length,
      openEstimateDays: round(open.reduce((sum, issue) => sum + likely(issue), 0)),
      scope: state.issues.filter((issue) => issue.status !== 'wont_do').length,
      p50: forecast?.quantiles.p50.date ?? null,
      p85: forecast?.quantiles.p85.date ?? null,
      p95: forecast?.quantiles.p95.date ?? null,
      beyondCalendar: forecast === null,
      change: null,
    };
    const before = points.at(-1);
    if (before !== undefined)
      point.change = changeBetween(plan.points[i - 1]!.state, state, plan.points[i]!.renamed, before, point);
    points.push(point);
  });
  const { weeks, trials, seed, since, startsAfterImport, notes } = plan;
  return { weeks, trials, seed, since, startsAfterImport, points, notes };
}

/** The trend computed here, on the calling thread (the service runs each point on its forecast runner). */
export function computeForecastTrend(
  current: ProjectState,
  events: readonly AuditEvent[],
  now: Date,
  options: TrendOptions = {},
): ForecastTrend {
  const plan = planForecastTrend(current, events, now, options);
  const forecasts = plan.points.map((p) => {
    try {
      return computeForecast(p.input, { trials: plan.trials, seed: plan.seed });
    } catch (error) {
      return nullIfBeyond(error);
    }
  });
  return forecastTrendOf(plan, forecasts);
}

/** Null for a BeyondCalendarError (a point says so; the trend goes on); any other error is thrown again. */
export function nullIfBeyond(error: unknown): null {
  if (error instanceof BeyondCalendarError) return null;
  throw error;
}

/**
 * The forecast's input of a project's state on `date`: day 0 is that date, or the project's start when
 * that is later (the trend's points, and the service's forecast on today).
 */
export function forecastInputAt(state: ProjectState, date: string): ForecastInput {
  const { settings } = state;
  const start = settings.start !== null && settings.start > date ? settings.start : date;
  return {
    issues: state.issues,
    edges: state.edges,
    defaultEstimateDays: settings.defaultEstimateDays,
    team: settings.team,
    calendar: { start, workdays: settings.workdays, holidays: settings.holidays },
  };
}

/**
 * The renames recorded in [from, to) (a state at an instant holds the changes made before it), oldest
 * key to newest: a → b → c is one rename a → c; one renamed back to its old key is none.
 */
export function renamesBetween(events: readonly AuditEvent[], from: Date, to: Date): TrendRename[] {
  const newest = new Map<string, string>();
  for (const event of [...events].sort((a, b) => a.id - b.id)) {
    if (event.action !== 'issue.rename' || event.at < from || event.at >= to) continue;
    const old = (event.before as { key?: unknown } | null)?.key;
    const key = event.target ?? (event.after as { key?: unknown } | null)?.key;
    if (typeof old !== 'string' || typeof key !== 'string') continue;
    const origin = [...newest].find(([, now]) => now === old)?.[0] ?? old;
    newest.set(origin, key);
  }
  return [...newest].filter(([from, to]) => from !== to).map(([from, to]) => ({ from, to }));
}

function changeBetween(
  older: ProjectState,
  newer: ProjectState,
  renamed: readonly TrendRename[],
  olderPoint: TrendPoint,
  newerPoint: TrendPoint,
): TrendChange {
  const likelyBefore = likelyOf(older);
  const likelyNow = likelyOf(newer);
  // Each issue as it was, under the key it has now: a renamed issue is compared with itself.
  const formerKey = new Map(renamed.map((r) => [r.to, r.from]));
  const before = new Map(older.issues.map((issue) => [issue.key, issue]));
  const renamedAway = new Set(renamed.map((r) => r.from));
  const wasOf = (key: string) => {
    const former = formerKey.get(key);
    if (former !== undefined) return before.get(former);
    return renamedAway.has(key) ? undefined : before.get(key); // a new issue under a key freed by a rename
  };
  const inScope = (issue: TrailIssue | undefined) => issue !== undefined && issue.status !== 'wont_do';
  const change = {
    added: [] as string[],
    addedDays: 0,
    dropped: [] as string[],
    droppedDays: 0,
    finished: [] as string[],
    finishedDays: 0,
    reopened: [] as string[],
    renamed: [] as TrendRename[],
    reestimated: [] as TrendReestimate[],
    reestimatedDays: 0,
  };
  const now = new Set<string>();
  for (const issue of newer.issues) {
    const former = formerKey.get(issue.key);
    const was = wasOf(issue.key);
    now.add(was === undefined ? issue.key : was.key);
    if (former !== undefined && was !== undefined) change.renamed.push({ from: former, to: issue.key });
    if (!inScope(was)) {
      if (!inScope(issue)) continue;
      change.added.push(issue.key);
      if (isOpen(issue)) change.addedDays += likelyNow(issue);
      continue;
    }
    if (!inScope(issue)) {
      change.dropped.push(issue.key);
      if (isOpen(was!)) change.droppedDays += likelyBefore(was!);
      continue;
    }
    if (issue.status === 'done' && was!.status !== 'done') {
      change.finished.push(issue.key);
      change.finishedDays += likelyNow(issue);
      continue;
    }
    if (was!.status === 'done' && issue.status !== 'done') change.reopened.push(issue.key);
    const fromDays = likelyBefore(was!);
    const toDays = likelyNow(issue);
    const rangeMoved =
      fromDays !== toDays ||
      was!.estimateLowDays !== issue.estimateLowDays ||
      was!.estimateHighDays !== issue.estimateHighDays;
    if (isOpen(issue) && rangeMoved) {
      change.reestimated.push({ key: issue.key, fromDays, toDays });
      change.reestimatedDays += toDays - fromDays;
    }
  }
  for (const was of older.issues) {
    if (now.has(was.key) || !inScope(was)) continue;
    change.dropped.push(was.key);
    if (isOpen(was)) change.droppedDays += likelyBefore(was);
  }
  const p50ShiftDays = shift(olderPoint.p50, newerPoint.p50);
  const p85ShiftDays = shift(olderPoint.p85, newerPoint.p85);
  const causes: TrendCause[] = [];
  if (change.addedDays > 0 || change.added.length > 0) causes.push('scope-added');
  if (change.dropped.length > 0) causes.push('scope-dropped');
  if (change.reestimatedDays > 0) causes.push('estimates-raised');
  if (change.reestimatedDays < 0) causes.push('estimates-lowered');
  const capacityChanged = capacityOf(older, olderPoint.date) !== capacityOf(newer, newerPoint.date);
  if (capacityChanged) causes.push('team-or-calendar-changed');
  // Later with no more work to do and the same people and days: the week's work went slower than its
  // estimates said (a smaller team or more holidays would explain it instead).
  if (
    p50ShiftDays !== null &&
    p50ShiftDays > 0 &&
    change.addedDays + change.reestimatedDays <= 0 &&
    !capacityChanged
  )
    causes.push('slower-than-estimated');
  const rounded = {
    ...change,
    addedDays: round(change.addedDays),
    droppedDays: round(change.droppedDays),
    finishedDays: round(change.finishedDays),
    reestimatedDays: round(change.reestimatedDays),
  };
  return {
    ...rounded,
    p50ShiftDays,
    p85ShiftDays,
    causes,
    summary: summaryOf(rounded, p50ShiftDays, causes),
  };
}

function summaryOf(
  change: Omit<TrendChange, 'p50ShiftDays' | 'p85ShiftDays' | 'causes' | 'summary'>,
  p50Shift: number | null,
  causes: TrendCause[],
): string {
  const parts: string[] = [];
  if (change.added.length > 0) parts.push(`${change.added.length} added (+${change.addedDays} d)`);
  if (change.dropped.length > 0) parts.push(`${change.dropped.length} dropped (-${change.droppedDays} d)`);
  if (change.reestimated.length > 0)
    parts.push(`${change.reestimated.length} re-estimated (${signed(change.reestimatedDays)} d)`);
  if (change.finished.length > 0) parts.push(`${change.finished.length} finished (${change.finishedDays} d)`);
  if (change.reopened.length > 0) parts.push(`${change.reopened.length} reopened`);
  if (change.renamed.length > 0) parts.push(`${change.renamed.length} renamed`);
  if (causes.includes('team-or-calendar-changed')) parts.push('team or calendar changed');
  if (causes.includes('slower-than-estimated')) parts.push('work went slower than estimated');
  const moved =
    p50Shift === null ? 'P50 undated' : p50Shift === 0 ? 'P50 unchanged' : `P50 ${signed(p50Shift)} days`;
  return parts.length === 0 ? `${moved}: nothing changed` : `${moved}: ${parts.join(', ')}`;
}

function shift(from: string | null, to: string | null): number | null {
  if (from === null || to === null) return null;
  return parseIsoDate(to)! - parseIsoDate(from)!;
}

/**
 * The settings that say who works on which days, as one comparable string: the team, the working week,
 * the holidays, and the start when it is later than the point's date (a past start moves nothing).
 */
function capacityOf({ settings }: ProjectState, date: string): string {
  const { team, workdays, holidays, start } = settings;
  return JSON.stringify([team, workdays, holidays, start !== null && start > date ? start : null]);
}

function likelyOf(state: ProjectState): (issue: TrailIssue) => number {
  const fallback = state.settings.defaultEstimateDays;
  return (issue) => issue.estimateDays ?? fallback;
}

function isOpen(issue: TrailIssue): boolean {
  return issue.status === 'open' || issue.status === 'in_progress';
}

function instantOf(date: string): Date {
  return new Date((parseIsoDate(date)! + 1) * 86_400_000);
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

function signed(x: number): string {
  return x > 0 ? `+${x}` : String(x);
}

function round(x: number): number {
  return Math.round(x * 100) / 100;
}
