// Domain code locates problems in its own input (`issues[3].key`, `done[2]`); the
// client sent that input as the request body, so the API answers `body.issues[3].key`,
// like the request-validation errors do.
import { InvalidInputError } from '../../domain/errors.js';

/** Runs `work`; an InvalidInputError comes out with each path under `prefix`. */
export async function withInputPaths<T>(prefix: string, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (!(error instanceof InvalidInputError)) throw error;
    const { errors: _errors, ...extensions } = error.extensions;
    throw new InvalidInputError(
      error.detail,
      error.errors.map((e) => ({ path: `${prefix}.${e.path}`, message: e.message })),
      extensions,
    );
  }
}
