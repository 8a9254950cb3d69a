// PUT /v1/projects/:project/issues/:key/<field>: replaces one field of an issue (its claims, its simulator
// checks) with the body, honouring If-Match. The store checks the field against the simulator's catalog
// (a 400 lists every problem at the body's own paths, and nothing changes), bumps revisions and audits it.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { z } from 'zod';
import { etagOf } from '../../store/etag.js';
import type { IssuePatch } from '../../store/types.js';
import { bodyIsField, withRequestPaths } from '../http/request-paths.js';
import { writeOptionsOf } from '../http/write-options.js';
import type { RouteExamples } from '../plugins/openapi.js';
import { IssueParamsSchema } from '../schemas/common.js';
import { IssueSchema, toIssueResponse } from '../schemas/issues.js';
import { problemResponses, WRITE_PROBLEMS } from '../schemas/problem.js';

export interface IssueFieldRoute<F extends 'claims' | 'checks'> {
  field: F;
  body: z.ZodType<NonNullable<IssuePatch[F]>>;
  operationId: string;
  summary: string;
  description: string;
  examples: RouteExamples;
}

export function issueFieldRoute<F extends 'claims' | 'checks'>(
  route: IssueFieldRoute<F>,
): FastifyPluginAsyncZod {
  const { field, body, operationId, summary, description, examples } = route;
  return async (app) => {
    const { issues } = app.stores;
    app.put(
      `/v1/projects/:project/issues/:key/${field}`,
      {
        config: { scope: 'write', honoursIfMatch: true },
        schema: {
          tags: ['validation'],
          operationId,
          summary,
          description,
          examples,
          params: IssueParamsSchema,
          body,
          response: { 200: IssueSchema, ...problemResponses(...WRITE_PROBLEMS, 404, 412) },
        },
      },
      async (request, reply) => {
        const { project, key } = request.params;
        const patch: IssuePatch = { [field]: request.body };
        const issue = await withRequestPaths(bodyIsField(field), () =>
          issues.update(project, key, patch, writeOptionsOf(request)),
        );
        reply.header('etag', etagOf(issue));
        return toIssueResponse(issue);
      },
    );
  };
}
