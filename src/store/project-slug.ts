// A project is created only under a slug the API can address: the API validates its path and body, but
// the CLI (`isoplan import FILE --project SLUG`) and other callers reach the store directly, and a project
// stored under `Bad Slug!` could be neither read over HTTP nor exported and imported back.
import { InvalidInputError } from '../domain/errors.js';
import { ProjectSlugSchema } from '../domain/project-document.js';

/** InvalidInputError at `path` unless `slug` follows the slug rule (src/domain/project-document.ts). */
export function assertProjectSlug(slug: string, path = 'project'): void {
  const parsed = ProjectSlugSchema.safeParse(slug);
  if (parsed.success) return;
  const message = parsed.error.issues.map((issue) => issue.message).join('; ');
  throw new InvalidInputError(`'${slug}' is not a valid project slug: ${message}`, [{ path, message }]);
}
