// Probes: liveness (the process answers) and readiness (nothing the engine knows is wrong with the
// database: its file is still the one opened, it is not read-only; the database answers, every migration
// is applied, the job queue answers). Both answer at once while another process holds the database's write
// lock: they read on a reader connection, and readiness then says "degraded" (it serves reads; writes
// wait) rather than failing, which would take a replica that still serves reads out of rotation.
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
      config: { scope: 'public', cost: 0 },
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
      config: { scope: 'public', cost: 0 },
      schema: {
        tags: ['meta'],
        operationId: 'getReadiness',
        summary:
          'Readiness: the database can be worked on, every migration is applied, and the job queue answers',
        description:
          'A 503 `not-ready` problem saying why while the SQLite file is gone or was replaced since the ' +
          'service opened it, the database is read-only (a write found it so in the last 30 s), the database ' +
          'does not answer, a migration is pending or the job queue does not answer; load balancers send ' +
          "traffic only to a ready replica. While writes wait in vain for another process's lock, (PostgreSQL) " +
          'no process takes queued jobs (`queue.workers` is 0: validations and CI checks would wait), or a newer ' +
          'build has migrated the database since this process started (it would refuse to start again), still ' +
          '200 with `status: degraded` and a `detail`.',
        response: { 200: ReadySchema, ...problemResponses(503) },
      },
      logLevel: 'warn',
    },
    async (request) => {
      const fault = app.database.status?.().fault ?? null;
      if (fault !== null) {
        request.log.warn({ detail: fault }, 'not ready');
        throw new NotReadyError(fault);
      }
      let status: Awaited<ReturnType<typeof app.database.migrationStatus>>;
      try {
        [, status] = await Promise.all([app.database.ping(), app.database.migrationStatus()]);
      } catch (error) {
        request.log.warn({ err: error }, 'readiness check failed');
        throw new NotReadyError('the database does not answer');
      }
      if (status.pending.length > 0) {
        throw new NotReadyError(`migrations not applied: ${status.pending.join(', ')}`);
      }
      const queue = await app.services.jobs.status();
      if (!queue.ready) throw new NotReadyError(queue.detail ?? 'the job queue does not answer');
      const busy = app.database.status?.().busy ?? false;
      // Reads and writes are served; validations and CI checks wait for a worker that is not there.
      const idle = queue.workers === 0;
      const detail = [
        ...(busy ? ['database busy (another process holds the write lock)'] : []),
        ...(idle ? ['no process takes queued jobs (start `isoplan worker`)'] : []),
        // A newer build migrated the database under this process (a rolling upgrade): it serves on until
        // replaced, but would refuse to start again.
        ...(status.unknown?.length
          ? [
              `a newer build migrated the database (${status.unknown.join(', ')}): replace this process with it`,
            ]
          : []),
      ];
      return {
        status: detail.length > 0 ? ('degraded' as const) : ('ready' as const),
        ...(detail.length > 0 ? { detail: `degraded: ${detail.join('; ')}` } : {}),
        migrations: { applied: status.applied.length },
        database: { engine: app.database.kind ?? 'sqlite', busy },
        queue: {
          kind: queue.kind,
          ready: queue.ready,
          ...(queue.workers === undefined ? {} : { workers: queue.workers }),
        },
      };
    },
  );
};
