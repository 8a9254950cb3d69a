import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DayHistograms } from '../../../src/domain/forecast/day-histograms.js';

/** Nearest rank over a plain sorted copy. */
const quantile = (days: number[], share: number) =>
  [...days].sort((a, b) => a - b)[Math.max(1, Math.ceil(share * days.length - 1e-9)) - 1]!;

describe('day histograms', () => {
  it('reads the nearest-rank quantile of each row', () => {
    const h = new DayHistograms(2, Int32Array.of(10, 0));
    for (const [first, second] of [
      [8, 3],
      [9, 3],
      [10, 4],
      [11, 3],
      [30, 3],
    ])
      h.addFinishes(Float64Array.of(first!, second!));
    expect([
      h.quantile(0, 0.5, 5),
      h.quantile(0, 0.85, 5),
      h.quantile(0, 1, 5),
      h.quantile(1, 0.85, 5),
    ]).toEqual([10, 30, 30, 4]);
  });

  it('counts a finish on the whole working day it ends in', () => {
    const h = new DayHistograms(1, Int32Array.of(3));
    for (const finish of [2.25, 3, 3 + 1e-12, 0]) h.addFinishes(Float64Array.of(finish));
    expect([0.25, 0.5, 0.75, 1].map((share) => h.quantile(0, share, 4))).toEqual([0, 3, 3, 3]);
  });

  it('keeps every count when days fall far from the guess, on either side', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 6 }).chain((rows) =>
          fc.array(fc.array(fc.integer({ min: 0, max: 5000 }), { minLength: rows, maxLength: rows }), {
            minLength: 1,
            maxLength: 60,
          }),
        ),
        fc.integer({ min: 0, max: 5000 }),
        (trials, guess) => {
          const rows = trials[0]!.length;
          const h = new DayHistograms(rows, new Int32Array(rows).fill(guess));
          for (const days of trials) h.addFinishes(Float64Array.from(days));
          for (let r = 0; r < rows; r++) {
            const column = trials.map((days) => days[r]!);
            for (const share of [0.01, 0.5, 0.85, 0.95, 1])
              expect(h.quantile(r, share, trials.length)).toBe(quantile(column, share));
          }
        },
      ),
      { numRuns: 200 },
    );
  });
});
