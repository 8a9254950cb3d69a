// Shared pieces of the API's schemas: path parameters, pagination, timestamps.
import { z } from 'zod';
import { DocumentIssueKeySchema, ProjectSlugSchema } from '../../domain/project-document.js';
import { queryNumber } from './query-number.js';
import { queryOnce } from './query-once.js';

// The same rules as the project document's (one definition: src/domain/project-document.ts).
export const SlugSchema = ProjectSlugSchema.describe('Project slug, e.g. `per-interpreter-gil`');

export const IssueKeySchema = DocumentIssueKeySchema.describe(
  'Issue key, unique in its project, e.g. `bpo-39511`',
);

export const TimestampSchema = z.iso.datetime();

export const ProjectParamsSchema = z.object({ project: SlugSchema });
export const IssueParamsSchema = z.object({ project: SlugSchema, key: IssueKeySchema });

export const PageQuerySchema = z.object({
  limit: queryNumber(z.number().int().min(1).max(500)).prefault(50).describe('Page size, 1 to 500'),
  cursor: queryOnce(z.string().min(1).max(1000))
    .optional()
    .describe('`nextCursor` of the previous page, with the same filters (a cursor of another list is a 400)'),
});

export function pageOf<T extends z.ZodType>(item: T) {
  return z.object({
    items: z.array(item),
    nextCursor: z.string().nullable().describe('Pass as `cursor` for the next page; null on the last page'),
  });
}

/** The most values a list parameter takes: as many as a list of the project document (its holidays). */
const MAX_LIST_VALUES = 2000;

/** A query parameter given repeatedly or comma-separated (`?x=a&x=b` or `?x=a,b`), each value an `item`. */
export function listQueryOf<T extends z.ZodType<unknown, string>>(item: T) {
  return z
    .union([z.string(), z.array(z.string())])
    .transform((value) =>
      (Array.isArray(value) ? value : [value])
        .flatMap((v) => v.split(','))
        .map((v) => v.trim())
        .filter((v) => v !== ''),
    )
    .pipe(z.array(item).max(MAX_LIST_VALUES));
}

/** The X-Actor header as recorded beside the actor (an audit event's, a run's requester's). */
export const OnBehalfOfSchema = z
  .string()
  .nullable()
  .describe('Whom the actor said it acted for (the X-Actor header): a note, never the actor');

/** Who asked for a stored run (a validation, a CI check), named as the audit trail names a change's author. */
export const RequesterSchema = z
  .object({
    actor: z
      .string()
      .describe("The name of the asking token; `anonymous` without one, `github` for GitHub's webhooks"),
    onBehalfOf: OnBehalfOfSchema,
    tokenId: z
      .string()
      .nullable()
      .describe(
        'The id of the asking token, as GET /v1/tokens lists it (`api-token` for ISOPLAN_API_TOKEN); null ' +
          'without one',
      ),
  })
  .meta({ id: 'Requester' });

/** A stored run's `requestedBy`. */
export const RequestedBySchema = RequesterSchema.nullable().describe(
  'Who asked for the run that was computed (a reused run names who asked first); null for a run stored ' +
    'before runs recorded it',
);

export const NotModifiedSchema = z.undefined().describe('Not modified: the If-None-Match ETag is current');
export const NoContentSchema = z.undefined().describe('Done; no content');
