// A number in the query string: the one home of how `?limit=50` becomes 50. The text must be plain
// decimal digits (a sign only where the number may be negative, a fraction only where it need not be
// whole), so that `0x10`, `1e1`, ` 5` or an empty value are refused instead of read as some number. A
// parameter given twice is refused, as every one-value parameter is (query-once.ts). Every refusal says
// what the parameter takes ("must be an integer from 1 to 500"), not the text it got (which may be long).
// Callers in the same process (the CLI) may pass a number itself. The OpenAPI document shows the parameter
// as the number schema given, bounds included (zod documents a preprocess's input as its output schema). A
// default is given with `.prefault(n)`, not `.default(n)`: both answer n when the parameter is absent, but
// zod leaves a default out of the documented input of a schema that transforms (this preprocess) and a
// prefault in.
import { z } from 'zod';
import { queryOnce } from './query-once.js';

/** `number` (e.g. `z.number().int().min(1).max(500)`) as a query parameter: its bounds, strict text. */
export function queryNumber(number: z.ZodNumber) {
  const whole = number.isInt;
  const min = number.minValue ?? Number.NEGATIVE_INFINITY;
  const max = number.maxValue ?? Number.POSITIVE_INFINITY;
  const text = new RegExp(`^${min < 0 ? '[+-]?' : ''}[0-9]+${whole ? '' : '([.][0-9]+)?'}$`);
  const expected = `must be ${whole ? 'an integer' : 'a number'}${rangeText(min, max)}`;
  const strict = z.preprocess((value, ctx) => {
    const parsed = typeof value === 'string' && text.test(value) ? Number(value) : value;
    if (
      typeof parsed !== 'number' ||
      !(parsed >= min && parsed <= max) ||
      (whole && !Number.isInteger(parsed))
    ) {
      ctx.addIssue({ code: 'custom', message: expected });
      return z.NEVER;
    }
    return parsed;
  }, number);
  return queryOnce(strict);
}

function rangeText(min: number, max: number): string {
  if (Number.isFinite(min) && Number.isFinite(max)) return ` from ${min} to ${max}`;
  if (Number.isFinite(min)) return ` of at least ${min}`;
  if (Number.isFinite(max)) return ` of at most ${max}`;
  return '';
}
