import { describe, expect, it } from 'vitest';
import {
  forecastBadge,
  goalBadge,
  progressBadge,
  readyBadge,
} from '../../../src/domain/figures/badge-content.js';
import type { PlanFigures } from '../../../src/domain/figures/project-figures.js';

const figures = (over: Partial<PlanFigures>): PlanFigures => ({
  issues: { open: 1, in_progress: 0, done: 0, wont_do: 0 },
  estimateDays: { open: 1, in_progress: 0, done: 0, wont_do: 0 },
  ready: 1,
  blocked: 0,
  criticalPathDays: 1,
  progressByCount: 0,
  progressByEstimate: 0,
  ...over,
});

describe('badge content', () => {
  it('colours progress from red to bright green, and says 100% only when everything is finished', () => {
    const at = (ratio: number) => progressBadge(figures({ progressByCount: ratio }));
    expect([0, 0.2, 0.4, 0.6, 0.8, 0.999, 1].map((r) => `${at(r).message} ${at(r).color}`)).toEqual([
      '0% red',
      '20% orange',
      '40% yellow',
      '60% yellowgreen',
      '80% green',
      '99% green',
      '100% brightgreen',
    ]);
    expect(progressBadge(figures({ progressByCount: null }))).toMatchObject({
      message: 'no issues',
      color: 'lightgrey',
    });
  });

  it('says how many issues are ready, none while only work in progress holds them, all done at the end', () => {
    expect(readyBadge(figures({ ready: 1 })).message).toBe('1 issue');
    expect(readyBadge(figures({ ready: 3 })).message).toBe('3 issues');
    expect(
      readyBadge(figures({ ready: 0, issues: { open: 1, in_progress: 1, done: 0, wont_do: 0 } })),
    ).toMatchObject({
      message: 'none',
      color: 'lightgrey',
    });
    expect(
      readyBadge(figures({ ready: 0, issues: { open: 0, in_progress: 0, done: 2, wont_do: 1 } })),
    ).toMatchObject({
      message: 'all done',
      color: 'brightgreen',
    });
  });

  it("tells the forecast's P85 end, and done once nothing is open or in progress", () => {
    expect(forecastBadge(figures({}), '2027-03-14')).toMatchObject({
      message: 'P85 2027-03-14',
      color: 'blue',
    });
    const finished = figures({ issues: { open: 0, in_progress: 0, done: 3, wont_do: 0 } });
    expect(forecastBadge(finished, '2026-12-06')).toMatchObject({ message: 'done', color: 'brightgreen' });
  });

  it('tells a forecast that runs past the last ISO date as such, in grey', () => {
    expect(forecastBadge(figures({}), null)).toMatchObject({
      message: 'runs past 9999-12-31',
      color: 'lightgrey',
    });
  });

  it('tells the goal: not set, not validated, holds or does not hold', () => {
    const run = (goalHolds: boolean) => ({
      verdicts: { verified: 0, failing: 0, untested: 0 },
      violations: { issues: 0, goal: 0 },
      goalHolds,
    });
    expect(goalBadge(false, run(true)).message).toBe('not set');
    expect(goalBadge(true, null).message).toBe('not validated');
    expect(goalBadge(true, run(true))).toMatchObject({ message: 'holds', color: 'brightgreen' });
    expect(goalBadge(true, run(false))).toMatchObject({ message: 'does not hold', color: 'red' });
  });
});
