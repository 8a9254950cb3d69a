// RFC 9457 problem details: the body of every error response.
import { z } from 'zod';

export const InvalidItemSchema = z.object({
  path: z.string().describe('Where the problem is, e.g. `body.title` or `issues[3].parent`'),
  message: z.string(),
});

export const ProblemSchema = z
  .looseObject({
    type: z.string().describe('Stable URI naming the kind of problem; clients may switch on it'),
    title: z.string(),
    status: z.number().int(),
    detail: z.string(),
    instance: z
      .string()
      .optional()
      .describe('The request URL (absent only when the HTTP parser refused the request)'),
    errors: z.array(InvalidItemSchema).optional().describe('Each failing field, for invalid input'),
    cycle: z.array(z.string()).optional().describe('For `dependency-cycle`: the keys along the cycle'),
  })
  .meta({ id: 'Problem', description: 'RFC 9457 problem details (application/problem+json)' });

const REASONS: Record<number, string> = {
  400: 'Bad request: invalid input, listed in `errors`',
  401: 'No usable bearer token: missing, unknown, revoked or expired',
  403: "The token's scope is too small, or the token is limited to one project",
  404: 'Not found',
  409: 'Conflict',
  412:
    'If-Match names none of the current ETags (nor is `*`): a write changes nothing, a read sends no body; ' +
    '`currentETag` names the current one',
  413: 'Request body too large',
  415: 'Unsupported media type',
  429:
    "Too many requests: this client's rate limit is spent (its token's, or its address's without one), or it " +
    "has its share of the simulator's work running or queued; try again after `Retry-After`",
  500: 'Internal error (a bug)',
  503: 'Unavailable for now (busy, over a limit, shutting down, not ready): try again after `Retry-After`',
  507: "The database's disk is full: nothing was written",
};

/** A problem response, documented (and serialized) as application/problem+json. */
export interface ProblemResponse {
  description: string;
  content: { 'application/problem+json': { schema: typeof ProblemSchema } };
}

/** Problem responses for the given statuses; 500 is always included. */
export function problemResponses<const S extends number>(...statuses: S[]): Record<S | 500, ProblemResponse> {
  const out = {} as Record<S | 500, ProblemResponse>;
  for (const status of [...statuses, 500] as (S | 500)[]) {
    out[status] = {
      description: REASONS[status] ?? 'Problem',
      content: { 'application/problem+json': { schema: ProblemSchema } },
    };
  }
  return out;
}

/** Problems a body-carrying write can meet before its handler runs. */
export const WRITE_PROBLEMS = [400, 401, 413, 415] as const;
