// GET /v1/projects/:project/badges/{progress|goal|ready|forecast}.svg: shields.io-style badges for a README or any
// page (src/services/badge-service.ts). Revalidated on every use (`no-cache`) with the ETag: a proxy such
// as GitHub's image cache asks again and gets a 304 while the project is unchanged. Sent with the
// dashboard's Content-Security-Policy: a badge opened on its own runs nothing and loads nothing. A read:
// open while reads are public (the default), refused without a token once ISOPLAN_PUBLIC_READ=0.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { notModified } from '../http/conditional.js';
import { CONTENT_SECURITY_POLICY } from '../http/content-security-policy.js';
import { DEMO_PROJECT } from '../reference-examples.js';
import { BadgeParamsSchema, BadgeQuerySchema, BadgeSvgSchema } from '../schemas/badges.js';
import { NotModifiedSchema } from '../schemas/common.js';
import { problemResponses } from '../schemas/problem.js';

export const badgeRoutes: FastifyPluginAsyncZod = async (app) => {
  const { badges } = app.services;

  app.get(
    '/v1/projects/:project/badges/:badge.svg',
    {
      // A read: with ISOPLAN_PUBLIC_READ=0 an image embedded in a README (which carries no token) is refused.
      config: { scope: 'read', honoursIfMatch: true },
      schema: {
        tags: ['projects'],
        operationId: 'getProjectBadge',
        summary: 'A README badge of the project (SVG, shields.io style)',
        description:
          '`progress`: finished issues in percent; `goal`: whether the goal holds by the latest validation ' +
          'run; `ready`: how many issues can start now; `forecast`: the P85 end of the forecast (`runs past ' +
          '9999-12-31` for one the calendar cannot date: a badge always draws). The ETag ' +
          'follows the project and the query (`style`, `label`), and, for `goal`, its latest validation run; ' +
          'for `forecast`, its day 0.',
        examples: { params: { project: DEMO_PROJECT, badge: 'progress' } },
        params: BadgeParamsSchema,
        querystring: BadgeQuerySchema,
        response: {
          200: { description: 'The badge', content: { 'image/svg+xml': { schema: BadgeSvgSchema } } },
          304: NotModifiedSchema,
          ...problemResponses(400, 404, 412),
        },
      },
    },
    async (request, reply) => {
      const { project, badge } = request.params;
      const wanted = { kind: badge, style: request.query.style, label: request.query.label };
      const { etag, content } = await badges.content(project, wanted);
      reply
        .header('cache-control', 'no-cache')
        .header('content-security-policy', CONTENT_SECURITY_POLICY)
        .header('x-content-type-options', 'nosniff');
      if (notModified(request, reply, etag)) return reply.code(304).send();
      const svg = badges.render(content, wanted);
      return reply.header('content-type', 'image/svg+xml; charset=utf-8').send(svg);
    },
  );
};
