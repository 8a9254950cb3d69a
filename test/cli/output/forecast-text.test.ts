import { describe, expect, it } from 'vitest';
import {
  formatForecastText,
  formatNextText,
  formatTrendText,
} from '../../../src/cli/output/forecast-text.js';
import { workCalendar } from '../../../src/domain/forecast/calendar.js';
import { computeForecast } from '../../../src/domain/forecast/compute-forecast.js';
import { computeForecastTrend } from '../../../src/domain/forecast/forecast-trend.js';
import { projectHistory } from '../../../src/domain/forecast/history.js';
import { whatsNext } from '../../../src/domain/forecast/whats-next.js';
import type { AuditEvent } from '../../../src/domain/model.js';
import { computePlan } from '../../../src/domain/plan/compute-plan.js';
import { issue, project } from '../../domain/forecast/reference-scheduler.js';

describe('forecast text', () => {
  const input = project(
    [
      issue('a', 5, { estimateLowDays: 4, estimateHighDays: 8 }),
      issue('b', 2),
      issue('c', 1),
      issue('m', 0),
      issue('w', 3, { status: 'in_progress', assignee: 'zed' }),
    ],
    [
      ['c', 'a'],
      ['m', 'c'],
    ],
    [
      { name: 'eric', capacity: 1 },
      { name: 'petr', capacity: 0.5 },
    ],
  );
  const forecast = computeForecast(input, { trials: 500, seed: 3 });
  const history = projectHistory({
    events: [],
    issues: input.issues,
    defaultEstimateDays: 1,
    calendar: workCalendar(input.calendar),
    today: new Date('2025-06-06T09:00:00Z'),
  });
  const text = formatForecastText({ ...forecast, history });

  it('opens with the dates and the team that gives them', () => {
    const [first, second] = text.split('\n');
    expect(first).toBe('Forecast, with eric, petr (50%), work from 2025-06-06');
    expect(second).toBe(
      `  All open issues done: P50 ${forecast.quantiles.p50.date}, P85 ${forecast.quantiles.p85.date}, ` +
        `P95 ${forecast.quantiles.p95.date} (${Math.round(forecast.quantiles.p50.days * 10) / 10} / ` +
        `${Math.round(forecast.quantiles.p85.days * 10) / 10} / ${Math.round(forecast.quantiles.p95.days * 10) / 10} working days)`,
    );
    expect(text).toContain('  500 trials on the estimate ranges (PERT), seed 3');
  });

  it('lists the most critical issues with their P85 finish, and each person’s issues in order', () => {
    expect(text).toMatch(/Most critical issues[^\n]*\n {2}100% {2}a {2}P85 finish \d{4}-\d\d-\d\d/);
    expect(text).toContain('  eric (');
    expect(text).toContain('  petr (');
    expect(text).toContain('  no one (zero-length issues) (1)');
    // w (in progress) goes first to eric, the faster; a to petr at half speed.
    expect(text).toContain('  eric (3)\n    2025-06-06 -> 2025-06-10  w (3 d)\n');
    expect(text).toContain('  petr (1)\n    2025-06-06 -> 2025-06-19  a (10 d)  critical chain\n');
  });

  it('says there is no history, and what it assumed', () => {
    expect(text).toContain('History\n  no issue has been finished here yet');
    expect(text).toContain("  w: 'zed' is not in the team; anyone may take it");
    expect(text).toContain('  in progress, counted at the whole estimate and first: w');
  });

  it('words a number of people as such', () => {
    const three = formatForecastText({
      ...computeForecast({ ...input, team: 3 }, { trials: 0 }),
      history,
    });
    expect(three.split('\n')[0]).toBe('Forecast, with 3 people, work from 2025-06-06');
    expect(three).toContain('  no trials: the levelled schedule on the most likely estimates');
  });

  it("numbers what's next, each with its reasons", () => {
    const next = whatsNext(computePlan(input).readyRanking, forecast, 2);
    expect(formatNextText(next)).toBe(
      `${next.map((n, i) => `${` ${i + 1}`}. ${n.key}\n    ${n.reason}`).join('\n')}\n`,
    );
  });

  it("wraps each issue's reasons to a terminal's width, under the key, at a word", () => {
    const next = whatsNext(computePlan(input).readyRanking, forecast, 2);
    const text = formatNextText(next, 40);
    expect(text.split('\n').filter((line) => line.length > 40)).toEqual([]);
    expect(text.replace(/\n {4}/g, ' ')).toBe(formatNextText(next).replace(/\n {4}/g, ' '));
  });

  it("fits every line to a terminal's width, each wrapped at a word under a deeper indent, losing nothing", () => {
    const long = { ...forecast, history, target: 'a' };
    const wide = formatForecastText(long);
    const narrow = formatForecastText(long, { width: 60 });
    expect(narrow.split('\n').filter((line) => line.length > 60)).toEqual([]);
    expect(narrow).toContain(
      `  a done: P50 ${forecast.quantiles.p50.date}, P85 ${forecast.quantiles.p85.date},`,
    );
    // Joined back at each wrap, the same words in the same order as on one line.
    const words = (text: string) => text.split(/\s+/).filter((w) => w !== '');
    expect(words(narrow)).toEqual(words(wide));
  });

  it('keeps a key too long for the rest of its line whole, the rest of its row on the next line', () => {
    const key = `subsystem-${'x'.repeat(56)}`;
    const input = project([issue(key, 5), issue('b', 2)], [['b', key]], [{ name: 'eric', capacity: 1 }]);
    const text = formatForecastText(
      { ...computeForecast(input, { trials: 100, seed: 1 }), history },
      { width: 80 },
    );
    expect(text.split('\n').filter((line) => line.length > 80)).toEqual([]);
    const date = '\\d{4}-\\d\\d-\\d\\d';
    expect(text).toMatch(new RegExp(`\n {2}100%  ${key}\n {10}P85 finish ${date}\n`));
    expect(text).toMatch(new RegExp(`\n {4}${date} -> ${date}\n {6}${key} \\(5 d\\)\n {6}critical chain\n`));
  });

  it('says of a finished project that nothing is open, not that every open issue waits', () => {
    expect(formatNextText([])).toBe('Nothing to start: nothing is open.\n');
  });
});

