import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ISSUE_PRIORITIES } from '../../../src/domain/model.js';
import { JsonBytes, jsonText } from '../../../src/domain/plan/json-bytes.js';
import { NO_PRIORITY } from '../../../src/domain/plan/plan-graph.js';
import { reasonsOf } from '../../../src/domain/plan/ready-ranking.js';
import { writeReasons } from '../../../src/domain/plan/ready-reasons-json.js';

/** Days as the ranking holds them (rounded to a millionth), and odd ones. */
const daysArbitrary = fc.oneof(
  fc.constantFrom(0, 1, 0.95, 1.05, 0.5, 2.25, 1e21, 1e308, Number.POSITIVE_INFINITY, Number.NaN, -0),
  fc.integer({ min: 0, max: 10_000_000 }).map((m) => m / 1e3),
  fc.integer({ min: -1e6, max: 1e9 }).map((m) => m / 1e6),
  fc.double({ noNaN: false }),
);

describe('writeReasons', () => {
  it('writes the reasons and their join exactly as JSON.stringify of reasonsOf, for any figures', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: NO_PRIORITY }),
        daysArbitrary,
        fc.oneof(fc.constantFrom(0, 1, 2), fc.nat()),
        fc.oneof(fc.constantFrom(0, 1, 2), fc.nat()),
        daysArbitrary,
        fc.string({ maxLength: 7 }),
        (priority, slackDays, unblocks, downstream, downstreamDays, before) => {
          const reasons = reasonsOf(
            priority === NO_PRIORITY ? null : ISSUE_PRIORITIES[priority]!,
            slackDays,
            unblocks,
            downstream,
            downstreamDays,
          );
          // After some bytes already written, at any offset.
          const w = new JsonBytes([], 1 << 16);
          w.text(jsonText(JSON.stringify(before)));
          writeReasons(w, priority, slackDays, unblocks, downstream, downstreamDays);
          expect(new TextDecoder().decode(w.take())).toBe(
            `${JSON.stringify(before)},"reasons":${JSON.stringify(reasons)},"reason":${JSON.stringify(reasons.join(' · '))}}`,
          );
        },
      ),
      { numRuns: 5000 },
    );
  });
});
