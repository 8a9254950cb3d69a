import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DayHistograms } from '../../../src/domain/forecast/day-histograms.js';

/** Nearest rank over a plain sorted copy. */
const quantile = (days: number[], share: number) =>
  [...days].sort((a, b) => a - b)[Math.max(1, Math.ceil(share * days.length - 1e-9)) - 1]!;

describe('day histograms', () => {
  it('reads the nearest-rank quantile of each row', () => {
    const h = new DayHistograms(2, Int32Array.of(10, 0));
    for (const day of [8, 9, 10, 11, 30]) h.add(0, day);
    h.add(1, 3);
    expect([
      h.quantile(0, 0.5, 5),
      h.quantile(0, 0.85, 5),
      h.quantile(0, 1, 5),
      h.quantile(1, 0.85, 1),
    ]).toEqual([10, 30, 30, 3]);
  });

  it('keeps every count when days fall far from the guess, on either side', () => {
    fc.assert(
      fc.property(
        fc.array(fc.array(fc.integer({ min: 0, max: 5000 }), { minLength: 1, maxLength: 60 }), {
          minLength: 1,
          maxLength: 6,
        }),
        fc.integer({ min: 0, max: 5000 }),
        (rows, guess) => {
          const h = new DayHistograms(rows.length, new Int32Array(rows.length).fill(guess));
          // Interleaved, as trials add them.
          for (let i = 0; i < 60; i++)
            rows.forEach((days, r) => {
              if (i < days.length) h.add(r, days[i]!);
            });
          rows.forEach((days, r) => {
            for (const share of [0.01, 0.5, 0.85, 0.95, 1])
              expect(h.quantile(r, share, days.length)).toBe(quantile(days, share));
          });
        },
      ),
      { numRuns: 200 },
    );
  });
});
