// GET /metrics: the service's metrics and every project's gauges for Prometheus (prom-client's
// exposition). OpenMetrics 1.0.0 when the scraper's Accept names it (Prometheus does), else the
// Prometheus text format. The project gauges are brought up to date first, from cached figures
// (src/services/project-metrics.ts). A read: open while reads are public (the default); with
// ISOPLAN_PUBLIC_READ=0 the scraper sends a `read` token. It shows every project, so a token limited to one
// is refused; a scrape costs nothing of the rate limit (like the probes: monitoring is never throttled).
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { metricsFormatFor, metricsText, processMetrics } from '../../services/service-metrics.js';
import { MetricsTextSchema } from '../schemas/metrics.js';
import { problemResponses } from '../schemas/problem.js';

export const metricRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/metrics',
    {
      config: { scope: 'read', cost: 0, everyProject: true },
      schema: {
        tags: ['meta'],
        operationId: 'getMetrics',
        summary: 'Service and project metrics for Prometheus (text format or OpenMetrics)',
        description:
          "The service's metrics (HTTP requests by route pattern, event streams, the simulator's queue, " +
          "validation and CI check times, database-busy answers, the process) and each project's gauges " +
          'labelled by slug (issues and estimate by status, ready, blocked, critical path, progress, the ' +
          "latest validation's verdicts, violations and goal). OpenMetrics 1.0.0 when Accept names it.",
        response: {
          200: {
            description: "The service's metrics and each project's gauges, labelled by project slug",
            content: {
              'text/plain': { schema: MetricsTextSchema },
              'application/openmetrics-text': { schema: MetricsTextSchema },
            },
          },
          ...problemResponses(),
        },
      },
      logLevel: 'warn',
    },
    async (request, reply) => {
      await app.services.projectMetrics.refresh();
      const { contentType, text } = await metricsText(
        [processMetrics(), app.services.metrics.registry],
        metricsFormatFor(request.headers.accept),
      );
      return reply.header('content-type', contentType).header('cache-control', 'no-store').send(text);
    },
  );
};
