/**
 * Project history
 * ===============
 *
 * What the audit trail says about the pace so far, beside the forecast's
 * figures (which rest on estimates):
 * - weekly throughput: the issues that went to `done` each ISO week (weeks
 *   start on Monday, UTC dates), with their estimate-days, from the week of
 *   the first such change to the week of `today`, empty weeks included;
 * - actual against estimate, where an issue went `in_progress` → `done`:
 *   the working days from the date it was last started to the date it was
 *   finished, both counted, on the project's working week and holidays;
 * - the burn-up: scope (every issue but `wont_do`) and done, by count and by
 *   estimate, at the end of each day something changed, to today. The trail
 *   keeps each issue's whole view before and after every change, so the
 *   series is rebuilt from the current issues by undoing the changes newest
 *   first; an import replaced everything and kept only counts, so the series
 *   starts at the latest import (or at the project's first event). An issue
 *   without an estimate counts the default estimate in force on that day (the
 *   weekly throughput counts one finished at the default of the day it was
 *   finished): a project that
 *   changes its default does not rewrite its past (project-at.ts's
 *   settingsAlongTrail says which was in force).
 *
 * Complexity: O(A + V) for A audit events and V issues, plus the days and
 * weeks listed.
 */

import type { AuditEvent, IssueStatus } from '../model.js';
import { type WorkCalendar, workingDayOf } from './calendar.js';
import { dayNumberOf, formatIsoDate, isoWeekday } from './iso-date.js';
import { settingsAlongTrail } from './project-at.js';

/** What the history needs of an issue now. */
export interface HistoryIssue {
  key: string;
  status: IssueStatus;
  estimateDays: number | null;
}

export interface WeekThroughput {
  /** Date of the week's Monday. */
  week: string;
  issues: number;
  estimateDays: number;
}

export interface ActualAgainstEstimate {
  key: string;
  estimateDays: number;
  /** Working days from its start date to its finish date, both counted. */
  actualDays: number;
  started: string;
  finished: string;
}

export interface BurnUpPoint {
  date: string;
  /** Issues that are not wont_do, and their estimates. */
  scope: number;
  scopeDays: number;
  done: number;
  doneDays: number;
}

export interface ProjectHistory {
  weeks: WeekThroughput[];
  /** Issues finished over the weeks listed, and their estimates. */
  finished: { issues: number; estimateDays: number };
  actuals: ActualAgainstEstimate[];
  /** Sum of actual days over sum of estimates, over `actuals`; null when there is none. */
  actualToEstimate: number | null;
  burnUp: BurnUpPoint[];
  /** The history in one sentence, which says so when there is none. */
  summary: string;
}

interface IssueState {
  status: IssueStatus;
  /** Null: the default estimate (of the day it is counted on). */
  estimateDays: number | null;
}

export function projectHistory(input: {
  events: readonly AuditEvent[];
  issues: readonly HistoryIssue[];
  defaultEstimateDays: number;
  calendar: WorkCalendar;
  today: Date;
}): ProjectHistory {
  const { calendar, defaultEstimateDays } = input;
  const events = [...input.events].sort((a, b) => a.id - b.id);
  const today = dayNumberOf(input.today);
  const along = settingsAlongTrail(events, { defaultEstimateDays });
  /** The default estimate just after event `i`. */
  const defaultAfter = (i: number) =>
    (along.settingsAfter[i] ?? along.settingsAtStart).defaultEstimateDays ?? defaultEstimateDays;

  // Throughput and actuals, oldest first.
  const finishedByWeek = new Map<number, { issues: number; estimateDays: number }>();
  const startedOn = new Map<string, number>();
  const actuals: ActualAgainstEstimate[] = [];
  for (const [i, event] of events.entries()) {
    if (event.action !== 'issue.update' || event.target === null) continue;
    const before = stateOf(event.before);
    const after = stateOf(event.after);
    if (before === null || after === null || before.status === after.status) continue;
    const days = after.estimateDays ?? defaultAfter(i);
    const day = dayNumberOf(event.at);
    if (after.status === 'in_progress') startedOn.set(event.target, day);
    if (after.status !== 'done') continue;
    const monday = day - isoWeekday(day) + 1;
    const week = finishedByWeek.get(monday) ?? { issues: 0, estimateDays: 0 };
    week.issues++;
    week.estimateDays += days;
    finishedByWeek.set(monday, week);
    const started = startedOn.get(event.target);
    if (before.status === 'in_progress' && started !== undefined) {
      actuals.push({
        key: event.target,
        estimateDays: days,
        actualDays: workingDayOf(calendar, day + 1) - workingDayOf(calendar, started),
        started: formatIsoDate(started),
        finished: formatIsoDate(day),
      });
    }
  }
  const weeks: WeekThroughput[] = [];
  if (finishedByWeek.size > 0) {
    const thisMonday = today - isoWeekday(today) + 1;
    for (let monday = Math.min(...finishedByWeek.keys()); monday <= thisMonday; monday += 7) {
      const week = finishedByWeek.get(monday) ?? { issues: 0, estimateDays: 0 };
      weeks.push({
        week: formatIsoDate(monday),
        issues: week.issues,
        estimateDays: round(week.estimateDays),
      });
    }
  }
  const finished = {
    issues: weeks.reduce((sum, w) => sum + w.issues, 0),
    estimateDays: round(weeks.reduce((sum, w) => sum + w.estimateDays, 0)),
  };
  const estimated = actuals.filter((a) => a.estimateDays > 0);
  const estimateSum = estimated.reduce((sum, a) => sum + a.estimateDays, 0);
  const actualToEstimate =
    estimateSum > 0 ? round(estimated.reduce((sum, a) => sum + a.actualDays, 0) / estimateSum) : null;

  return {
    weeks,
    finished,
    actuals,
    actualToEstimate,
    burnUp: burnUp(events, input.issues, defaultEstimateDays, defaultAfter, today),
    summary: summary(weeks, finished, actuals.length, actualToEstimate),
  };
}

