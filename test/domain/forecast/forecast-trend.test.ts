import { describe, expect, it } from 'vitest';
import { computeForecastTrend } from '../../../src/domain/forecast/forecast-trend.js';
import type { ProjectState, TrailIssue } from '../../../src/domain/forecast/project-at.js';
import type { IssueStatus } from '../../../src/domain/model.js';
import { invalidInputFrom } from '../invalid-input.js';
import { trail } from './audit-trail.js';

const issue = (key: string, status: IssueStatus, estimateDays: number | null): TrailIssue => ({
  key,
  status,
  estimateDays,
  estimateLowDays: null,
  estimateHighDays: null,
  assignee: null,
  priority: null,
  parent: null,
});
const settings = { defaultEstimateDays: 1, team: 1, start: null, workdays: [1, 2, 3, 4, 5], holidays: [] };

// Created on Monday 2025-06-02 with a (2 days) blocking b (3 days); a finished and c (4 days) added on
// 2025-06-10; b re-estimated to 5 days on 2025-06-16; today is Wednesday 2025-06-18.
const events = trail(
  ['2025-06-02', 'project.create', null, null, settings],
  ['2025-06-02', 'issue.create', 'a', null, issue('a', 'open', 2)],
  ['2025-06-02', 'issue.create', 'b', null, issue('b', 'open', 3)],
  ['2025-06-02', 'dependency.add', 'b<-a', null, { issue: 'b', blockedBy: 'a' }],
  ['2025-06-10', 'issue.update', 'a', issue('a', 'open', 2), issue('a', 'done', 2)],
  ['2025-06-10', 'issue.create', 'c', null, issue('c', 'open', 4)],
  ['2025-06-16', 'issue.update', 'b', issue('b', 'open', 3), issue('b', 'open', 5)],
);
const current: ProjectState = {
  issues: [issue('a', 'done', 2), issue('b', 'open', 5), issue('c', 'open', 4)],
  edges: [{ issue: 'b', blockedBy: 'a' }],
  settings,
};
const now = new Date('2025-06-18T09:00:00Z');