describe('forecast trend text', () => {
  const event = (
    id: number,
    at: string,
    action: string,
    target: string | null,
    after: unknown,
  ): AuditEvent => ({
    id,
    actor: 'eric',
    onBehalfOf: null,
    tokenId: null,
    action,
    target,
    before: null,
    after,
    at: new Date(at),
  });
  const open = (key: string, estimateDays: number) => ({
    key,
    status: 'open' as const,
    estimateDays,
    estimateLowDays: null,
    estimateHighDays: null,
    assignee: null,
    priority: null,
    parent: null,
  });
  const settings = { defaultEstimateDays: 1, team: 1, start: null, workdays: [1, 2, 3, 4, 5], holidays: [] };

  it('prints one line a week, oldest first: date, open issues, P50, P85 and what changed', () => {
    // a since Monday 2025-06-02; b (3 days) added on Tuesday 06-10; today is Wednesday 06-11.
    const trend = computeForecastTrend(
      { issues: [open('a', 2), open('b', 3)], edges: [], settings },
      [
        event(1, '2025-06-02T10:00:00Z', 'project.create', null, settings),
        event(2, '2025-06-02T10:00:00Z', 'issue.create', 'a', open('a', 2)),
        event(3, '2025-06-10T10:00:00Z', 'issue.create', 'b', open('b', 3)),
      ],
      new Date('2025-06-11T09:00:00Z'),
      { weeks: 2, trials: 0 },
    );
    expect(formatTrendText(trend)).toBe(
      [
        'Forecast trend, 2 of 2 weeks (levelled schedules, no trials, seed 1)',
        '  2025-06-08  1 open  P50 2025-06-10  P85 2025-06-10',
        '  2025-06-11  2 open  P50 2025-06-17  P85 2025-06-17  P50 +7 days: 1 added (+3 d)',
        '',
      ].join('\n'),
    );
  });

  it("fits a week's change and the notes to a terminal's width, under a deeper indent", () => {
    const trend = computeForecastTrend(
      { issues: [open('a', 2), open('b', 3)], edges: [], settings },
      [
        event(1, '2025-06-10T10:00:00Z', 'project.create', null, settings),
        event(2, '2025-06-10T10:00:00Z', 'issue.create', 'a', open('a', 2)),
        event(3, '2025-06-10T10:00:00Z', 'issue.create', 'b', open('b', 3)),
      ],
      new Date('2025-06-11T09:00:00Z'),
      { weeks: 3, trials: 0 },
    );
    expect(trend.notes.length).toBeGreaterThan(0);
    const text = formatTrendText(trend, 60);
    expect(text.split('\n').filter((line) => line.length > 60)).toEqual([]);
    expect(text).toContain(`\n  note: ${trend.notes[0]!.split(' ').slice(0, 3).join(' ')}`);
    expect(text.split(/\s+/).join(' ')).toBe(formatTrendText(trend).split(/\s+/).join(' '));
  });
});
