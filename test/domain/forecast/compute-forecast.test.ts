import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BeyondCalendarError, InvalidInputError } from '../../../src/domain/errors.js';
import {
  dateOfWorkingDay,
  lastWorkingDay,
  wholeWorkingDays,
  workCalendar,
} from '../../../src/domain/forecast/calendar.js';
import {
  computeForecast,
  computeForecastWhatIf,
  trialsFor,
} from '../../../src/domain/forecast/compute-forecast.js';
import { buildForecastGraph } from '../../../src/domain/forecast/forecast-graph.js';
import { drawDurations, pertSampler } from '../../../src/domain/forecast/pert.js';
import { SeededRandom } from '../../../src/domain/forecast/seeded-random.js';
import type { ForecastInput } from '../../../src/domain/forecast/types.js';
import { forecastArbitrary, issue, project, referenceSchedule } from './reference-scheduler.js';

const withoutRanges = (input: ForecastInput): ForecastInput => ({
  ...input,
  issues: input.issues.map((i) => ({ ...i, estimateLowDays: null, estimateHighDays: null })),
});

/** Nearest rank over a plain sorted copy. */
const nearestRank = (values: number[], share: number) =>
  [...values].sort((a, b) => a - b)[Math.max(1, Math.ceil(share * values.length - 1e-9)) - 1]!;

