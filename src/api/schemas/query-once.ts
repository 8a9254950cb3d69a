// A query parameter that takes one value: the one home of what a repeated one (`?target=a&target=b`) gets.
// It is refused rather than one of its values picked: proxies and client libraries disagree on which one
// counts, so the request is ambiguous. A list parameter (`listQueryOf`: ?status=, ?holidays=) takes every
// value instead. Fastify hands a repeated parameter over as an array; zod alone would say "expected string,
// received array", which names the parameter but not what is wrong with it.
import { z } from 'zod';

/** The refusal of a parameter given `count` times (count ≥ 2), for `ctx.addIssue`. */
function givenTwice(count: number) {
  return { code: 'custom', message: `is given ${count} times: give it once` } as const;
}

/** `schema` (a one-value parameter, e.g. `z.enum([...])`) as a query parameter: given twice, a 400 saying so. */
export function queryOnce<T extends z.ZodType>(schema: T) {
  return z.preprocess((value, ctx) => {
    if (!Array.isArray(value)) return value;
    ctx.addIssue(givenTwice(value.length));
    return z.NEVER;
  }, schema);
}
