// /v1/projects/:project/validations: the simulator's verdict over a project, run and stored.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { inRequest, withRequestPaths } from '../http/request-paths.js';
import { validationCallerOf } from '../plugins/auth.js';
import { SIMULATION_COST } from '../plugins/rate-limit.js';
import { DEMO_PROJECT, FIRST_RUN_ID, ON_DEMO } from '../reference-examples.js';
import { ProjectParamsSchema } from '../schemas/common.js';
import { problemResponses } from '../schemas/problem.js';
import {
  ValidationListQuerySchema,
  ValidationParamsSchema,
  ValidationRunPageSchema,
  ValidationRunSchema,
} from '../schemas/validation.js';

const tags = ['validation'];

export const validationRoutes: FastifyPluginAsyncZod = async (app) => {
  const service = app.services.validations;

  app.post(
    '/v1/projects/:project/validations',
    {
      config: { scope: 'write', cost: SIMULATION_COST },
      schema: {
        tags,
        operationId: 'validateProject',
        summary: 'Validate the project against the simulator and store the run',
        description:
          'Runs every issue check under the layout of finished issues plus the claims of the issue and its ' +
          'transitive blockers, finds the issues whose claims would fix failing ones (missing dependencies), ' +
          'the regressions and whether the goal holds. 201 with a new run; 200 with `reused: true` when the ' +
          "project's input is unchanged since a stored run (same fingerprint): nothing runs again. The run " +
          'names who asked for it (`requestedBy`: the token, its id, X-Actor; a reused run, who asked first). ' +
          'A stored claim or check the catalog does not know is a 400 naming it.',
        examples: ON_DEMO,
        params: ProjectParamsSchema,
        response: {
          200: ValidationRunSchema.describe('The stored run of the unchanged input (`reused: true`)'),
          201: ValidationRunSchema.describe('A new run, stored'),
          ...problemResponses(400, 401, 404, 429, 503),
        },
      },
    },
    async (request, reply) => {
      const { project } = request.params;
      const run = await service.validate(project, validationCallerOf(request));
      return reply
        .code(run.reused ? 200 : 201)
        .header(
          'location',
          `/v1/projects/${encodeURIComponent(project)}/validations/${encodeURIComponent(run.id)}`,
        )
        .send(run);
    },
  );

  app.get(
    '/v1/projects/:project/validations',
    {
      config: { scope: 'read' },
      schema: {
        tags,
        operationId: 'listValidations',
        summary: 'List stored validation runs, newest first, page by page',
        description:
          'Each run without its per-issue detail: the revision it validated, its verdict counts, missing ' +
          'dependencies, regressions and whether the goal held.',
        examples: ON_DEMO,
        params: ProjectParamsSchema,
        querystring: ValidationListQuerySchema,
        response: { 200: ValidationRunPageSchema, ...problemResponses(400, 404) },
      },
    },
    async (request) =>
      withRequestPaths(inRequest('querystring'), () => service.list(request.params.project, request.query)),
  );

  app.get(
    '/v1/projects/:project/validations/:id',
    {
      config: { scope: 'read' },
      schema: {
        tags,
        operationId: 'getValidation',
        summary: 'Read a stored validation run',
        description:
          'The full run: per issue its verdict and violations, the missing dependencies, the regressions, the ' +
          'goal and the components × placements matrix. The example reads the first run (run POST ' +
          '…/validations first on a fresh demo).',
        examples: { params: { project: DEMO_PROJECT, id: FIRST_RUN_ID } },
        params: ValidationParamsSchema,
        response: { 200: ValidationRunSchema, ...problemResponses(400, 404) },
      },
    },
    async (request) => service.get(request.params.project, request.params.id),
  );
};
