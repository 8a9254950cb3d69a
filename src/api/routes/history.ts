// The audit trail of a project, newest first, page by page.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { inRequest, withRequestPaths } from '../http/request-paths.js';
import { DEMO_ISSUE, ON_DEMO } from '../reference-examples.js';
import { ProjectParamsSchema } from '../schemas/common.js';
import { HistoryPageSchema, HistoryQuerySchema, toAuditEventResponse } from '../schemas/history.js';
import { problemResponses } from '../schemas/problem.js';

export const historyRoutes: FastifyPluginAsyncZod = async (app) => {
  const { audit } = app.stores;

  app.get(
    '/v1/projects/:project/history',
    {
      config: { scope: 'read' },
      schema: {
        tags: ['history'],
        operationId: 'listHistory',
        summary: 'Audit events of the project: actor, action, before, after, time',
        description:
          'Newest first, page by page. Each write leaves one event: who (`X-Actor`, else the token’s name or ' +
          '`anonymous`), what (`issue.update`, `dependency.add`, …), on what (`target`), and the state before ' +
          "and after. With `issue`, only that issue's events: its own and those of its dependencies.",
        examples: { ...ON_DEMO, querystring: { issue: DEMO_ISSUE } },
        params: ProjectParamsSchema,
        querystring: HistoryQuerySchema,
        response: { 200: HistoryPageSchema, ...problemResponses(400, 404) },
      },
    },
    async (request) => {
      const { issue, ...page } = request.query;
      const events = await withRequestPaths(inRequest('querystring'), () =>
        audit.list(request.params.project, page, { issue }),
      );
      return { items: events.items.map(toAuditEventResponse), nextCursor: events.nextCursor };
    },
  );
};
