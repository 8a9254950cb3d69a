// Records every answered request into the service's metrics (app.services.metrics): a count and a duration
// by method, route pattern and status (the pattern, `/v1/projects/:project`, never the URL: one series per
// route, not per project or issue; `unmatched` for a URL no route serves), each database-busy answer, and
// each refusal for want of capacity (REFUSAL_STATUSES) by problem type. What the HTTP parser refuses never
// reaches a route: error-handler.ts's clientErrorHandler counts it. A route that takes the reply over
// (reply.hijack: an event stream) counts itself once, when its answer starts (countRequest); Fastify still
// runs onResponse when the server ends such a reply (res.end: its project deleted, a shutdown), and the
// hook leaves a request counted so alone.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { DomainError } from '../../domain/errors.js';
import type { ServiceMetrics } from '../../services/service-metrics.js';
import { DatabaseBusyError } from '../../store/database-busy.js';

/** Problems that refuse a request for want of capacity: a share (429), a cap or a queue (503), the disk (507). */
const REFUSAL_STATUSES = new Set([429, 503, 507]);

/** Requests counted by their route (countRequest): onResponse does not count them again. */
const countedByRoute = new WeakSet<FastifyRequest>();

/** Counts one answered request, with its duration, by method, route pattern and status. */
export function countRequest(
  metrics: Pick<ServiceMetrics, 'httpRequests' | 'httpRequestDuration'>,
  request: FastifyRequest,
  statusCode: number,
  seconds: number,
): void {
  const labels = {
    method: request.method,
    route: request.routeOptions.url ?? 'unmatched',
    status_code: statusCode,
  };
  metrics.httpRequests.inc(labels);
  metrics.httpRequestDuration.observe(labels, seconds);
  countedByRoute.add(request);
}

async function httpMetrics(app: FastifyInstance): Promise<void> {
  const { metrics } = app.services;
  const { databaseBusyErrors, refusals } = metrics;
  app.addHook('onResponse', async (request, reply) => {
    if (countedByRoute.has(request)) return;
    countRequest(metrics, request, reply.statusCode, reply.elapsedTime / 1000);
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