describe('forecast', () => {
  it('dates the levelled schedule on the working-day calendar', () => {
    // Friday 2025-06-06: a (5 days) runs to Thursday; b after it starts on Friday the 13th.
    const forecast = computeForecast(project([issue('a', 5), issue('b', 1)], [['b', 'a']], 1), { trials: 0 });
    expect(forecast.start).toBe('2025-06-06');
    expect(forecast.levelled).toEqual({
      finishDays: 6,
      finishDate: '2025-06-13',
      criticalChain: ['a', 'b'],
      schedule: [
        {
          key: 'a',
          person: 'person 1',
          startDay: 0,
          finishDay: 5,
          start: '2025-06-06',
          finish: '2025-06-12',
        },
        {
          key: 'b',
          person: 'person 1',
          startDay: 5,
          finishDay: 6,
          start: '2025-06-13',
          finish: '2025-06-13',
        },
      ],
    });
    expect(forecast.unlimited).toEqual({ days: 6, date: '2025-06-13' });
  });

  it('undated, counts work past 9999-12-31 in working days and leaves every date empty', () => {
    // Two 3,650-day issues for a twentieth of a person from 9999-12-01: 146,000 working days, no date.
    const input = project([issue('a', 3650), issue('b', 3650)], [['b', 'a']], 1);
    const late = { ...input, team: [{ name: 'slow', capacity: 0.05 }], calendar: { start: '9999-12-01' } };
    expect(() => computeForecast(late, { trials: 100 })).toThrow(BeyondCalendarError);
    const forecast = computeForecast(late, { trials: 100, undated: true });
    expect(forecast.levelled.finishDays).toBe(146_000);
    expect(forecast.criticality).toEqual({ a: 1, b: 1 });
    expect([forecast.start, forecast.levelled.finishDate, forecast.quantiles.p85.date]).toEqual(['', '', '']);
    expect(new Set(forecast.histogram.map((bin) => bin.date))).toEqual(new Set(['']));
  });

  it('names the people of a named team in the schedule', () => {
    const forecast = computeForecast(
      project(
        [issue('a', 2, { assignee: 'eric' }), issue('b', 1)],
        [],
        [
          { name: 'eric', capacity: 1 },
          { name: 'petr', capacity: 0.5 },
        ],
      ),
      { trials: 0 },
    );
    expect(forecast.levelled.schedule.map((e) => [e.key, e.person, e.finishDay])).toEqual([
      ['a', 'eric', 2],
      ['b', 'petr', 2],
    ]);
    expect(forecast.team).toEqual([
      { name: 'eric', capacity: 1 },
      { name: 'petr', capacity: 0.5 },
    ]);
  });

  it('with zero-width ranges gives P50 = P85 = P95 = the levelled finish, and the levelled chain as criticality', () => {
    fc.assert(
      fc.property(forecastArbitrary(), (ranged) => {
        const input = withoutRanges(ranged);
        const forecast = computeForecast(input, { trials: 20 });
        const finish = { days: forecast.levelled.finishDays, date: forecast.levelled.finishDate };
        expect(forecast.quantiles).toEqual({ p50: finish, p85: finish, p95: finish });
        for (const [key, share] of Object.entries(forecast.criticality))
          expect(share).toBe(forecast.levelled.criticalChain.includes(key) ? 1 : 0);
      }),
      { numRuns: 150 },
    );
  });

  it("gives each issue's P85 finish in the unit of the levelled schedule, rounded up to a whole day", () => {
    // a (2.5 days) then m, a zero-length milestone, and z, a milestone at day 0; no spread: P85 = levelled.
    const input = project([issue('a', 2.5), issue('m', 0), issue('z', 0)], [['m', 'a']], 1);
    const forecast = computeForecast(input, { trials: 50 });
    const finish = (key: string) => forecast.levelled.schedule.find((e) => e.key === key)!;
    expect(finish('a').finishDay).toBe(2.5);
    expect(forecast.finishP85.a).toEqual({ days: 3, date: finish('a').finish });
    expect(forecast.finishP85.m).toEqual({ days: 3, date: finish('m').finish });
    expect(forecast.finishP85.z).toEqual({ days: 0, date: forecast.start });
    expect(computeForecast(input, { trials: 0 }).finishP85).toEqual(forecast.finishP85);
  });

  it('orders its quantiles, days and dates alike', () => {
    fc.assert(
      fc.property(forecastArbitrary(), fc.nat(), (input, seed) => {
        const { p50, p85, p95 } = computeForecast(input, { trials: 200, seed }).quantiles;
        expect(p50.days).toBeLessThanOrEqual(p85.days);
        expect(p85.days).toBeLessThanOrEqual(p95.days);
        expect(p50.date <= p85.date && p85.date <= p95.date).toBe(true);
      }),
      { numRuns: 100 },
    );
  });

  it('gives the same answer for the same seed, byte for byte, and another for another seed', () => {
    const input = project(
      [
        issue('a', 3, { estimateLowDays: 2, estimateHighDays: 8 }),
        issue('b', 2, { estimateHighDays: 6 }),
        issue('c', 1),
      ],
      [['c', 'a']],
      2,
    );
    const once = JSON.stringify(computeForecast(input, { trials: 500, seed: 9 }));
    expect(JSON.stringify(computeForecast(input, { trials: 500, seed: 9 }))).toBe(once);
    expect(JSON.stringify(computeForecast(input, { trials: 500, seed: 10 }))).not.toBe(once);
  });

  it('runs each trial through the levelled rules on its drawn durations', () => {
    fc.assert(
      fc.property(forecastArbitrary(), fc.nat(), (input, seed) => {
        const trials = 30;
        const forecast = computeForecast(input, { trials, seed });
        // The same draws, in the same order, each trial scheduled by the reference.
        const graph = buildForecastGraph(input);
        const keyOf = (r: number) => graph.plan.keys[graph.idOfRank[r]!]!;
        const sampler = pertSampler(graph.low, graph.likely, graph.high);
        const random = new SeededRandom(seed);
        const durations = Float64Array.from(graph.likely);
        const ends: number[] = [];
        const lastDays = new Map<string, number[]>(); // whole working days
        for (let t = 0; t < trials; t++) {
          drawDurations(sampler, random, durations);
          const byKey = new Map(Array.from(durations, (d, r) => [keyOf(r), d]));
          const { entries } = referenceSchedule(input, (key) => byKey.get(key)!);
          ends.push(Math.max(0, ...[...entries.values()].map((e) => e.finish)));
          for (const [key, e] of entries)
            lastDays.set(key, [...(lastDays.get(key) ?? []), wholeWorkingDays(e.finish)]);
        }
        const cal = workCalendar(input.calendar);
        for (const [name, share] of [
          ['p50', 0.5],
          ['p85', 0.85],
          ['p95', 0.95],
        ] as const) {
          expect(forecast.quantiles[name].days).toBeCloseTo(nearestRank(ends, share), 6);
          expect(forecast.quantiles[name].date).toBe(
            dateOfWorkingDay(cal, lastWorkingDay(nearestRank(ends, share))),
          );
        }
        for (const [key, days] of lastDays) {
          const whole = nearestRank(days, 0.85);
          expect(forecast.finishP85[key]).toEqual({
            days: whole,
            date: dateOfWorkingDay(cal, lastWorkingDay(whole)),
          });
        }
        expect(forecast.histogram.reduce((sum, bin) => sum + bin.count, 0)).toBe(trials);
      }),
      { numRuns: 60 },
    );
  });

  it('counts criticality per trial, not on mean durations', () => {
    // a and b run in parallel before c; b's range is wide: either may set c's start in a trial.
    const input = project(
      [
        issue('a', 5, { estimateLowDays: 4, estimateHighDays: 6 }),
        issue('b', 5, { estimateLowDays: 1, estimateHighDays: 9 }),
        issue('c', 1),
      ],
      [
        ['c', 'a'],
        ['c', 'b'],
      ],
      2,
    );
    const { criticality } = computeForecast(input, { trials: 4000, seed: 3 });
    expect(criticality.c).toBe(1);
    expect(criticality.a! + criticality.b!).toBeCloseTo(1, 9);
    expect(criticality.a).toBeGreaterThan(0.3);
    expect(criticality.b).toBeGreaterThan(0.3);
  });

  it('forecasts one issue when given a target', () => {
    const input = project(
      [
        issue('a', 2, { estimateHighDays: 4 }),
        issue('b', 10, { estimateHighDays: 20 }),
        issue('x', 1, { status: 'done' }),
      ],
      [],
      2,
    );
    const forecast = computeForecast(input, { trials: 300, target: 'a' });
    expect(forecast.target).toBe('a');
    expect(forecast.quantiles.p95.days).toBeLessThanOrEqual(4);
    expect(forecast.criticality).toMatchObject({ a: 1, b: 0 });
    expect(computeForecast(input, { trials: 10, target: 'x' }).quantiles.p85).toEqual({
      days: 0,
      date: '2025-06-06',
    });
    expect(() => computeForecast(input, { target: 'nope' })).toThrow(InvalidInputError);
  });

  it('bins the trials in at most 40 contiguous bins of whole days', () => {
    const input = project(
      Array.from({ length: 30 }, (_, i) => issue(`i${i}`, 3, { estimateLowDays: 1, estimateHighDays: 30 })),
      [],
      1,
    );
    const { histogram, trials } = computeForecast(input, { trials: 2000 });
    expect(histogram.length).toBeLessThanOrEqual(40);
    for (let i = 1; i < histogram.length; i++) expect(histogram[i]!.fromDays).toBe(histogram[i - 1]!.toDays);
    for (const bin of histogram) expect(Number.isInteger(bin.toDays - bin.fromDays)).toBe(true);
    expect(histogram.reduce((sum, bin) => sum + bin.count, 0)).toBe(trials);
  });

  it('refuses bad options and bad ranges, naming each', () => {
    const problems = (fn: () => unknown) => {
      try {
        fn();
      } catch (error) {
        if (error instanceof InvalidInputError) return error.errors;
        throw error;
      }
      throw new Error('expected an InvalidInputError');
    };
    expect(
      problems(() => computeForecast(project([issue('a', 1)], [], 2), { trials: -1, seed: 2 ** 32 })),
    ).toEqual([
      { path: 'trials', message: 'must be a whole number from 0 to 100000' },
      { path: 'seed', message: 'must be a whole number from 0 to 4294967295' },
    ]);
    expect(
      problems(() =>
        computeForecast(
          project([issue('a', 3, { estimateLowDays: 4 }), issue('b', 3, { estimateHighDays: 2 })]),
        ),
      ),
    ).toEqual([
      { path: 'issues[0].estimateLowDays', message: 'estimateLowDays (4) is above estimateDays (3)' },
      { path: 'issues[1].estimateHighDays', message: 'estimateHighDays (2) is below estimateDays (3)' },
    ]);
    expect(problems(() => computeForecast(project([issue('a', 1)], [], 0)))[0]!.path).toBe('team');
    expect(
      problems(() =>
        computeForecast(
          project(
            [issue('a', 1)],
            [],
            [
              { name: 'x', capacity: 0 },
              { name: 'x', capacity: 1 },
              { name: 'y', capacity: 0.049 },
              { name: 'z', capacity: 0.05 },
            ],
          ),
        ),
      ).map((e) => e.path),
    ).toEqual(['team[0].capacity', 'team[1].name', 'team[2].capacity']);
  });

  it('says which assignees it could not place and which issues it counts whole', () => {
    const forecast = computeForecast(
      project(
        [issue('a', 1, { assignee: 'zed' }), issue('b', 1, { status: 'in_progress', assignee: 'eric' })],
        [],
        [{ name: 'eric', capacity: 1 }],
      ),
      { trials: 0 },
    );
    expect(forecast.assumptions).toEqual([
      { kind: 'in-progress-whole', keys: ['b'] },
      { kind: 'unknown-assignee', key: 'a', assignee: 'zed' },
    ]);
    expect(
      computeForecast(project([issue('a', 1, { assignee: 'eric' })], [], 3), { trials: 0 }).assumptions,
    ).toEqual([{ kind: 'assignees-ignored', keys: ['a'] }]);
  });

  it('answers what-if: these issues landed, and another team', () => {
    const input = project([issue('a', 4), issue('b', 4), issue('c', 4)], [['c', 'a']], 1);
    expect(computeForecast(input, { trials: 0 }).levelled.finishDays).toBe(12);
    const whatIf = computeForecastWhatIf(input, { done: ['a'], team: 2 }, { trials: 0 });
    expect(whatIf.levelled.finishDays).toBe(4);
    expect(whatIf.levelled.schedule.map((e) => e.key)).toEqual(['b', 'c']);
    expect(computeForecastWhatIf(input, { team: 3 }, { trials: 0 }).levelled.finishDays).toBe(8);
    expect(() => computeForecastWhatIf(input, { done: ['a', 'zz'] })).toThrow(
      expect.objectContaining({ errors: [{ path: 'done[1]', message: "unknown issue 'zz'" }] }),
    );
  });

  it('bounds the work of one forecast: as many trials as fit when none are asked for, a 400 beyond', () => {
    expect(trialsFor(undefined, 1000)).toBe(10_000);
    expect(trialsFor(undefined, 4000)).toBe(5000);
    expect(trialsFor(undefined, 1_000_000)).toBe(100);
    expect(trialsFor(5000, 4000)).toBe(5000);
    expect(() => trialsFor(6000, 4000)).toThrow(
      expect.objectContaining({
        errors: [
          {
            path: 'trials',
            message: 'at most 5000 trials for 4000 open issues (trials x open issues <= 20000000)',
          },
        ],
      }),
    );
  });
});
