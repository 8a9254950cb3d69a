// Claims, checks and the goal: what issues change in the runtime and how the simulator checks it.
// The store checks each write against the simulator's catalog (a 400 lists every unknown component,
// placement, workload or invalid program, and nothing changes), bumps revisions and audits it.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { etagOf } from '../../store/etag.js';
import { bodyIsField, withRequestPaths } from '../http/request-paths.js';
import { writeOptionsOf } from '../http/write-options.js';
import { ChecksBodySchema, ClaimsBodySchema, GoalBodySchema } from '../schemas/claims.js';
import { IssueParamsSchema, ProjectParamsSchema } from '../schemas/common.js';
import { IssueSchema, toIssueResponse } from '../schemas/issues.js';
import { problemResponses, WRITE_PROBLEMS } from '../schemas/problem.js';
import { ProjectSchema, toProjectResponse } from '../schemas/projects.js';

const tags = ['validation'];

export const claimRoutes: FastifyPluginAsyncZod = async (app) => {
  const { issues, projects } = app.stores;

  // PUT …/claims and PUT …/checks: the same write of one issue field.
  const issueFields = [
    {
      field: 'claims',
      body: ClaimsBodySchema,
      summary: "Replace an issue's claims (honours If-Match)",
      description:
        'Each claim is `{ component, placement }`: a runtime-sim catalog component and where the issue ' +
        'moves it once done. Unknown components or placements, or a placement the component cannot take, ' +
        'are a 400 naming each.',
    },
    {
      field: 'checks',
      body: ChecksBodySchema,
      summary: "Replace an issue's checks (honours If-Match)",
      description:
        'Each check is `{ name, workload }` (see `GET /v1/sim/workloads`) or `{ name, program }` (simulator ' +
        'operations). Unknown workloads and invalid programs are a 400 naming each problem.',
    },
  ] as const;

  for (const { field, body, summary, description } of issueFields) {
    app.put(
      `/v1/projects/:project/issues/:key/${field}`,
      {
        schema: {
          tags,
          summary,
          description,
          params: IssueParamsSchema,
          body,
          response: { 200: IssueSchema, ...problemResponses(...WRITE_PROBLEMS, 404, 412) },
        },
      },
      async (request, reply) => {
        const { project, key } = request.params;
        const issue = await withRequestPaths(bodyIsField(field), () =>
          issues.update(project, key, { [field]: request.body }, writeOptionsOf(request)),
        );
        reply.header('etag', etagOf(issue.revision));
        return toIssueResponse(issue);
      },
    );
  }

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
      const updated = await withRequestPaths(bodyIsField('goal'), () =>
        projects.update(request.params.project, { goal: request.body }, writeOptionsOf(request)),
      );
      reply.header('etag', etagOf(updated.revision));
      return toProjectResponse(updated);
    },
  );
};
