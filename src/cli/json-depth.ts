// Files the CLI reads (a scenario, a project document) go to the same recursive checks as request
// bodies: nested past the API's limit, they would overflow the stack. Refused like bad input (exit 2).
import { MAX_BODY_DEPTH, nestedDeeperThan } from '../api/plugins/body-depth.js';
import { InvalidInputError } from '../domain/errors.js';

/** InvalidInputError when `json`, read from `file`, nests more than MAX_BODY_DEPTH levels. */
export function assertNotTooDeep(json: unknown, file: string): void {
  if (!nestedDeeperThan(json, MAX_BODY_DEPTH)) return;
  const message = `nested more than ${MAX_BODY_DEPTH} levels deep`;
  throw new InvalidInputError(`${file} is ${message}`, [{ path: '(document)', message }]);
}
