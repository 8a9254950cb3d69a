// The rule for an issue's estimate range, in one place for the API, the store, project documents and the
// forecast: estimateLowDays <= estimateDays (the most likely) <= estimateHighDays. Either end may be
// absent (no spread on that side); a range needs its most likely estimate. And the one schema of an
// estimate in days, for the API, project documents and the CLI's flags.
import { z } from 'zod';
import type { InvalidItem } from './errors.js';

/** Ten years of working days: no estimate a person would write is longer. */
export const MAX_ESTIMATE_DAYS = 3650;

/** An estimate in days (the most likely, the fewest or the most): from 0 to MAX_ESTIMATE_DAYS. */
export const EstimateDaysSchema = z.number().min(0).max(MAX_ESTIMATE_DAYS);

export interface EstimateRange {
  estimateDays: number | null;
  estimateLowDays: number | null;
  estimateHighDays: number | null;
}

/** The problems of a range, each at `${prefix}<field>` (prefix e.g. `body.` or `issues[3].`). */
export function estimateRangeProblems(range: EstimateRange, prefix = ''): InvalidItem[] {
  const { estimateDays: likely, estimateLowDays: low, estimateHighDays: high } = range;
  const problems: InvalidItem[] = [];
  for (const [field, value] of [
    ['estimateLowDays', low],
    ['estimateHighDays', high],
  ] as const) {
    if (value === null) continue;
    if (!(Number.isFinite(value) && value >= 0))
      problems.push({ path: `${prefix}${field}`, message: 'must be a finite number >= 0 or null' });
    else if (likely === null)
      problems.push({
        path: `${prefix}${field}`,
        message: `${field} needs estimateDays, the most likely estimate`,
      });
  }
  if (likely === null || problems.length > 0) return problems;
  if (low !== null && low > likely)
    problems.push({
      path: `${prefix}estimateLowDays`,
      message: `estimateLowDays (${low}) is above estimateDays (${likely})`,
    });
  if (high !== null && high < likely)
    problems.push({
      path: `${prefix}estimateHighDays`,
      message: `estimateHighDays (${high}) is below estimateDays (${likely})`,
    });
  return problems;
}
