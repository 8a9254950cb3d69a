// Files the CLI reads (a scenario, a project document) go to the same recursive checks as request
// bodies: nested past the simulator's MAX_NESTING (src/runtime-sim/nesting.ts), they would overflow the
// stack. Refused like bad input (exit 2).
import { InvalidInputError } from '../domain/errors.js';
import { WHOLE_DOCUMENT } from '../domain/project-document.js';
import { NESTED_TOO_DEEP, pathNestedTooDeep } from '../runtime-sim/nesting.js';

/** InvalidInputError when `json`, read from `file`, nests more than MAX_NESTING levels. */
export function assertNotTooDeep(json: unknown, file: string): void {
  if (pathNestedTooDeep(json) === null) return;
  throw new InvalidInputError(`${file} is ${NESTED_TOO_DEEP}`, [
    { path: WHOLE_DOCUMENT, message: NESTED_TOO_DEEP },
  ]);
}
