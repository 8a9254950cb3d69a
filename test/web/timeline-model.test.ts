import { describe, expect, it } from 'vitest';
import { MILESTONES, timelineModel } from '../../src/web/timeline-model.js';

const entry = (
  key: string,
  person: string | null,
  startDay: number,
  finishDay: number,
  start: string,
  finish: string,
) => ({
  key,
  person,
  startDay,
  finishDay,
  start,
  finish,
});

describe('timeline model', () => {
  const levelled = {
    finishDays: 6,
    finishDate: '2025-06-13',
    criticalChain: ['a', 'm', 'c'],
    schedule: [
      entry('a', 'eric', 0, 5, '2025-06-06', '2025-06-12'),
      entry('b', 'petr', 0, 2, '2025-06-06', '2025-06-09'),
      entry('m', null, 5, 5, '2025-06-12', '2025-06-12'),
      entry('c', 'eric', 5, 6, '2025-06-13', '2025-06-13'),
    ],
  };
  const team = [{ name: 'eric' }, { name: 'petr' }];
  const issues = [
    { key: 'a', title: 'Alpha', blockedBy: ['done-one'] },
    { key: 'b', title: 'Beta', blockedBy: [] },
    { key: 'm', title: 'Milestone', blockedBy: ['a'] },
    { key: 'c', title: 'Gamma', blockedBy: ['m', 'b'] },
  ];
  const model = timelineModel(levelled, team, issues, { start: '2025-06-06', today: '2025-06-06' });

  it('puts each issue in its person lane, zero-length ones in a lane of their own', () => {
    expect(model.lanes.map((l) => [l.name, l.bars.map((b) => b.key)])).toEqual([
      ['eric', ['a', 'c']],
      ['petr', ['b']],
      [MILESTONES, ['m']],
    ]);
  });

  it('marks the critical chain and keeps only open blockers for the hover', () => {
    expect([...model.bars.values()].filter((b) => b.critical).map((b) => b.key)).toEqual(['a', 'm', 'c']);
    expect(model.bars.get('a')?.blockedBy).toEqual([]);
    expect(model.bars.get('c')?.blockedBy).toEqual(['m', 'b']);
    expect(model.bars.get('b')?.title).toBe('Beta');
  });

  it('labels ticks with the dates the schedule gives, and puts today at day 0 when work starts from today', () => {
    expect(model.ticks).toEqual([
      { day: 0, label: '2025-06-06' },
      { day: 5, label: '2025-06-13' },
    ]);
    expect(model.todayDay).toBe(0);
    const startingOn = (start: string | null) =>
      timelineModel(levelled, team, issues, { start, today: '2025-06-07' }).todayDay;
    // A Saturday: day 0 is Monday, and today is drawn there unless the project starts later.
    expect(startingOn(null)).toBe(0);
    expect(startingOn('2025-06-01')).toBe(0);
    expect(startingOn('2025-06-09')).toBeNull();
  });
});
