// PUT /v1/projects/:project/goal: the simulator checks that must hold once every issue is done. The store
// checks them against the simulator's catalog like an issue's checks, bumps the revision and audits it.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { etagOf } from '../../store/etag.js';
import { bodyIsField, withRequestPaths } from '../http/request-paths.js';
import { writeOptionsOf } from '../http/write-options.js';
import { DEMO_GOAL, ON_DEMO } from '../reference-examples.js';
import { ProjectParamsSchema } from '../schemas/common.js';
import { GoalBodySchema } from '../schemas/goal.js';
import { problemResponses, WRITE_PROBLEMS } from '../schemas/problem.js';
import { ProjectSchema, toProjectResponse } from '../schemas/projects.js';

export const goalRoutes: FastifyPluginAsyncZod = async (app) => {
  const { projects } = app.stores;

  app.put(
    '/v1/projects/:project/goal',
    {
      config: { scope: 'write', honoursIfMatch: true },
      schema: {
        tags: ['validation'],
        operationId: 'replaceGoal',
        summary: "Replace the project's goal (honours If-Match)",
        description:
          'The checks that must hold once every issue is done; validated like issue checks. Validation says ' +
          'whether the goal holds now and whether it will once every open issue is done. The example writes ' +
          'the demo’s own goal again.',
        examples: { ...ON_DEMO, body: DEMO_GOAL },
        params: ProjectParamsSchema,
        body: GoalBodySchema,
        response: { 200: ProjectSchema, ...problemResponses(...WRITE_PROBLEMS, 404, 412) },
      },
    },
    async (request, reply) => {
      const updated = await withRequestPaths(bodyIsField('goal'), () =>
        projects.update(request.params.project, { goal: request.body }, writeOptionsOf(request)),
      );
      reply.header('etag', etagOf(updated));
      return toProjectResponse(updated);
    },
  );
};
