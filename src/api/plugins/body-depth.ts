// Request bodies nested deeper than the simulator's MAX_NESTING are refused with 400 before any handler
// runs: the checks behind the API recurse (see src/runtime-sim/nesting.ts, the one home of the limit
// and its message). Run by request-checks.ts with the request's other checks; such a body is not
// validated further.
import type { FastifyRequest } from 'fastify';
import { InvalidInputError } from '../../domain/errors.js';
import { NESTED_TOO_DEEP, pathNestedTooDeep } from '../../runtime-sim/index.js';

/** The refusal of a body nested too deep, or undefined. */
export function bodyDepthRefusal(request: FastifyRequest): InvalidInputError | undefined {
  if (pathNestedTooDeep(request.body) === null) return undefined;
  return new InvalidInputError(`the request body is ${NESTED_TOO_DEEP}`, [
    { path: 'body', message: NESTED_TOO_DEEP },
  ]);
}
