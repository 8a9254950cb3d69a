// /v1/projects: create, list, read, change and delete projects.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { etagOf, isNotModified } from '../../store/etag.js';
import { inRequest, withRequestPaths } from '../http/request-paths.js';
import { writeOptionsOf } from '../http/write-options.js';
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

export const projectRoutes: FastifyPluginAsyncZod = async (app) => {
  const { projects } = app.stores;

  app.get(
    '/v1/projects',
    {
      schema: {
        tags,
        summary: 'List projects',
        querystring: ProjectListQuerySchema,
        response: { 200: ProjectPageSchema, ...problemResponses(400) },
      },
    },
    async (request) => {
      const page = await withRequestPaths(inRequest('querystring'), () => projects.list(request.query));
      return { items: page.items.map(toProjectResponse), nextCursor: page.nextCursor };
    },
  );

  app.post(
    '/v1/projects',
    {
      schema: {
        tags,
        summary: 'Create a project',
        body: ProjectCreateSchema,
        response: { 201: ProjectSchema, ...problemResponses(...WRITE_PROBLEMS, 409) },
      },
    },
    async (request, reply) => {
      const project = await withRequestPaths(inRequest('body'), () =>
        projects.create(request.body, { actor: request.actor }),
      );
      return reply
        .code(201)
        .header('location', `/v1/projects/${encodeURIComponent(project.slug)}`)
        .header('etag', etagOf(project.revision))
        .send(toProjectResponse(project));
    },
  );

  app.get(
    '/v1/projects/:project',
    {
      schema: {
        tags,
        summary: 'Read a project',
        params: ProjectParamsSchema,
        response: { 200: ProjectSchema, 304: NotModifiedSchema, ...problemResponses(400, 404) },
      },
    },
    async (request, reply) => {
      const project = await projects.get(request.params.project);
      reply.header('etag', etagOf(project.revision));
      if (isNotModified(request.headers['if-none-match'], project.revision)) return reply.code(304).send();
      return toProjectResponse(project);
    },
  );

  app.patch(
    '/v1/projects/:project',
    {
      schema: {
        tags,
        summary: 'Change a project (honours If-Match)',
        params: ProjectParamsSchema,
        body: ProjectPatchSchema,
        response: { 200: ProjectSchema, ...problemResponses(...WRITE_PROBLEMS, 404, 412) },
      },
    },
    async (request, reply) => {
      const project = await withRequestPaths(inRequest('body'), () =>
        projects.update(request.params.project, request.body, writeOptionsOf(request)),
      );
      reply.header('etag', etagOf(project.revision));
      return toProjectResponse(project);
    },
  );

  app.delete(
    '/v1/projects/:project',
    {
      schema: {
        tags,
        summary: 'Delete a project with its issues, dependencies and history (honours If-Match)',
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
