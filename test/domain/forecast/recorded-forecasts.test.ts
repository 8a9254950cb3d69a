import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { computeForecast } from '../../../src/domain/forecast/compute-forecast.js';
import { SeededRandom } from '../../../src/domain/forecast/seeded-random.js';
import type { ForecastInput, ForecastIssue, TeamSetting } from '../../../src/domain/forecast/types.js';

// Forecasts of seeded random projects, recorded when the levelled scheduler kept every running issue
// (zero-length ones too) in one binary heap, before the faster forms of the same rules: a change of speed
// must not move any quantile, date, criticality or schedule entry by a bit.

const NAMES = ['ana', 'bo', 'cy'];
// Whole days and many zero-length issues: finishes at the same moment, whose order the rules fix.
const ESTIMATES = [0, 0, 1, 1, 2, 3, 0.5, null];

/** `n` issues, each blocked by up to three earlier ones; ranges (some from 0), zero-length issues, assignees. */
function seededProject(n: number, team: TeamSetting, seed: number): ForecastInput {
  const random = new SeededRandom(seed);
  const pick = <T>(items: readonly T[]) => items[Math.floor(random.next() * items.length)]!;
  const issues = Array.from({ length: n }, (_, i): ForecastIssue => {
    const estimate = pick(ESTIMATES);
    return {
      key: `I-${i}`,
      status: pick(['open', 'open', 'open', 'open', 'in_progress', 'done'] as const),
      estimateDays: estimate,
      estimateLowDays: estimate === null ? null : estimate * pick([0, 0.5, 1, 1]),
      estimateHighDays: estimate === null ? null : estimate + pick([0, 0, 1, 3]),
      parent: null,
      assignee: pick([...NAMES, null, null]),
    };
  });
  const edges = issues.flatMap((issue, i) =>
    i === 0
      ? []
      : [
          ...new Set(
            Array.from({ length: Math.floor(random.next() * 4) }, () => pick(issues.slice(0, i)).key),
          ),
        ].map((blockedBy) => ({ issue: issue.key, blockedBy })),
  );
  return { issues, edges, team, calendar: { start: '2025-06-02' } };
}

const digest = (value: unknown) =>
  createHash('sha256').update(JSON.stringify(value)).digest('hex').slice(0, 16);

describe('recorded forecasts', () => {
  it.each([
    ['one person', 1, '081ec428ab8b88ec'],
    ['five interchangeable people', 5, '34b6c1e7944aa242'],
    ['forty people (more than a sorted list holds)', 40, '8f7ecf68f5842a8d'],
    [
      'named people of unequal capacity with their own issues',
      [
        { name: 'ana', capacity: 1 },
        { name: 'bo', capacity: 0.5 },
        { name: 'cy', capacity: 2 },
      ],
      '7f0813305576a229',
    ],
    [
      'named people of equal capacity',
      [
        { name: 'dee', capacity: 1 },
        { name: 'eve', capacity: 1 },
      ],
      '0405a32a139d9a95',
    ],
  ] as [string, TeamSetting, string][])(
    'gives the recorded forecast for %s, byte for byte',
    (_, team, recorded) => {
      const forecasts = [101, 102].map((seed) => {
        const input = seededProject(120, team, seed);
        return [
          computeForecast(input, { trials: 300, seed }),
          computeForecast(input, { trials: 200, seed, target: 'I-90' }),
        ];
      });
      expect(digest(forecasts)).toBe(recorded);
    },
  );
});
