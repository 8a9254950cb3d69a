// Domain and store code locate problems in their own input (`issues[3].key`, `done[2]`, `blockedBy`); the
// client sent that input as parts of its request, so the API names the request's own fields
// (`body.issues[3].key`, `params.blocker`, `querystring.cursor`), as request-validation errors do. The
// one place where those paths are translated: a route says where its input came from, nothing else.
import { InvalidInputError } from '../../domain/errors.js';

/** Maps a path in the domain's input to the place the client sent it. */
export type RequestPaths = (path: string) => string;

type RequestPart = 'body' | 'querystring' | 'params';

function under(part: RequestPart, path: string): string {
  if (path === '') return part;
  return path.startsWith('[') ? `${part}${path}` : `${part}.${path}`;
}

/**
 * The domain's input is this part of the request: `issues[3].key` -> `body.issues[3].key`. With `fields`,
 * only paths rooted at one of them come from it (`done[2]` -> `body.done[2]`); others stay as they are.
 */
export function inRequest(part: RequestPart, fields?: readonly string[]): RequestPaths {
  if (fields === undefined) return (path) => under(part, path);
  const rooted = new RegExp(`^(?:${fields.join('|')})(?=$|[.[])`);
  return (path) => (rooted.test(path) ? under(part, path) : path);
}

/**
 * The request body is one field of the domain's input (PUT …/claims sends the `claims` array):
 * `claims[0].component` -> `body[0].component`; other paths are placed under `body`.
 */
export function bodyIsField(field: string): RequestPaths {
  return (path) => (path.startsWith(field) ? under('body', path.slice(field.length)) : under('body', path));
}

/** Fields of the domain's input that the request names otherwise: `{ blockedBy: 'params.blocker' }`. */
export function renamed(names: Readonly<Record<string, string>>): RequestPaths {
  return (path) => names[path] ?? path;
}

/** The same problem, each of its paths mapped by `paths`. */
export function relocate(error: InvalidInputError, paths: RequestPaths): InvalidInputError {
  const { errors: _errors, ...extensions } = error.extensions;
  return new InvalidInputError(
    error.detail,
    error.errors.map((e) => ({ path: paths(e.path), message: e.message })),
    extensions,
  );
}

/** Runs `work`; an InvalidInputError comes out with its paths where the client sent them. */
export async function withRequestPaths<T>(paths: RequestPaths, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    throw error instanceof InvalidInputError ? relocate(error, paths) : error;
  }
}
