// Records every answered request into the service's metrics (app.services.metrics): a count and a duration
// by method, route pattern and status (the pattern, `/v1/projects/:project`, never the URL: one series per
// route, not per project or issue; `unmatched` for a URL no route serves), and each database-busy answer.
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { DatabaseBusyError } from '../../store/database-busy.js';

async function httpMetrics(app: FastifyInstance): Promise<void> {
  const { httpRequests, httpRequestDuration, databaseBusyErrors } = app.services.metrics;
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
  });
}

export default fp(httpMetrics, {
  name: 'isoplan-http-metrics',
  fastify: '5.x',
  dependencies: ['isoplan-services'],
});
