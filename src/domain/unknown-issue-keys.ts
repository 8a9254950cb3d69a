// The rule for a request that names issues to take as done (what-if, CI checks, evaluations): every key
// must be an issue of the project, and every one that is not is named, once, at its first position.
import { InvalidInputError } from './errors.js';

/**
 * InvalidInputError unless `isKnown` knows every key of `keys` (the request's field `field`, e.g.
 * `done`): one problem per unknown key, at its first position (`done[1]`), and all of them as the
 * extension `unknownKeys`. `project`, when given, is named in the detail.
 */
export function assertKnownIssueKeys(
  keys: readonly string[],
  isKnown: (key: string) => boolean,
  field: string,
  project?: string,
): void {
  const unknownKeys = [...new Set(keys.filter((key) => !isKnown(key)))];
  if (unknownKeys.length === 0) return;
  const errors = unknownKeys.map((key) => ({
    path: `${field}[${keys.indexOf(key)}]`,
    message: `unknown issue '${key}'`,
  }));
  const where = project === undefined ? '' : ` in project '${project}'`;
  throw new InvalidInputError(`unknown issue keys${where}: ${unknownKeys.join(', ')}`, errors, {
    unknownKeys,
  });
}