describe('forecast trend', () => {
  const trend = computeForecastTrend(current, events, now, { weeks: 4, trials: 0 });

  it('has a point for today and for each Sunday before it, oldest first, none before the project', () => {
    expect(trend.points.map((p) => p.date)).toEqual(['2025-06-08', '2025-06-15', '2025-06-18']);
    expect(trend.notes).toEqual(['the project was created at 2025-06-02T10:00:00.000Z: no earlier week']);
    expect(trend.startsAfterImport).toBe(false);
  });

  it('forecasts each point from its own state with day 0 on its date', () => {
    // One person: 5 days from Monday 06-09; 7 from Monday 06-16; 9 from Wednesday 06-18.
    expect(trend.points.map((p) => [p.openIssues, p.openEstimateDays, p.scope, p.p50, p.p85])).toEqual([
      [2, 5, 2, '2025-06-13', '2025-06-13'],
      [2, 7, 3, '2025-06-24', '2025-06-24'],
      [2, 9, 3, '2025-06-30', '2025-06-30'],
    ]);
  });

  it('says what changed since the point before: added, finished, re-estimated, and how far P50 moved', () => {
    const [first, second, third] = trend.points;
    expect(first!.change).toBeNull();
    expect(second!.change).toMatchObject({
      added: ['c'],
      addedDays: 4,
      finished: ['a'],
      finishedDays: 2,
      reestimated: [],
      p50ShiftDays: 11,
      causes: ['scope-added'],
      summary: 'P50 +11 days: 1 added (+4 d), 1 finished (2 d)',
    });
    expect(third!.change).toMatchObject({
      reestimated: [{ key: 'b', fromDays: 3, toDays: 5 }],
      reestimatedDays: 2,
      causes: ['estimates-raised'],
    });
  });

  it('calls a slip that no added work explains work slower than estimated', () => {
    // Nothing happens from Sunday 06-22 to Wednesday 06-25: the same 9 days end Thursday 07-03, then Monday 07-07.
    const idle = computeForecastTrend(current, events, new Date('2025-06-25T09:00:00Z'), {
      weeks: 2,
      trials: 0,
    });
    expect(idle.points[1]!.change).toMatchObject({ causes: ['slower-than-estimated'], p50ShiftDays: 4 });
  });

  it('blames a slip on a smaller team, not on slower work, when the team changed', () => {
    // Two people until Monday 06-23, then one: b and c (9 days) end Friday 06-27 in parallel, Monday 07-07 alone.
    const shrunk = [
      ...events,
      ...trail(['2025-06-23', 'project.update', null, { ...settings, team: 2 }, settings]),
    ].map((e, i) => ({ ...e, id: i + 1 }));
    const trend = computeForecastTrend(current, shrunk, new Date('2025-06-25T09:00:00Z'), {
      weeks: 2,
      trials: 0,
    });
    expect(trend.points[1]!.change).toMatchObject({
      p50ShiftDays: 10,
      causes: ['team-or-calendar-changed'],
      summary: 'P50 +10 days: team or calendar changed',
    });
  });

  it('reports an issue a GitHub sync renamed as renamed, not as one dropped and one added', () => {
    // On Tuesday 06-24 a sync renames b to b2 (it moved to another repository): the same open 5 days.
    const renamed = [
      ...events,
      ...trail(
        ['2025-06-24', 'issue.rename', 'b2', { ...issue('b', 'open', 5) }, { ...issue('b2', 'open', 5) }],
        ['2025-06-24', 'dependency.remove', 'b<-a', { issue: 'b', blockedBy: 'a' }, null],
        ['2025-06-24', 'dependency.add', 'b2<-a', null, { issue: 'b2', blockedBy: 'a' }],
      ),
    ].map((e, i) => ({ ...e, id: i + 1 }));
    const later: ProjectState = {
      ...current,
      issues: [issue('a', 'done', 2), issue('b2', 'open', 5), issue('c', 'open', 4)],
      edges: [{ issue: 'b2', blockedBy: 'a' }],
    };
    const trend = computeForecastTrend(later, renamed, new Date('2025-06-25T09:00:00Z'), {
      weeks: 2,
      trials: 0,
    });
    const change = trend.points[1]!.change!;
    expect(change).toMatchObject({ added: [], dropped: [], renamed: [{ from: 'b', to: 'b2' }] });
    expect(change.causes).not.toContain('scope-added');
    expect(change.causes).not.toContain('scope-dropped');
    expect(change.summary).toContain('1 renamed');
  });

  it('starts after the latest import, which kept only counts, and says so', () => {
    const imported = [
      ...events,
      ...trail([
        '2025-06-11',
        'project.import',
        null,
        { issues: 3, dependencies: 1 },
        { issues: 3, dependencies: 1 },
      ]),
    ].sort((x, y) => x.at.getTime() - y.at.getTime() || x.id - y.id);
    imported.forEach((e, i) => {
      e.id = i + 1;
    });
    const after = computeForecastTrend(current, imported, now, { weeks: 4, trials: 0 });
    expect(after.points.map((p) => p.date)).toEqual(['2025-06-15', '2025-06-18']);
    expect(after.startsAfterImport).toBe(true);
    expect(after.notes[0]).toMatch(/^the trail starts at the import of 2025-06-11T10:00:00.000Z/);
  });

  it('answers a point whose dates would pass 9999-12-31 without dates', () => {
    const late = { ...current, settings: { ...settings, start: '9999-12-30' } };
    const beyond = computeForecastTrend(late, [], now, { weeks: 1, trials: 10 });
    expect(beyond.points).toMatchObject([{ beyondCalendar: true, p50: null, p85: null, p95: null }]);
  });

  it('gives the same answer for the same seed', () => {
    const ranged = {
      ...current,
      issues: current.issues.map((i) => ({ ...i, estimateLowDays: 1, estimateHighDays: 9 })),
    };
    const a = computeForecastTrend(ranged, events, now, { weeks: 3, seed: 7 });
    expect(computeForecastTrend(ranged, events, now, { weeks: 3, seed: 7 })).toEqual(a);
    expect(a.trials).toBe(3333); // the points share a forecast's 10,000 trials
  });

  it('refuses weeks out of range and more trials than the work bound allows, naming them', () => {
    expect(invalidInputFrom(() => computeForecastTrend(current, events, now, { weeks: 0 })).errors).toEqual([
      { path: 'weeks', message: 'must be a whole number from 1 to 52' },
    ]);
    const many = {
      ...current,
      issues: Array.from({ length: 2000 }, (_, i) => issue(`k${i}`, 'open', 1)),
      edges: [],
    };
    const error = invalidInputFrom(() => computeForecastTrend(many, [], now, { weeks: 4, trials: 5000 }));
    expect(error.errors[0]!.path).toBe('trials');
  });
});
