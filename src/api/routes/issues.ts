// /v1/projects/:project/issues: a project's sub-issues.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { etagOf } from '../../store/etag.js';
import type { IssueFilter } from '../../store/types.js';
import { notModified } from '../http/conditional.js';
import { inRequest, withRequestPaths } from '../http/request-paths.js';
import { writeOptionsOf } from '../http/write-options.js';
import { actorOf } from '../plugins/auth.js';
import { DEMO_PROJECT, NEW_ISSUE, ON_DEMO, ON_DEMO_ISSUE } from '../reference-examples.js';
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
      config: { scope: 'read' },
      schema: {
        tags,
        operationId: 'listIssues',
        summary: 'List issues, filtered by status, label and parent, page by page',
        description:
          'Issues in key order, each with its `blockedBy` and `blocks`. Filters combine: `status` (repeatable ' +
          'or comma-separated), `label`, `parent` (`null` for top-level issues). `limit` per page (1 to 500); ' +
          '`nextCursor` for the next.',
        examples: { ...ON_DEMO, querystring: { status: 'open', parent: 'freelists' } },
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
      config: { scope: 'write' },
      schema: {
        tags,
        operationId: 'createIssue',
        summary: 'Create an issue',
        description:
          'Only `key` (unique in the project) and `title` are required; `status` defaults to `open`. Claims ' +
          'and checks are checked against the simulator’s catalog. 201 with `Location` and `ETag`; 409 when ' +
          'the key is taken. The example adds `my-first-issue` to the demo (the other issue examples change ' +
          'and delete it).',
        examples: {
          ...ON_DEMO,
          body: {
            key: NEW_ISSUE,
            title: 'Try isoplan from its API reference',
            estimateDays: 0.5,
            parent: 'freelists',
            labels: ['docs'],
          },
        },
        params: ProjectParamsSchema,
        body: IssueCreateSchema,
        response: { 201: IssueSchema, ...problemResponses(...WRITE_PROBLEMS, 404, 409) },
      },
    },
    async (request, reply) => {
      const { project } = request.params;
      const issue = await withRequestPaths(inRequest('body'), () =>
        issues.create(project, request.body, actorOf(request)),
      );
      return reply
        .code(201)
        .header(
          'location',
          `/v1/projects/${encodeURIComponent(project)}/issues/${encodeURIComponent(issue.key)}`,
        )
        .header('etag', etagOf(issue))
        .send(toIssueResponse(issue));
    },
  );

  app.get(
    '/v1/projects/:project/issues/:key',
    {
      config: { scope: 'read', honoursIfMatch: true },
      schema: {
        tags,
        operationId: 'getIssue',
        summary: 'Read an issue',
        description:
          'With its `blockedBy` and `blocks` and its `ETag` (the issue’s revision and creation time); ' +
          '`If-None-Match` with the current tag answers 304.',
        examples: ON_DEMO_ISSUE,
        params: IssueParamsSchema,
        response: { 200: IssueSchema, 304: NotModifiedSchema, ...problemResponses(400, 404, 412) },
      },
    },
    async (request, reply) => {
      const issue = await issues.get(request.params.project, request.params.key);
      if (notModified(request, reply, etagOf(issue))) return reply.code(304).send();
      return toIssueResponse(issue);
    },
  );

  app.patch(
    '/v1/projects/:project/issues/:key',
    {
      config: { scope: 'write', honoursIfMatch: true },
      schema: {
        tags,
        operationId: 'updateIssue',
        summary: 'Change an issue (honours If-Match)',
        description:
          'Changes the fields given, nothing else (`null` clears `estimateDays`, `parent`, `url`). With ' +
          '`If-Match`, only while the issue is still at that ETag (else 412 and nothing changes). The example ' +
          'starts `my-first-issue` (see POST …/issues).',
        examples: { params: { project: DEMO_PROJECT, key: NEW_ISSUE }, body: { status: 'in_progress' } },
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
      reply.header('etag', etagOf(issue));
      return toIssueResponse(issue);
    },
  );

  app.delete(
    '/v1/projects/:project/issues/:key',
    {
      config: { scope: 'write', honoursIfMatch: true },
      schema: {
        tags,
        operationId: 'deleteIssue',
        summary: 'Delete an issue and its dependencies (honours If-Match)',
        description:
          'Its edges go with it, and its sub-issues become top-level (`parent: null`; each change audited). ' +
          'The example deletes `my-first-issue` (see POST …/issues).',
        examples: { params: { project: DEMO_PROJECT, key: NEW_ISSUE } },
        params: IssueParamsSchema,
        response: { 204: NoContentSchema, ...problemResponses(400, 401, 404, 412) },
      },
    },
    async (request, reply) => {
      await issues.remove(request.params.project, request.params.key, writeOptionsOf(request));
      return reply.code(204).send();
    },
  );
};
