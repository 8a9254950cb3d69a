import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { roundDays } from '../../../src/domain/plan/critical-path.js';
import { MAX_NUMBER_BYTES, writeJsonNumber } from '../../../src/domain/plan/json-number.js';

/** The number's text as writeJsonNumber writes it, after some bytes already written. */
function written(x: number): string {
  const out = new Uint8Array(3 + MAX_NUMBER_BYTES);
  const end = writeJsonNumber(x, out, 3);
  return new TextDecoder().decode(out.subarray(3, end));
}

/** Days as the plan holds them: multiples of 1e-6 (roundDays), of any size and sign. */
const daysArbitrary = fc.oneof(
  fc.integer({ min: -1e9, max: 1e9 }).map((m) => m / 1e6),
  fc.integer({ min: -(2 ** 53) + 1, max: 2 ** 53 - 1 }).map((m) => m / 1e6),
  fc
    .integer({ min: 0, max: 1e6 })
    .chain((whole) => fc.integer({ min: 0, max: 999_999 }).map((f) => whole + f / 1e6)),
  fc.double({ min: -1e10, max: 1e10, noNaN: true }).map(roundDays),
  fc.constantFrom(0.5, 1.5, 0.1 + 0.2, 28.5, 0.000001, 0.0000005, 999_999_999.999999, 1e9 - 0.5, 1e9 + 0.5),
);

describe('writeJsonNumber', () => {
  it('writes days (multiples of a millionth) exactly as JSON.stringify does', () => {
    fc.assert(
      fc.property(daysArbitrary, (x) => {
        expect(written(x)).toBe(JSON.stringify(x));
      }),
      { numRuns: 20_000 },
    );
  });

  it('writes any number exactly as JSON.stringify does, null when it is not finite', () => {
    fc.assert(
      fc.property(fc.oneof(fc.double(), fc.integer(), fc.maxSafeInteger()), (x) => {
        expect(written(x)).toBe(JSON.stringify(x));
      }),
      { numRuns: 20_000 },
    );
  });

  it('writes the numbers at the edges of its fast paths as JSON.stringify does', () => {
    const edges = [
      0,
      -0,
      1,
      -1,
      9,
      10,
      99,
      100,
      2 ** 31 - 1,
      2 ** 31,
      1e9 - 1,
      1e9,
      1e9 + 1,
      1e15 - 1,
      1e15,
      1e15 + 2,
      2 ** 53,
      1e21,
      1e-6,
      -1e-6,
      1e-7,
      5e-7,
      0.1,
      0.123456,
      0.1234567,
      123456789.123456,
      1.5e-6,
      Number.MAX_VALUE,
      Number.MIN_VALUE,
      Number.EPSILON,
      Number.NaN,
      Number.POSITIVE_INFINITY,
      Number.NEGATIVE_INFINITY,
    ];
    for (const x of edges) expect(written(x), String(x)).toBe(JSON.stringify(x));
  });

  it('never needs more than MAX_NUMBER_BYTES', () => {
    fc.assert(
      fc.property(fc.double(), (x) => {
        expect(written(x).length).toBeLessThanOrEqual(MAX_NUMBER_BYTES);
      }),
    );
  });
});
