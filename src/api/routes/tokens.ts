// /v1/tokens: create, list and revoke API tokens (admin; never open, even before the first token exists:
// that one comes from `isoplan token create` or ISOPLAN_API_TOKEN).
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { inRequest, withRequestPaths } from '../http/request-paths.js';
import { actorOf } from '../plugins/auth.js';
import { NEW_TOKEN, NEW_TOKEN_ID } from '../reference-examples.js';
import { NoContentSchema, PageQuerySchema } from '../schemas/common.js';
import { problemResponses, WRITE_PROBLEMS } from '../schemas/problem.js';
import {
  CreatedTokenSchema,
  TokenCreateSchema,
  TokenPageSchema,
  TokenParamsSchema,
  toCreatedTokenResponse,
  toTokenResponse,
} from '../schemas/tokens.js';

const tags = ['tokens'];
const config = { scope: 'admin', alwaysNeedsToken: true } as const;

export const tokenRoutes: FastifyPluginAsyncZod = async (app) => {
  const { tokens } = app.services;

  app.get(
    '/v1/tokens',
    {
      config,
      schema: {
        tags,
        operationId: 'listTokens',
        summary: 'List API tokens, newest first (never their secrets)',
        description:
          'Every token ever made, revoked and expired ones included: name (the actor of the audit trail), ' +
          'scope, project, the last four characters, who made it, when it expires and was last used (to ' +
          'the minute). Needs an admin token, even on a service that is otherwise open.',
        querystring: PageQuerySchema,
        response: { 200: TokenPageSchema, ...problemResponses(400) },
      },
    },
    async (request) => {
      const page = await withRequestPaths(inRequest('querystring'), () => tokens.list(request.query));
      return { items: page.items.map(toTokenResponse), nextCursor: page.nextCursor };
    },
  );

  app.post(
    '/v1/tokens',
    {
      config,
      schema: {
        tags,
        operationId: 'createToken',
        summary: 'Create an API token; its secret is in this answer only',
        description:
          '`name` is who acts with it (the audit trail names it), `scope` is `read`, `write` (implies read) ' +
          'or `admin` (implies both), `project` limits it to one project (others answer 404), ' +
          '`expiresInDays` defaults to 90, at most 366. The answer holds the secret (`isp_…`) in `token`: ' +
          'it is stored only as a SHA-256 digest and never shown again. A name that mixes the letters of two ' +
          'scripts is refused (400), and one that looks like the name of another live token (a Unicode UTS #39 ' +
          'skeleton, e.g. Cyrillic `рор` against `pop`) answers 409 `confusable-token-name`; the same name is allowed.',
        examples: { body: NEW_TOKEN },
        body: TokenCreateSchema,
        response: { 201: CreatedTokenSchema, ...problemResponses(...WRITE_PROBLEMS, 409) },
      },
    },
    async (request, reply) => {
      const issued = await withRequestPaths(inRequest('body'), () =>
        tokens.create(request.body, actorOf(request)),
      );
      request.log.info(
        { token: { id: issued.token.id, name: issued.token.name, scope: issued.token.scope } },
        'token created',
      );
      return reply.code(201).header('cache-control', 'no-store').send(toCreatedTokenResponse(issued));
    },
  );

  app.delete(
    '/v1/tokens/:id',
    {
      config,
      schema: {
        tags,
        operationId: 'revokeToken',
        summary: 'Revoke an API token: refused from the next request on',
        description:
          'The token is refused from the next request on, by every process serving the database; it stays ' +
          'in the list with `revokedAt` and `revokedBy`, the actor that revoked it. Revoking it again keeps the ' +
          'first time and actor. The example revokes the ' +
          'token POST’s example makes on a service whose first token is your own.',
        examples: { params: { id: NEW_TOKEN_ID } },
        params: TokenParamsSchema,
        response: { 204: NoContentSchema, ...problemResponses(400, 404) },
      },
    },
    async (request, reply) => {
      const token = await tokens.revoke(request.params.id, actorOf(request));
      request.log.info({ token: { id: token.id, name: token.name } }, 'token revoked');
      return reply.code(204).send();
    },
  );
};
