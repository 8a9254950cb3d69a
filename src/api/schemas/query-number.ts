// A number in the query string: the one home of how `?limit=50` becomes 50. The text must be plain
// decimal digits (a sign only where the number may be negative, a fraction only where it need not be
// whole), so that `0x10`, `1e1`, ` 5` or an empty value are refused instead of read as some number, and a
// parameter given twice is refused rather than one of its values picked: which one a proxy or a client
// library would take differs, so the request is ambiguous. Every refusal says what the parameter takes
// ("must be an integer from 1 to 500"; not the text itself, which may be long). Callers in the same process (the CLI) may pass a number itself.
// The OpenAPI document shows the parameter as the number schema it is given, bounds included (the input
// side of a preprocess is its output schema).
import { z } from 'zod';

const INTEGER_TEXT = /^[0-9]+$/;
const SIGNED_INTEGER_TEXT = /^[+-]?[0-9]+$/;
const DECIMAL_TEXT = /^[0-9]+(\.[0-9]+)?$/;
const SIGNED_DECIMAL_TEXT = /^[+-]?[0-9]+(\.[0-9]+)?$/;

/** `number` (e.g. `z.number().int().min(1).max(500)`) as a query parameter: its bounds, strict text. */
export function queryNumber(number: z.ZodNumber) {
  const whole = number.isInt;
  const min = number.minValue ?? Number.NEGATIVE_INFINITY;
  const max = number.maxValue ?? Number.POSITIVE_INFINITY;
  const signed = min < 0;
  const text = whole
    ? signed
      ? SIGNED_INTEGER_TEXT
      : INTEGER_TEXT
    : signed
      ? SIGNED_DECIMAL_TEXT
      : DECIMAL_TEXT;
  const expected = `must be ${whole ? 'an integer' : 'a number'}${rangeText(min, max)}`;
  return z.preprocess((value, ctx) => {
    if (Array.isArray(value)) {
      ctx.addIssue({ code: 'custom', message: `is given ${value.length} times: give it once` });
      return z.NEVER;
    }
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
}

function rangeText(min: number, max: number): string {
  if (Number.isFinite(min) && Number.isFinite(max)) return ` from ${min} to ${max}`;
  if (Number.isFinite(min)) return ` of at least ${min}`;
  if (Number.isFinite(max)) return ` of at most ${max}`;
  return '';
}
