import { describe, expect, it } from 'vitest';
import { workCalendar } from '../../../src/domain/forecast/calendar.js';
import { projectHistory } from '../../../src/domain/forecast/history.js';
import type { IssueStatus } from '../../../src/domain/model.js';
import { trail } from './audit-trail.js';

const calendar = workCalendar({ start: '2025-06-02', holidays: ['2025-06-04'] });
const view = (status: IssueStatus, estimateDays: number | null) => ({ status, estimateDays, title: 'x' });

describe('project history', () => {
  const events = trail(
    ['2025-06-02', 'project.create', null, null, { slug: 'p' }],
    ['2025-06-02', 'issue.create', 'a', null, view('open', 2)],
    ['2025-06-02', 'issue.create', 'b', null, view('open', null)],
    ['2025-06-03', 'issue.update', 'a', view('open', 2), view('in_progress', 2)],
    ['2025-06-05', 'issue.update', 'a', view('in_progress', 2), view('done', 2)],
    ['2025-06-05', 'dependency.add', 'b<-a', null, { issue: 'b', blockedBy: 'a' }],
    ['2025-06-10', 'issue.create', 'c', null, view('open', 5)],
    ['2025-06-10', 'issue.update', 'b', view('open', null), view('done', null)],
    ['2025-06-11', 'issue.update', 'c', view('open', 5), view('wont_do', 5)],
  );
  const issues = [
    { key: 'a', status: 'done' as const, estimateDays: 2 },
    { key: 'b', status: 'done' as const, estimateDays: null },
    { key: 'c', status: 'wont_do' as const, estimateDays: 5 },
  ];
  const history = projectHistory({
    events,
    issues,
    defaultEstimateDays: 3,
    calendar,
    today: new Date('2025-06-20T08:00:00Z'),
  });

  it('counts the issues finished each week, empty weeks included, to this week', () => {
    expect(history.weeks).toEqual([
      { week: '2025-06-02', issues: 1, estimateDays: 2 },
      { week: '2025-06-09', issues: 1, estimateDays: 3 },
      { week: '2025-06-16', issues: 0, estimateDays: 0 },
    ]);
    expect(history.finished).toEqual({ issues: 2, estimateDays: 5 });
  });

  it('measures working days from start to finish, both counted, where an issue went in_progress -> done', () => {
    // Tuesday to Thursday with Wednesday a holiday: 2 working days.
    expect(history.actuals).toEqual([
      { key: 'a', estimateDays: 2, actualDays: 2, started: '2025-06-03', finished: '2025-06-05' },
    ]);
    expect(history.actualToEstimate).toBe(1);
  });

  it('rebuilds scope and done at the end of each day, by count and by estimate', () => {
    expect(history.burnUp).toEqual([
      { date: '2025-06-02', scope: 2, scopeDays: 5, done: 0, doneDays: 0 },
      { date: '2025-06-03', scope: 2, scopeDays: 5, done: 0, doneDays: 0 },
      { date: '2025-06-05', scope: 2, scopeDays: 5, done: 1, doneDays: 2 },
      { date: '2025-06-10', scope: 3, scopeDays: 10, done: 2, doneDays: 5 },
      { date: '2025-06-11', scope: 2, scopeDays: 5, done: 2, doneDays: 5 },
      { date: '2025-06-20', scope: 2, scopeDays: 5, done: 2, doneDays: 5 },
    ]);
  });

  it('sums it up in a sentence', () => {
    expect(history.summary).toBe(
      '2 issues (5 estimated days) finished in 3 weeks; 2 issues in the last 3 weeks; where measured (1 issue), work took 1x its estimate',
    );
  });

  it('starts the burn-up at the latest import, which kept only counts', () => {
    const imported = trail(
      ['2025-06-02', 'issue.create', 'old', null, view('open', 1)],
      ['2025-06-09', 'project.import', null, { issues: 1, dependencies: 0 }, { issues: 2, dependencies: 0 }],
      ['2025-06-12', 'issue.update', 'x', view('open', 4), view('done', 4)],
    );
    const h = projectHistory({
      events: imported,
      issues: [
        { key: 'x', status: 'done', estimateDays: 4 },
        { key: 'y', status: 'open', estimateDays: 1 },
      ],
      defaultEstimateDays: 1,
      calendar,
      today: new Date('2025-06-12T18:00:00Z'),
    });
    expect(h.burnUp).toEqual([
      { date: '2025-06-09', scope: 2, scopeDays: 5, done: 0, doneDays: 0 },
      { date: '2025-06-12', scope: 2, scopeDays: 5, done: 1, doneDays: 4 },
    ]);
  });

  it("keeps a deleted parent's children in the scope before the delete (their event holds the parent alone)", () => {
    // Deleting p clears c's parent: that event's views are `{ parent }` alone, no status.
    const h = projectHistory({
      events: trail(
        ['2025-06-02', 'project.create', null, null, { slug: 'p' }],
        ['2025-06-02', 'issue.create', 'p', null, view('open', 2)],
        ['2025-06-02', 'issue.create', 'c', null, { ...view('open', 3), parent: 'p' }],
        ['2025-06-04', 'issue.update', 'c', { parent: 'p' }, { parent: null }],
        ['2025-06-04', 'issue.delete', 'p', view('open', 2), null],
      ),
      issues: [{ key: 'c', status: 'open', estimateDays: 3 }],
      defaultEstimateDays: 1,
      calendar,
      today: new Date('2025-06-05T00:00:00Z'),
    });
    expect(h.burnUp).toEqual([
      { date: '2025-06-02', scope: 2, scopeDays: 5, done: 0, doneDays: 0 },
      { date: '2025-06-04', scope: 1, scopeDays: 3, done: 0, doneDays: 0 },
      { date: '2025-06-05', scope: 1, scopeDays: 3, done: 0, doneDays: 0 },
    ]);
  });

  it('counts a renamed issue once before its rename (a sync records the old and the new issue)', () => {
    const h = projectHistory({
      events: trail(
        ['2025-06-02', 'project.create', null, null, { slug: 'p' }],
        ['2025-06-02', 'issue.create', 'old', null, { ...view('open', 2), key: 'old' }],
        [
          '2025-06-03',
          'issue.update',
          'old',
          { ...view('open', 2), key: 'old' },
          { ...view('done', 2), key: 'old' },
        ],
        [
          '2025-06-04',
          'issue.rename',
          'new',
          { ...view('done', 2), key: 'old' },
          { ...view('done', 2), key: 'new' },
        ],
      ),
      issues: [{ key: 'new', status: 'done', estimateDays: 2 }],
      defaultEstimateDays: 1,
      calendar,
      today: new Date('2025-06-05T00:00:00Z'),
    });
    expect(h.burnUp.map((p) => [p.date, p.scope, p.done])).toEqual([
      ['2025-06-02', 1, 0],
      ['2025-06-03', 1, 1],
      ['2025-06-04', 1, 1],
      ['2025-06-05', 1, 1],
    ]);
  });

  it("counts an issue without an estimate at the default estimate in force on each day, not today's", () => {
    // Default 1 day until 06-05, then 4: the days before 06-05 keep counting 1.
    const settings = {
      defaultEstimateDays: 1,
      team: null,
      start: null,
      workdays: [1, 2, 3, 4, 5],
      holidays: [],
    };
    const h = projectHistory({
      events: trail(
        ['2025-06-02', 'project.create', null, null, settings],
        ['2025-06-02', 'issue.create', 'a', null, view('open', null)],
        ['2025-06-02', 'issue.create', 'b', null, view('open', null)],
        ['2025-06-03', 'issue.update', 'a', view('open', null), view('done', null)],
        ['2025-06-05', 'project.update', null, settings, { ...settings, defaultEstimateDays: 4 }],
      ),
      issues: [
        { key: 'a', status: 'done', estimateDays: null },
        { key: 'b', status: 'open', estimateDays: null },
      ],
      defaultEstimateDays: 4,
      calendar,
      today: new Date('2025-06-06T08:00:00Z'),
    });
    expect(h.burnUp).toEqual([
      { date: '2025-06-02', scope: 2, scopeDays: 2, done: 0, doneDays: 0 },
      { date: '2025-06-03', scope: 2, scopeDays: 2, done: 1, doneDays: 1 },
      { date: '2025-06-05', scope: 2, scopeDays: 8, done: 1, doneDays: 4 },
      { date: '2025-06-06', scope: 2, scopeDays: 8, done: 1, doneDays: 4 },
    ]);
    // a was finished when it counted 1 day.
    expect(h.weeks).toEqual([{ week: '2025-06-02', issues: 1, estimateDays: 1 }]);
  });

  it('says so when nothing has been finished', () => {
    const h = projectHistory({
      events: trail(['2025-06-02', 'project.import', null, null, { issues: 1, dependencies: 0 }]),
      issues: [{ key: 'x', status: 'open', estimateDays: 4 }],
      defaultEstimateDays: 1,
      calendar,
      today: new Date('2025-06-03T00:00:00Z'),
    });
    expect(h).toMatchObject({ weeks: [], actuals: [], actualToEstimate: null });
    expect(h.summary).toBe('no issue has been finished here yet: the forecast rests on the estimates alone');
  });
});
