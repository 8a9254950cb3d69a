// A project's link to its meta issue on GitHub (GET, PUT, DELETE /v1/projects/:project/github) and the
// sync that brings the meta issue's sub-issues and dependencies in (POST …/github/sync).
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { NotFoundError } from '../../domain/errors.js';
import { sameGithubLink } from '../../domain/github/repository.js';
import type { GithubLink } from '../../domain/model.js';
import { inRequest, withRequestPaths } from '../http/request-paths.js';
import { writeOptionsOf } from '../http/write-options.js';
import { actorOf, requireScope } from '../plugins/auth.js';
import { NoContentSchema, ProjectParamsSchema } from '../schemas/common.js';
import { GithubLinkSchema, GithubSyncRequestSchema, GithubSyncSummarySchema } from '../schemas/github.js';
import { problemResponses, WRITE_PROBLEMS } from '../schemas/problem.js';

const tags = ['github'];

// The reference's examples: CPython's meta issue for a per-interpreter GIL (bpo-40512 became gh-84692), synced
// into a project of its own, which the sync creates.
const EXAMPLE_LINK = { repository: 'python/cpython', issue: 84692 };
const ON_GITHUB_PROJECT = { params: { project: 'per-interpreter-gil-on-github' } };

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
      config: { scope: 'read' },
      schema: {
        tags,
        operationId: 'getGithubLink',
        summary: "The project's link to its meta issue on GitHub",
        description:
          '`{ repository, issue, document }`: the meta issue the project is kept in sync with; 404 when the ' +
          'project is not linked.',
        examples: ON_GITHUB_PROJECT,
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
      config: { scope: 'admin', honoursIfMatch: true },
      schema: {
        tags,
        operationId: 'setGithubLink',
        summary: 'Link the project to a meta issue on GitHub (audited; honours If-Match on the project)',
        examples: { ...ON_GITHUB_PROJECT, body: EXAMPLE_LINK },
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
      config: { scope: 'admin', honoursIfMatch: true },
      schema: {
        tags,
        operationId: 'removeGithubLink',
        summary: "Remove the project's link (its issues stay as they are)",
        description:
          'Audited `github.unlink`; honours If-Match on the project. The issues brought in from GitHub stay; ' +
          'a sync needs a new link.',
        examples: ON_GITHUB_PROJECT,
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
      config: { scope: 'write' },
      schema: {
        tags,
        operationId: 'syncGithub',
        summary: "Bring the meta issue's sub-issues and dependencies in from GitHub, all or nothing",
        examples: { ...ON_GITHUB_PROJECT, body: EXAMPLE_LINK },
        description:
          "Reads the meta issue, its sub-issues recursively and each issue's blockers (every page), and " +
          "changes only what differs, audited as the caller's (its token's name): GitHub owns the issues' fields, " +
          'parents and dependencies; isoplan keeps claims, checks, the goal and issues added by hand. A ' +
          'dependency that would close a cycle is not stored and is listed in `refused` with its path. With a ' +
          'body, the project is linked (or relinked) first and created when missing; that needs the admin scope ' +
          "unless the body is the project's current link (or its old address, which GitHub answers with a 301 " +
          "to it). A meta issue GitHub moved is followed whatever the scope (`relinked`). GitHub's 404 is a 404, " +
          'refused credentials a 403, a rate limit that lifts too late a 503 with Retry-After; nothing changes. ' +
          'A project linked elsewhere while the sync read GitHub is a 409 (sync again): the link is not undone.',
        params: ProjectParamsSchema,
        body: GithubSyncRequestSchema,
        response: {
          200: GithubSyncSummarySchema,
          ...problemResponses(...WRITE_PROBLEMS, ...GITHUB_PROBLEMS),
        },
      },
    },
    async (request) => {
      const authorize =
        request.body == null ? undefined : await relinkCheck(request.params.project, request.body, request);
      return withRequestPaths(inRequest('body'), () =>
        githubSync.sync(request.params.project, {
          by: actorOf(request),
          ...(request.body == null ? {} : { link: request.body }),
          ...(authorize === undefined ? {} : { authorize }),
        }),
      );
    },
  );

  /**
   * Links are admin's (scope.ts): a sync whose body links a project, or links it elsewhere, needs admin.
   * A body naming the project's meta issue at its old address (GitHub moved it, and a sync followed) names
   * the current link, which shows only once GitHub answers that address with a 301 to it: for a project
   * already linked, the check is made then, before anything is written.
   */
  async function relinkCheck(
    project: string,
    link: GithubLink,
    request: FastifyRequest,
  ): Promise<((followed: GithubLink) => void) | undefined> {
    let current: GithubLink | null = null;
    try {
      current = await githubLinks.get(project);
    } catch (error) {
      if (!(error instanceof NotFoundError)) throw error;
    }
    const what = 'a sync that links the project to a meta issue';
    if (current === null) {
      requireScope(request, 'admin', what);
      return undefined;
    }
    if (sameGithubLink(current, link)) return undefined;
    const linked = current;
    return (followed) => {
      if (!sameGithubLink(linked, followed)) requireScope(request, 'admin', what);
    };
  }
};
