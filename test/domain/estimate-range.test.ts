import { describe, expect, it } from 'vitest';
import { estimateRangeProblems } from '../../src/domain/estimate-range.js';

const range = (
  estimateLowDays: number | null,
  estimateDays: number | null,
  estimateHighDays: number | null,
) => ({
  estimateLowDays,
  estimateDays,
  estimateHighDays,
});

describe('estimate range', () => {
  it('takes low <= likely <= high, either end absent, or no range at all', () => {
    for (const r of [
      range(1, 2, 3),
      range(2, 2, 2),
      range(null, 2, 5),
      range(0, 2, null),
      range(null, null, null),
    ])
      expect(estimateRangeProblems(r)).toEqual([]);
  });

  it('names both estimates when an end is on the wrong side', () => {
    expect(estimateRangeProblems(range(4, 3, 2), 'body.')).toEqual([
      { path: 'body.estimateLowDays', message: 'estimateLowDays (4) is above estimateDays (3)' },
      { path: 'body.estimateHighDays', message: 'estimateHighDays (2) is below estimateDays (3)' },
    ]);
  });

  it('needs the most likely estimate for a range, and numbers >= 0', () => {
    expect(estimateRangeProblems(range(1, null, 3), 'issues[2].')).toEqual([
      {
        path: 'issues[2].estimateLowDays',
        message: 'estimateLowDays needs estimateDays, the most likely estimate',
      },
      {
        path: 'issues[2].estimateHighDays',
        message: 'estimateHighDays needs estimateDays, the most likely estimate',
      },
    ]);
    expect(estimateRangeProblems(range(-1, 2, Number.NaN)).map((p) => p.message)).toEqual([
      'must be a finite number >= 0 or null',
      'must be a finite number >= 0 or null',
    ]);
  });
});
