// Probes: liveness (the process answers) and readiness (the database answers
// and every migration is applied).
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { DomainError } from '../../domain/errors.js';
import { HealthSchema, ReadySchema } from '../schemas/health.js';
import { problemResponses } from '../schemas/problem.js';

export class NotReadyError extends DomainError {
  constructor(detail: string) {
    super({ type: 'not-ready', title: 'Not ready', status: 503, detail });
  }
}

export const healthRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/healthz',
    {
      schema: {
        tags: ['meta'],
        operationId: 'getLiveness',
        summary: 'Liveness: the process answers',
        description: 'Always `{ "status": "ok" }` while the process serves requests; reads nothing else.',
        response: { 200: HealthSchema, ...problemResponses() },
      },
      logLevel: 'warn',
    },
    async () => ({ status: 'ok' as const }),
  );

  app.get(
    '/readyz',
    {
      schema: {
        tags: ['meta'],
        operationId: 'getReadiness',
        summary: 'Readiness: the database answers and every migration is applied',
        description:
          'A 503 `not-ready` problem while the database does not answer or a migration is pending; load ' +
          'balancers send traffic only to a ready replica.',
        response: { 200: ReadySchema, ...problemResponses(503) },
      },
      logLevel: 'warn',
    },
    async (request) => {
      let status: { applied: string[]; pending: string[] };
      try {
        await app.database.ping();
        status = await app.database.migrationStatus();
      } catch (error) {
        request.log.warn({ err: error }, 'readiness check failed');
        throw new NotReadyError('the database does not answer');
      }
      if (status.pending.length > 0) {
        throw new NotReadyError(`migrations not applied: ${status.pending.join(', ')}`);
      }
      return { status: 'ready' as const, migrations: { applied: status.applied.length } };
    },
  );
};
