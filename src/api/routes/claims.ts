// Claims, checks and the goal: what issues change in the runtime and how the simulator checks it.
// Each write is checked against the simulator's catalog first (a 400 lists every unknown component,
// placement, workload or invalid program), then goes through the store (revision bump, audit event).
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { InvalidItem } from '../../domain/errors.js';
import { assertNoProblems, checkProblems, claimProblems } from '../../domain/validation/catalog-checks.js';
import type { IssuePatch } from '../../store/types.js';
import { etagOf, ifMatchRevision } from '../http/etag.js';
import { ChecksBodySchema, ClaimsBodySchema, GoalBodySchema } from '../schemas/claims.js';
import { IssueParamsSchema, ProjectParamsSchema } from '../schemas/common.js';
import { IssueSchema, toIssueResponse } from '../schemas/issues.js';
import { problemResponses, WRITE_PROBLEMS } from '../schemas/problem.js';
import { ProjectSchema, toProjectResponse } from '../schemas/projects.js';

const tags = ['validation'];

export const claimRoutes: FastifyPluginAsyncZod = async (app) => {
  const { issues, projects } = app.stores;

  /** Checks `problems` first (nothing changes on a 400), then writes through the store. */
  async function putIssueField(
    project: string,
    key: string,
    patch: Pick<IssuePatch, 'claims' | 'checks'>,
    problems: InvalidItem[],
    ifMatch: string | undefined,
    actor: string,
  ) {
    assertNoProblems(problems, `invalid ${Object.keys(patch).join(', ')}`);
    const expected =
      ifMatch === undefined ? undefined : ifMatchRevision(ifMatch, (await issues.get(project, key)).revision);
    return issues.update(project, key, patch, { actor, ifMatchRevision: expected });
  }

  app.put(
    '/v1/projects/:project/issues/:key/claims',
    {
      schema: {
        tags,
        summary: "Replace an issue's claims (honours If-Match)",
        description:
          'Each claim is `{ component, placement }`: a runtime-sim catalog component and where the issue ' +
          'moves it once done. Unknown components or placements, or a placement the component cannot take, ' +
          'are a 400 naming each.',
        params: IssueParamsSchema,
        body: ClaimsBodySchema,
        response: { 200: IssueSchema, ...problemResponses(...WRITE_PROBLEMS, 404, 412) },
      },
    },
    async (request, reply) => {
      const { project, key } = request.params;
      const issue = await putIssueField(
        project,
        key,
        { claims: request.body },
        claimProblems(request.body, 'body'),
        request.headers['if-match'],
        request.actor,
      );
      reply.header('etag', etagOf(issue.revision));
      return toIssueResponse(issue);
    },
  );

  app.put(
    '/v1/projects/:project/issues/:key/checks',
    {
      schema: {
        tags,
        summary: "Replace an issue's checks (honours If-Match)",
        description:
          'Each check is `{ name, workload }` (see `GET /v1/sim/workloads`) or `{ name, program }` (simulator ' +
          'operations). Unknown workloads and invalid programs are a 400 naming each problem.',
        params: IssueParamsSchema,
        body: ChecksBodySchema,
        response: { 200: IssueSchema, ...problemResponses(...WRITE_PROBLEMS, 404, 412) },
      },
    },
    async (request, reply) => {
      const { project, key } = request.params;
      const issue = await putIssueField(
        project,
        key,
        { checks: request.body },
        checkProblems(request.body, 'body'),
        request.headers['if-match'],
        request.actor,
      );
      reply.header('etag', etagOf(issue.revision));
      return toIssueResponse(issue);
    },
  );

  app.put(
    '/v1/projects/:project/goal',
    {
      schema: {
        tags,
        summary: "Replace the project's goal (honours If-Match)",
        description: 'The checks that must hold once every issue is done; validated like issue checks.',
        params: ProjectParamsSchema,
        body: GoalBodySchema,
        response: { 200: ProjectSchema, ...problemResponses(...WRITE_PROBLEMS, 404, 412) },
      },
    },
    async (request, reply) => {
      const { project } = request.params;
      assertNoProblems(checkProblems(request.body, 'body'), 'invalid goal');
      const ifMatch = request.headers['if-match'];
      const expected =
        ifMatch === undefined ? undefined : ifMatchRevision(ifMatch, (await projects.get(project)).revision);
      const updated = await projects.update(
        project,
        { goal: request.body },
        { actor: request.actor, ifMatchRevision: expected },
      );
      reply.header('etag', etagOf(updated.revision));
      return toProjectResponse(updated);
    },
  );
};
