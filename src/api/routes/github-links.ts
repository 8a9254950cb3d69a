// A project's link to its meta issue on GitHub (GET, PUT, DELETE /v1/projects/:project/github) and the
// sync that brings the meta issue's sub-issues and dependencies in (POST …/github/sync).
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { NotFoundError } from '../../domain/errors.js';
import { inRequest, withRequestPaths } from '../http/request-paths.js';
import { writeOptionsOf } from '../http/write-options.js';
import { NoContentSchema, ProjectParamsSchema } from '../schemas/common.js';
import { GithubLinkSchema, GithubSyncRequestSchema, GithubSyncSummarySchema } from '../schemas/github.js';
import { problemResponses, WRITE_PROBLEMS } from '../schemas/problem.js';

const tags = ['github'];

/** GitHub's own refusals while syncing: its 404, refused credentials, a rate limit, an unreachable API. */
const GITHUB_PROBLEMS = [403, 404, 409, 502, 503] as const;

class NotLinkedError extends NotFoundError {
  constructor(project: string) {
    super('GitHub link of project', project);
  }
}

export const githubLinkRoutes: FastifyPluginAsyncZod = async (app) => {
  const { githubLinks } = app.stores;
  const { githubSync } = app.services;

  app.get(
    '/v1/projects/:project/github',
    {
      schema: {
        tags,
        summary: "The project's link to its meta issue on GitHub",
        params: ProjectParamsSchema,
        response: { 200: GithubLinkSchema, ...problemResponses(400, 404) },
      },
    },
    async (request) => {
      const link = await githubLinks.get(request.params.project);
      if (link === null) throw new NotLinkedError(request.params.project);
      return link;
    },
  );

  app.put(
    '/v1/projects/:project/github',
    {
      schema: {
        tags,
        summary: 'Link the project to a meta issue on GitHub (audited; honours If-Match on the project)',
        description:
          '`{ "repository": "OWNER/REPO", "issue": NUMBER }`, and optionally `document`, the path of the ' +
          'project document in that repository (check-run annotations point at it). Nothing is read from GitHub: ' +
          '`POST …/github/sync` does that.',
        params: ProjectParamsSchema,
        body: GithubLinkSchema,
        response: {
          200: GithubLinkSchema,
          201: GithubLinkSchema,
          ...problemResponses(...WRITE_PROBLEMS, 404, 412),
        },
      },
    },
    async (request, reply) => {
      const { link, created } = await githubLinks.set(
        request.params.project,
        request.body,
        writeOptionsOf(request),
      );
      return reply.code(created ? 201 : 200).send(link);
    },
  );

  app.delete(
    '/v1/projects/:project/github',
    {
      schema: {
        tags,
        summary: "Remove the project's link (its issues stay; webhooks no longer change them)",
        params: ProjectParamsSchema,
        response: { 204: NoContentSchema, ...problemResponses(400, 401, 404, 412) },
      },
    },
    async (request, reply) => {
      if (!(await githubLinks.remove(request.params.project, writeOptionsOf(request)))) {
        throw new NotLinkedError(request.params.project);
      }
      return reply.code(204).send();
    },
  );

  app.post(
    '/v1/projects/:project/github/sync',
    {
      schema: {
        tags,
        summary: "Bring the meta issue's sub-issues and dependencies in from GitHub, all or nothing",
        description:
          "Reads the meta issue, its sub-issues recursively and each issue's blockers (every page), and " +
          "changes only what differs, with audit events by actor `github`: GitHub owns the issues' fields, " +
          'parents and dependencies; isoplan keeps claims, checks, the goal and issues added by hand. A ' +
          'dependency that would close a cycle is not stored and is listed in `refused` with its path. With a ' +
          "body, the project is linked (or relinked) first and created when missing. GitHub's 404 is a 404, " +
          'refused credentials a 403, a rate limit that lifts too late a 503 with Retry-After; nothing changes.',
        params: ProjectParamsSchema,
        body: GithubSyncRequestSchema,
        response: {
          200: GithubSyncSummarySchema,
          ...problemResponses(...WRITE_PROBLEMS, ...GITHUB_PROBLEMS),
        },
      },
    },
    async (request) =>
      withRequestPaths(inRequest('body'), () =>
        githubSync.sync(request.params.project, request.body == null ? {} : { link: request.body }),
      ),
  );
};
