import { describe, expect, it } from 'vitest';
import { burnUpModel, dayOf } from '../../src/web/burnup-model.js';

const point = (date: string, scope: number, done: number) => ({
  date,
  scope,
  scopeDays: scope * 2,
  done,
  doneDays: done * 2,
});

describe('burn-up model', () => {
  const points = [point('2025-06-02', 10, 0), point('2025-06-09', 12, 3), point('2025-06-16', 12, 5)];
  const quantiles = {
    p50: { days: 10, date: '2025-06-30' },
    p85: { days: 12, date: '2025-07-02' },
    p95: { days: 14, date: '2025-07-04' },
  };
  const model = burnUpModel(points, quantiles, {
    today: '2025-06-16',
    mode: 'count',
    width: 400,
    height: 200,
  });
  const { left, right, top, bottom } = model.margin;
  const x = (iso: string) =>
    left +
    ((dayOf(iso) - dayOf('2025-06-02')) / (dayOf('2025-07-05') - dayOf('2025-06-02'))) * (400 - left - right);
  const y = (v: number) => top + (200 - top - bottom) - (v / 12) * (200 - top - bottom);

  it('draws scope and done as steps from the first point to today', () => {
    expect(model.scope).toEqual([
      { x: x('2025-06-02'), y: y(10) },
      { x: x('2025-06-09'), y: y(10) },
      { x: x('2025-06-09'), y: y(12) },
      { x: x('2025-06-16'), y: y(12) },
      { x: x('2025-06-16'), y: y(12) },
    ]);
    expect(model.done.at(-1)).toEqual({ x: x('2025-06-16'), y: y(5) });
  });

  it('opens the cone from today’s done to the scope at the P50 and P95 dates, P85 between', () => {
    expect(model.cone).toEqual([
      { x: x('2025-06-16'), y: y(5) },
      { x: x('2025-06-30'), y: y(12) },
      { x: x('2025-07-04'), y: y(12) },
    ]);
    expect(model.lines.p85[1]).toEqual({ x: x('2025-07-02'), y: y(12) });
    expect(model.today).toBe(x('2025-06-16'));
  });

  it('counts estimate-days in the days mode', () => {
    const days = burnUpModel(points, quantiles, {
      today: '2025-06-16',
      mode: 'days',
      width: 400,
      height: 200,
    });
    expect(days.yTicks.map((t) => t.value)).toEqual([0, 10, 20]);
    expect(days.done.at(-1)?.y).toBeCloseTo(top + (200 - top - bottom) * (1 - 10 / 24), 9);
    expect(days.scope.at(-1)?.y).toBeCloseTo(top, 9);
  });

  it('ticks dates on Mondays and values on round numbers', () => {
    for (const t of model.xTicks) expect(new Date(`${t.date}T00:00:00Z`).getUTCDay()).toBe(1);
    expect(model.yTicks.map((t) => t.value)).toEqual([0, 5, 10]);
  });
  it('labels its date ticks with the month and day within a year, and with the year and month beyond one', () => {
    expect(model.xTicks.map((t) => t.label)).toEqual(model.xTicks.map((t) => t.date.slice(5)));
    const decades = burnUpModel(
      points,
      { ...quantiles, p95: { days: 9000, date: '2050-01-03' } },
      {
        today: '2025-06-16',
        mode: 'count',
        width: 400,
        height: 200,
      },
    );
    expect(decades.xTicks.length).toBeGreaterThan(2);
    expect(decades.xTicks.map((t) => t.label)).toEqual(decades.xTicks.map((t) => t.date.slice(0, 7)));
  });

  it('leaves room for each date label on a phone-wide chart (a 7-character label at 11 px is about 45 px wide)', () => {
    for (const p95 of ['2025-07-04', '2026-03-02', '2050-01-03']) {
      const narrow = burnUpModel(
        points,
        { ...quantiles, p95: { days: 0, date: p95 } },
        {
          today: '2025-06-16',
          mode: 'count',
          width: 330,
          height: 200,
        },
      );
      expect(narrow.xTicks.length).toBeGreaterThan(1);
      const gaps = narrow.xTicks.slice(1).map((t, i) => t.x - (narrow.xTicks[i]?.x ?? 0));
      expect(Math.min(...gaps), p95).toBeGreaterThanOrEqual(50);
    }
  });
});
