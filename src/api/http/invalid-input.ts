// Domain code locates problems in its own input (`issues[3].key`, `done[2]`); the
// client sent that input as the request body, so the API answers `body.issues[3].key`,
// like the request-validation errors do.
import { InvalidInputError } from '../../domain/errors.js';

/**
 * Runs `work`; an InvalidInputError comes out with each path under `prefix`. When the request body is one
 * field of the domain's input (PUT …/claims sends the `claims` array), `field` names it and its paths
 * become the body's own: `claims[0].component` -> `body[0].component`.
 */
export async function withInputPaths<T>(prefix: string, work: () => Promise<T>, field?: string): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (!(error instanceof InvalidInputError)) throw error;
    const { errors: _errors, ...extensions } = error.extensions;
    throw new InvalidInputError(
      error.detail,
      error.errors.map((e) => ({
        path:
          field !== undefined && e.path.startsWith(field)
            ? `${prefix}${e.path.slice(field.length)}`
            : `${prefix}.${e.path}`,
        message: e.message,
      })),
      extensions,
    );
  }
}
