// Records every answered request into the service's metrics (app.services.metrics): a count and a duration
// by method, route pattern and status (the pattern, `/v1/projects/:project`, never the URL: one series per
// route, not per project or issue; `unmatched` for a URL no route serves), each database-busy answer, and
// each refusal for want of capacity (REFUSAL_STATUSES) by problem type. What the HTTP parser refuses never
// reaches a route: error-handler.ts's clientErrorHandler counts it.
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { DomainError } from '../../domain/errors.js';
import { DatabaseBusyError } from '../../store/database-busy.js';

/** Problems that refuse a request for want of capacity: a share (429), a cap or a queue (503), the disk (507). */
const REFUSAL_STATUSES = new Set([429, 503, 507]);

async function httpMetrics(app: FastifyInstance): Promise<void> {
  const { httpRequests, httpRequestDuration, databaseBusyErrors, refusals } = app.services.metrics;
  app.addHook('onResponse', async (request, reply) => {
    const labels = {
      method: request.method,
      route: request.routeOptions.url ?? 'unmatched',
      status_code: reply.statusCode,
    };
    httpRequests.inc(labels);
    httpRequestDuration.observe(labels, reply.elapsedTime / 1000);
  });
  app.addHook('onError', async (_request, _reply, error) => {
    if (error instanceof DatabaseBusyError) databaseBusyErrors.inc();
    if (error instanceof DomainError && REFUSAL_STATUSES.has(error.status)) {
      refusals.inc({ type: error.type, status_code: error.status });
    }
  });
}

export default fp(httpMetrics, {
  name: 'isoplan-http-metrics',
  fastify: '5.x',
  dependencies: ['isoplan-services'],
});
