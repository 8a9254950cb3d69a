// CI status checks: a check over a change (the issues a pull request marks done) is computed and
// stored as a check run; a commit status is read from the latest check run of a sha.
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { type CheckRunUrl, createCheckService } from '../../services/check-service.js';
import { inRequest, withRequestPaths } from '../http/request-paths.js';
import {
  CheckRequestSchema,
  CheckRunParamsSchema,
  CheckRunSchema,
  CommitStatusSchema,
  StatusQuerySchema,
} from '../schemas/checks.js';
import { ProjectParamsSchema } from '../schemas/common.js';
import { problemResponses, WRITE_PROBLEMS } from '../schemas/problem.js';

const tags = ['checks'];

export function checkRunPath(project: string, id: string): string {
  return `/v1/projects/${encodeURIComponent(project)}/checks/${encodeURIComponent(id)}`;
}

/** Absolute URLs of check runs under the service that answers the request (GitHub needs absolute ones). */
function urlsFor(request: FastifyRequest): CheckRunUrl {
  const origin = `${request.protocol}://${request.host}`;
  return (project, id) => origin + checkRunPath(project, id);
}

export const checkRoutes: FastifyPluginAsyncZod = async (app) => {
  const checks = createCheckService({
    validation: app.validationService,
    issues: app.stores.issues,
    checkRuns: app.stores.checkRuns,
  });

  app.post(
    '/v1/projects/:project/checks',
    {
      schema: {
        tags,
        summary: 'Check a change: do the issues it marks done really isolate what they claim?',
        description:
          'Validates the project as it is and as it would be with the `done` issues finished, compares the ' +
          'two, and stores the result as a check run shaped like a GitHub check run. `failure` when a marked ' +
          'issue fails its checks under the layout with the change applied, or when a finished issue that ' +
          'passed before fails after (a regression); `neutral` when no marked issue has checks; missing ' +
          'dependencies are warnings. Unknown keys are a 400 naming each.',
        params: ProjectParamsSchema,
        body: CheckRequestSchema,
        response: { 201: CheckRunSchema, ...problemResponses(...WRITE_PROBLEMS, 404) },
      },
    },
    async (request, reply) => {
      const { project } = request.params;
      // Unknown keys are named in the request's `done`; other problems (stored claims) are the project's.
      const run = await withRequestPaths(inRequest('body', ['done']), () =>
        checks.run(project, request.body, urlsFor(request)),
      );
      return reply.code(201).header('location', checkRunPath(project, run.id)).send(run);
    },
  );

  app.get(
    '/v1/projects/:project/checks/:id',
    {
      schema: {
        tags,
        summary: 'A stored check run',
        params: CheckRunParamsSchema,
        response: { 200: CheckRunSchema, ...problemResponses(400, 404) },
      },
    },
    async (request) => checks.get(request.params.project, request.params.id, urlsFor(request)),
  );

  app.get(
    '/v1/projects/:project/status',
    {
      schema: {
        tags,
        summary: 'The commit status of a sha, from its latest check run',
        description:
          '`pending` until a check run exists for the sha (compare shas in the same form: full shas are ' +
          'safest). The description is at most 140 characters.',
        params: ProjectParamsSchema,
        querystring: StatusQuerySchema,
        response: { 200: CommitStatusSchema, ...problemResponses(400, 404) },
      },
    },
    async (request) => checks.status(request.params.project, request.query.sha, urlsFor(request)),
  );
};