/** The burn-up series, rebuilt backwards from the current issues (see the banner). */
function burnUp(
  events: readonly AuditEvent[],
  issues: readonly HistoryIssue[],
  defaultEstimateDays: number,
  defaultAfter: (i: number) => number,
  today: number,
): BurnUpPoint[] {
  const state = new Map<string, IssueState>();
  for (const issue of issues)
    state.set(issue.key, { status: issue.status, estimateDays: issue.estimateDays });
  // Issues without an estimate are counted apart: their days are the default of the day a point is on.
  const totals = { scope: 0, scopeDays: 0, scopeUnestimated: 0, done: 0, doneDays: 0, doneUnestimated: 0 };
  const count = (s: IssueState | undefined, sign: number) => {
    if (s === undefined || s.status === 'wont_do') return;
    totals.scope += sign;
    if (s.estimateDays === null) totals.scopeUnestimated += sign;
    else totals.scopeDays += sign * s.estimateDays;
    if (s.status === 'done') {
      totals.done += sign;
      if (s.estimateDays === null) totals.doneUnestimated += sign;
      else totals.doneDays += sign * s.estimateDays;
    }
  };
  for (const s of state.values()) count(s, 1);
  const point = (day: number, defaultDays: number): BurnUpPoint => ({
    date: formatIsoDate(day),
    scope: totals.scope,
    scopeDays: round(totals.scopeDays + totals.scopeUnestimated * defaultDays),
    done: totals.done,
    doneDays: round(totals.doneDays + totals.doneUnestimated * defaultDays),
  });
  // Newest first: the state at the end of each day is recorded before undoing that day's changes.
  const points: BurnUpPoint[] = [point(today, defaultEstimateDays)];
  let day = today;
  for (let i = events.length - 1; i >= 0; i--) {
    const event = events[i]!;
    const eventDay = dayNumberOf(event.at);
    if (eventDay < day) {
      if (points.at(-1)!.date !== formatIsoDate(eventDay)) points.push(point(eventDay, defaultAfter(i)));
      day = eventDay;
    }
    if (event.action === 'project.import' || event.action === 'project.create') break;
    if (event.target === null) continue;
    const undo = (before: IssueState | null) => {
      count(state.get(event.target!), -1);
      if (before === null) state.delete(event.target!);
      else state.set(event.target!, before);
      count(before ?? undefined, 1);
    };
    if (event.action === 'issue.rename') {
      // A sync's rename: the target is the new key; before it, the issue had its old key.
      const oldKey = (event.before as { key?: unknown } | null)?.key;
      undo(null);
      if (typeof oldKey === 'string') {
        const before = stateOf(event.before);
        count(state.get(oldKey), -1);
        if (before !== null) state.set(oldKey, before);
        count(before ?? undefined, 1);
      }
    } else if (event.action === 'issue.create') undo(null);
    else if (event.action === 'issue.delete') undo(stateOf(event.before));
    else if (event.action === 'issue.update') {
      // A deleted parent's children record their cleared parent alone: their status and estimate stay.
      const before = stateOf(event.before);
      if (before !== null) undo(before);
    }
  }
  return points.reverse();
}

function stateOf(view: unknown): IssueState | null {
  if (typeof view !== 'object' || view === null) return null;
  const { status, estimateDays } = view as { status?: unknown; estimateDays?: unknown };
  if (typeof status !== 'string') return null;
  return {
    status: status as IssueStatus,
    estimateDays: typeof estimateDays === 'number' ? estimateDays : null,
  };
}

function summary(
  weeks: WeekThroughput[],
  finished: { issues: number; estimateDays: number },
  measured: number,
  ratio: number | null,
): string {
  if (finished.issues === 0)
    return 'no issue has been finished here yet: the forecast rests on the estimates alone';
  const recent = weeks.slice(-4);
  const lately = recent.reduce((sum, w) => sum + w.issues, 0);
  const parts = [
    `${plural(finished.issues, 'issue')} (${finished.estimateDays} estimated days) finished in ${plural(weeks.length, 'week')}`,
    `${plural(lately, 'issue')} in the last ${plural(recent.length, 'week')}`,
  ];
  if (ratio !== null)
    parts.push(`where measured (${plural(measured, 'issue')}), work took ${ratio}x its estimate`);
  return parts.join('; ');
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

function round(x: number): number {
  return Math.round(x * 100) / 100;
}
