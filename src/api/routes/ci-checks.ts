// CI checks: a CI check of a change (the issues a pull request marks done) is computed and stored as a
// check run; a commit status is read from the latest CI check run of a sha. (The simulator checks of an
// issue are issue-checks.ts.)
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { type CiCheckRunUrl, ciCheckRunPath, ciCheckRunUrls } from '../../services/ci-check-service.js';
import { originOf } from '../http/origin.js';
import { inRequest, withRequestPaths } from '../http/request-paths.js';
import { validationCallerOf } from '../plugins/auth.js';
import { SIMULATION_COST } from '../plugins/rate-limit.js';
import { DEMO_ISSUE, DEMO_PROJECT, EXAMPLE_SHA, FIRST_RUN_ID, ON_DEMO } from '../reference-examples.js';
import {
  CiCheckRequestSchema,
  CiCheckRunParamsSchema,
  CiCheckRunSchema,
  CommitStatusQuerySchema,
  CommitStatusSchema,
} from '../schemas/ci-checks.js';
import { ProjectParamsSchema } from '../schemas/common.js';
import { problemResponses, WRITE_PROBLEMS } from '../schemas/problem.js';

const tags = ['ci-checks'];

/** Absolute URLs of CI check runs under the service that answers the request. */
function urlsFor(request: FastifyRequest): CiCheckRunUrl {
  return ciCheckRunUrls(originOf(request));
}

export const ciCheckRoutes: FastifyPluginAsyncZod = async (app) => {
  const { ciChecks } = app.services;

  app.post(
    '/v1/projects/:project/checks',
    {
      config: { scope: 'write', cost: SIMULATION_COST },
      schema: {
        tags,
        operationId: 'createCiCheck',
        summary: 'CI check of a change: do the issues it marks done really isolate what they claim?',
        description:
          'Validates the project as it is and as it would be with the `done` issues finished, compares the ' +
          'two, and stores the result as a check run shaped like a GitHub check run. `failure` when a marked ' +
          'issue fails its checks under the layout with the change applied, or when a finished issue that ' +
          'passed before fails after (a regression); `neutral` when no marked issue has checks; missing ' +
          'dependencies are warnings. The run names who asked for it (`requestedBy`: the token, its id, ' +
          'X-Actor; `github` for a pull request). Unknown keys are a 400 naming each. The example checks a change that ' +
          'finishes the tuple free list.',
        examples: { ...ON_DEMO, body: { done: [DEMO_ISSUE], sha: EXAMPLE_SHA } },
        params: ProjectParamsSchema,
        body: CiCheckRequestSchema,
        response: { 201: CiCheckRunSchema, ...problemResponses(...WRITE_PROBLEMS, 404, 429, 503) },
      },
    },
    async (request, reply) => {
      const { project } = request.params;
      // Unknown keys are named in the request's `done`; other problems (stored claims) are the project's.
      const run = await withRequestPaths(inRequest('body', ['done']), () =>
        ciChecks.run(project, request.body, urlsFor(request), validationCallerOf(request)),
      );
      return reply.code(201).header('location', ciCheckRunPath(project, run.id)).send(run);
    },
  );

  app.get(
    '/v1/projects/:project/checks/:id',
    {
      config: { scope: 'read' },
      schema: {
        tags,
        operationId: 'getCiCheck',
        summary: 'A stored CI check run',
        description:
          'The check run as POST …/checks answered it, with its `details_url`. The example reads the first ' +
          'one (run POST …/checks first on a fresh demo).',
        examples: { params: { project: DEMO_PROJECT, id: FIRST_RUN_ID } },
        params: CiCheckRunParamsSchema,
        response: { 200: CiCheckRunSchema, ...problemResponses(400, 404) },
      },
    },
    async (request) => ciChecks.get(request.params.project, request.params.id, urlsFor(request)),
  );

  app.get(
    '/v1/projects/:project/status',
    {
      config: { scope: 'read' },
      schema: {
        tags,
        operationId: 'getCommitStatus',
        summary: 'The commit status of a sha, from its latest CI check run',
        description:
          '`pending` until a check run exists for the sha. An abbreviated sha (at least 7 hex digits, as ' +
          '`git rev-parse --short` prints it) names the commit it begins, as git resolves it: the status of ' +
          '`abc1234` is that of `abc1234…`, and a run posted with an abbreviation counts for the full sha; ' +
          'one that begins the shas of several commits with check runs is a 400 naming `querystring.sha`, ' +
          'with those shas as `candidates`. The description is at most 140 characters. The example reads ' +
          'the status of the commit that POST …/checks’s example checks.',
        examples: { ...ON_DEMO, querystring: { sha: EXAMPLE_SHA } },
        params: ProjectParamsSchema,
        querystring: CommitStatusQuerySchema,
        response: { 200: CommitStatusSchema, ...problemResponses(400, 404) },
      },
    },
    async (request) =>
      withRequestPaths(inRequest('querystring', ['sha']), () =>
        ciChecks.status(request.params.project, request.query.sha, urlsFor(request)),
      ),
  );
};
