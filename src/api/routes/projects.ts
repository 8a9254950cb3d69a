// /v1/projects: create, list, read, change and delete projects.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { NotFoundError } from '../../domain/errors.js';
import type { Project } from '../../domain/model.js';
import { etagOf } from '../../store/etag.js';
import { notModified } from '../http/conditional.js';
import { inRequest, withRequestPaths } from '../http/request-paths.js';
import { writeOptionsOf } from '../http/write-options.js';
import { actorOf } from '../plugins/auth.js';
import { DEMO_PROJECT, SCRATCH_PROJECT } from '../reference-examples.js';
import { NoContentSchema, NotModifiedSchema, ProjectParamsSchema } from '../schemas/common.js';
import { problemResponses, WRITE_PROBLEMS } from '../schemas/problem.js';
import {
  ProjectCreateSchema,
  ProjectListQuerySchema,
  ProjectPageSchema,
  ProjectPatchSchema,
  ProjectSchema,
  toProjectResponse,
} from '../schemas/projects.js';

const tags = ['projects'];

/** No project: an empty list. */
function notFoundAsNone(error: unknown): Project[] {
  if (error instanceof NotFoundError) return [];
  throw error;
}

export const projectRoutes: FastifyPluginAsyncZod = async (app) => {
  const { projects } = app.stores;

  app.get(
    '/v1/projects',
    {
      config: { scope: 'read' },
      schema: {
        tags,
        operationId: 'listProjects',
        summary: 'List projects',
        description:
          'Projects by slug, `limit` per page (1 to 500, default 50); pass `nextCursor` back as `cursor` for ' +
          'the next page (null on the last).',
        querystring: ProjectListQuerySchema,
        response: { 200: ProjectPageSchema, ...problemResponses(400) },
      },
    },
    async (request) => {
      // A token limited to a project sees that project only: the others must not show that they exist.
      const own = request.access.token?.project ?? null;
      const page =
        own === null
          ? await withRequestPaths(inRequest('querystring'), () => projects.list(request.query))
          : { items: await projects.get(own).then((p) => [p], notFoundAsNone), nextCursor: null };
      return { items: page.items.map(toProjectResponse), nextCursor: page.nextCursor };
    },
  );

  app.post(
    '/v1/projects',
    {
      config: { scope: 'admin' },
      schema: {
        tags,
        operationId: 'createProject',
        summary: 'Create a project',
        description:
          'A project is one meta issue: a slug (its name in URLs), a name, a description, the goal (simulator ' +
          'checks that must hold once every issue is done) and the estimate assumed for unestimated issues. ' +
          '201 with `Location` and `ETag`; 409 `conflict` when the slug is taken. The example creates the ' +
          'project `scratch` that the other project examples change and delete.',
        examples: {
          body: {
            slug: SCRATCH_PROJECT,
            name: 'Scratch',
            description: 'Created from the API reference',
            defaultEstimateDays: 2,
          },
        },
        body: ProjectCreateSchema,
        response: { 201: ProjectSchema, ...problemResponses(...WRITE_PROBLEMS, 409) },
      },
    },
    async (request, reply) => {
      const project = await withRequestPaths(inRequest('body'), () =>
        projects.create(request.body, actorOf(request)),
      );
      return reply
        .code(201)
        .header('location', `/v1/projects/${encodeURIComponent(project.slug)}`)
        .header('etag', etagOf(project))
        .send(toProjectResponse(project));
    },
  );

  app.get(
    '/v1/projects/:project',
    {
      config: { scope: 'read', honoursIfMatch: true },
      schema: {
        tags,
        operationId: 'getProject',
        summary: 'Read a project',
        description:
          "With the project's `ETag` (its revision, bumped by every change to it, its issues or its " +
          'dependencies, and its creation time, which tells it apart from an earlier project of the same ' +
          'slug: `"r12-mxdea8u3"`); `If-None-Match` with the current tag answers 304.',
        examples: { params: { project: DEMO_PROJECT } },
        params: ProjectParamsSchema,
        response: { 200: ProjectSchema, 304: NotModifiedSchema, ...problemResponses(400, 404, 412) },
      },
    },
    async (request, reply) => {
      const project = await projects.get(request.params.project);
      if (notModified(request, reply, etagOf(project))) return reply.code(304).send();
      return toProjectResponse(project);
    },
  );

  app.patch(
    '/v1/projects/:project',
    {
      config: { scope: 'admin', honoursIfMatch: true },
      schema: {
        tags,
        operationId: 'updateProject',
        summary: 'Change a project (honours If-Match)',
        description:
          'Changes the fields given, nothing else. With `If-Match`, only while the project is still at that ' +
          'ETag (else 412 and nothing changes). The example renames `scratch` (see POST /v1/projects).',
        examples: { params: { project: SCRATCH_PROJECT }, body: { name: 'Scratch, renamed' } },
        params: ProjectParamsSchema,
        body: ProjectPatchSchema,
        response: { 200: ProjectSchema, ...problemResponses(...WRITE_PROBLEMS, 404, 412) },
      },
    },
    async (request, reply) => {
      const project = await withRequestPaths(inRequest('body'), () =>
        projects.update(request.params.project, request.body, writeOptionsOf(request)),
      );
      reply.header('etag', etagOf(project));
      return toProjectResponse(project);
    },
  );

  app.delete(
    '/v1/projects/:project',
    {
      config: { scope: 'admin', honoursIfMatch: true },
      schema: {
        tags,
        operationId: 'deleteProject',
        summary: 'Delete a project with its issues, dependencies and history (honours If-Match)',
        description:
          'Everything of the project goes, its audit trail and stored runs included; its event streams end. ' +
          'The example deletes `scratch` (see POST /v1/projects).',
        examples: { params: { project: SCRATCH_PROJECT } },
        params: ProjectParamsSchema,
        response: { 204: NoContentSchema, ...problemResponses(400, 401, 404, 412) },
      },
    },
    async (request, reply) => {
      await projects.remove(request.params.project, writeOptionsOf(request));
      return reply.code(204).send();
    },
  );
};
