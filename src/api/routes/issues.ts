// /v1/projects/:project/issues: a project's sub-issues.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { etagOf, isNotModified } from '../../store/etag.js';
import type { IssueFilter } from '../../store/types.js';
import { inRequest, withRequestPaths } from '../http/request-paths.js';
import { writeOptionsOf } from '../http/write-options.js';
import { NoContentSchema, NotModifiedSchema, ProjectParamsSchema } from '../schemas/common.js';
import {
  IssueCreateSchema,
  IssueListQuerySchema,
  IssuePageSchema,
  IssueParamsSchema,
  IssuePatchSchema,
  IssueSchema,
  toIssueResponse,
} from '../schemas/issues.js';
import { problemResponses, WRITE_PROBLEMS } from '../schemas/problem.js';

const tags = ['issues'];

export const issueRoutes: FastifyPluginAsyncZod = async (app) => {
  const { issues } = app.stores;

  app.get(
    '/v1/projects/:project/issues',
    {
      schema: {
        tags,
        summary: 'List issues, filtered by status, label and parent, page by page',
        params: ProjectParamsSchema,
        querystring: IssueListQuerySchema,
        response: { 200: IssuePageSchema, ...problemResponses(400, 404) },
      },
    },
    async (request) => {
      const { status, label, parent, limit, cursor } = request.query;
      const filter: IssueFilter = {};
      if (status !== undefined && status.length > 0) filter.status = status;
      if (label !== undefined) filter.label = label;
      if (parent !== undefined) filter.parent = parent;
      const page = await withRequestPaths(inRequest('querystring'), () =>
        issues.list(request.params.project, filter, { limit, cursor }),
      );
      return { items: page.items.map(toIssueResponse), nextCursor: page.nextCursor };
    },
  );

  app.post(
    '/v1/projects/:project/issues',
    {
      schema: {
        tags,
        summary: 'Create an issue',
        params: ProjectParamsSchema,
        body: IssueCreateSchema,
        response: { 201: IssueSchema, ...problemResponses(...WRITE_PROBLEMS, 404, 409) },
      },
    },
    async (request, reply) => {
      const { project } = request.params;
      const issue = await withRequestPaths(inRequest('body'), () =>
        issues.create(project, request.body, { actor: request.actor }),
      );
      return reply
        .code(201)
        .header(
          'location',
          `/v1/projects/${encodeURIComponent(project)}/issues/${encodeURIComponent(issue.key)}`,
        )
        .header('etag', etagOf(issue.revision))
        .send(toIssueResponse(issue));
    },
  );

  app.get(
    '/v1/projects/:project/issues/:key',
    {
      schema: {
        tags,
        summary: 'Read an issue',
        params: IssueParamsSchema,
        response: { 200: IssueSchema, 304: NotModifiedSchema, ...problemResponses(400, 404) },
      },
    },
    async (request, reply) => {
      const issue = await issues.get(request.params.project, request.params.key);
      reply.header('etag', etagOf(issue.revision));
      if (isNotModified(request.headers['if-none-match'], issue.revision)) return reply.code(304).send();
      return toIssueResponse(issue);
    },
  );

  app.patch(
    '/v1/projects/:project/issues/:key',
    {
      schema: {
        tags,
        summary: 'Change an issue (honours If-Match)',
        params: IssueParamsSchema,
        body: IssuePatchSchema,
        response: { 200: IssueSchema, ...problemResponses(...WRITE_PROBLEMS, 404, 409, 412) },
      },
    },
    async (request, reply) => {
      const { project, key } = request.params;
      const issue = await withRequestPaths(inRequest('body'), () =>
        issues.update(project, key, request.body, writeOptionsOf(request)),
      );
      reply.header('etag', etagOf(issue.revision));
      return toIssueResponse(issue);
    },
  );

  app.delete(
    '/v1/projects/:project/issues/:key',
    {
      schema: {
        tags,
        summary: 'Delete an issue and its dependencies (honours If-Match)',
        params: IssueParamsSchema,
        response: { 204: NoContentSchema, ...problemResponses(400, 401, 404, 409, 412) },
      },
    },
    async (request, reply) => {
      await issues.remove(request.params.project, request.params.key, writeOptionsOf(request));
      return reply.code(204).send();
    },
  );
};
