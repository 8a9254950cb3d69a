import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { roundDays, type Schedule, slackOf } from '../../../src/domain/plan/critical-path.js';
import { JsonBytes } from '../../../src/domain/plan/json-bytes.js';
import { putDays, slackDays } from '../../../src/domain/plan/json-days.js';
import { MAX_NUMBER_BYTES } from '../../../src/domain/plan/json-number.js';

/** What `put` writes after a byte already written. */
function written(put: (w: JsonBytes, at: number) => number): string {
  const w = new JsonBytes([], 64);
  const out = w.room(1 + MAX_NUMBER_BYTES);
  out[0] = 0x5b;
  w.at = put(w, 1);
  return new TextDecoder().decode(w.take());
}

/** Days as a schedule holds them: sums of estimates, quarters and beyond the cached range among them. */
const daysArbitrary = fc.oneof(
  fc.integer({ min: 0, max: 4 * 40_000 }).map((k) => k / 4),
  fc.integer({ min: -8, max: 8 }).map((k) => k / 4),
  fc.double({ min: -1e10, max: 1e10, noNaN: true }),
  fc.constantFrom(0.1 + 0.2, 32767.75, 32768, 1e21, -0, 0.125),
);

describe('putDays', () => {
  it('writes days as JSON.stringify writes them rounded by roundDays, cached or not, again and again', () => {
    fc.assert(
      fc.property(daysArbitrary, (x) => {
        for (let twice = 0; twice < 2; twice++)
          expect(written((w, at) => putDays(w, x, at))).toBe(`[${JSON.stringify(roundDays(x))}`);
      }),
      { numRuns: 5000 },
    );
  });
});

describe('slackDays', () => {
  it('is the slack as slackOf has it', () => {
    fc.assert(
      fc.property(daysArbitrary, daysArbitrary, (earliest, latest) => {
        const schedule: Schedule = {
          earliestStart: Float64Array.of(earliest),
          earliestFinish: new Float64Array(1),
          latestStart: Float64Array.of(latest),
          latestFinish: new Float64Array(1),
          path: [],
          lengthDays: 0,
        };
        expect(Object.is(slackDays(earliest, latest, schedule, 0), slackOf(schedule, 0))).toBe(true);
      }),
      { numRuns: 5000 },
    );
  });
});
