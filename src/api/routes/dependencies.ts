// Dependencies: PUT/DELETE one "blocked by" edge; GET every edge of a project.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { NotFoundError } from '../../domain/errors.js';
import { renamed, withRequestPaths } from '../http/request-paths.js';
import { actorOf } from '../plugins/auth.js';
import { DEMO_PROJECT, NEW_EDGE, ON_DEMO } from '../reference-examples.js';
import { NoContentSchema, ProjectParamsSchema } from '../schemas/common.js';
import { DependencyEdgeSchema, DependencyListSchema, EdgeParamsSchema } from '../schemas/dependencies.js';
import { problemResponses } from '../schemas/problem.js';

const tags = ['dependencies'];

/** The store names an edge's ends `issue` and `blockedBy`; the client sent them as `:key` and `:blocker`. */
const edgeParams = renamed({ issue: 'params.key', blockedBy: 'params.blocker' });

export const dependencyRoutes: FastifyPluginAsyncZod = async (app) => {
  const { dependencies } = app.stores;

  app.get(
    '/v1/projects/:project/dependencies',
    {
      config: { scope: 'read' },
      schema: {
        tags,
        operationId: 'listDependencies',
        summary: 'Every dependency edge of the project',
        description: 'Each edge as `{ issue, blockedBy }`: `issue` waits on `blockedBy`. Always acyclic.',
        examples: ON_DEMO,
        params: ProjectParamsSchema,
        response: { 200: DependencyListSchema, ...problemResponses(400, 404) },
      },
    },
    async (request) => ({ items: await dependencies.list(request.params.project) }),
  );

  app.put(
    '/v1/projects/:project/issues/:key/blocked-by/:blocker',
    {
      config: { scope: 'write' },
      schema: {
        tags,
        operationId: 'addDependency',
        summary: 'Record that :key is blocked by :blocker (201 when new, 200 when it existed)',
        description:
          "Refused with 409 `dependency-cycle` and the cycle's keys when the edge would close a cycle; " +
          '400 `invalid-input` for a self-dependency or a key that is not an issue of this project (unknown, ' +
          "or another project's), naming `params.key` or `params.blocker`; 404 for an unknown project. " +
          'The example makes the debug-mode check wait on the per-interpreter allocator (DELETE removes it).',
        examples: { params: { project: DEMO_PROJECT, ...NEW_EDGE } },
        params: EdgeParamsSchema,
        response: {
          200: DependencyEdgeSchema.describe('The edge already existed'),
          201: DependencyEdgeSchema.describe('The edge was created'),
          ...problemResponses(400, 401, 404, 409),
        },
      },
    },
    async (request, reply) => {
      const { project, key, blocker } = request.params;
      const edge = { issue: key, blockedBy: blocker };
      const { created } = await withRequestPaths(edgeParams, () =>
        dependencies.add(project, edge, actorOf(request)),
      );
      return reply.code(created ? 201 : 200).send(edge);
    },
  );

  app.delete(
    '/v1/projects/:project/issues/:key/blocked-by/:blocker',
    {
      config: { scope: 'write' },
      schema: {
        tags,
        operationId: 'removeDependency',
        summary: 'Remove the dependency of :key on :blocker',
        description:
          'A 404 when the edge does not exist. The example removes the edge that PUT’s example adds.',
        examples: { params: { project: DEMO_PROJECT, ...NEW_EDGE } },
        params: EdgeParamsSchema,
        response: { 204: NoContentSchema, ...problemResponses(400, 401, 404) },
      },
    },
    async (request, reply) => {
      const { project, key, blocker } = request.params;
      const { removed } = await withRequestPaths(edgeParams, () =>
        dependencies.remove(project, { issue: key, blockedBy: blocker }, actorOf(request)),
      );
      if (!removed) throw new NotFoundError('dependency', `${key}<-${blocker}`);
      return reply.code(204).send();
    },
  );
};
