// `isoplan worker`: takes validations and CI checks from PostgreSQL's job queue and runs them, until
// SIGINT or SIGTERM (it then finishes the job in hand, for 5 s at most; a job it leaves unfinished is
// handed back and runs again elsewhere a second later). Logs JSON lines on standard output, as `serve` does.
// With --metrics-port (ISOPLAN_WORKER_METRICS_PORT) it serves /metrics, /healthz and /readyz for monitoring
// (worker-metrics-server.ts): the validations it computes are measured there, not on the replicas.
import { Command, InvalidArgumentError } from '@commander-js/extra-typings';
import { type CommandFactory, EXIT, UsageError, wholeNumber } from '../command.js';

function portOption(text: string): number {
  const port = wholeNumber(text);
  if (port > 65535) throw new InvalidArgumentError('must be between 0 and 65535');
  return port;
}

export const workerCommand: CommandFactory = (cli) =>
  new Command('worker')
    .summary("run queued jobs (validations, CI checks) from PostgreSQL's job queue")
    .description(
      'Needs DATABASE_URL=postgresql://… (with SQLite, jobs run in the service process). Any number of ' +
        'workers and replicas may share the queue; a job whose worker dies runs again after ' +
        'ISOPLAN_JOB_EXPIRE_SECONDS (default 120). Stops on SIGINT or SIGTERM: a job still running 5 s later ' +
        'is handed back without spending one of its attempts, and another worker or replica runs it a second ' +
        'later. With --metrics-port (or ISOPLAN_WORKER_METRICS_PORT) it serves, on HOST (default 127.0.0.1) at that port, GET /metrics ' +
        "(Prometheus: the replicas' metric names for what it computes, e.g. isoplan_validation_duration_seconds, " +
        'and its process), GET /healthz (liveness) and GET /readyz (the job queue answers); without it, none.',
    )
    .option(
      '--metrics-port <port>',
      'serve /metrics, /healthz and /readyz on this port (0: any free one, logged); overrides ISOPLAN_WORKER_METRICS_PORT',
      portOption,
    )
    .action(
      cli.action(async (ctx, options) => {
        const config = await ctx.config();
        if (config.databasePath !== null) {
          throw new UsageError(
            'isoplan worker needs a PostgreSQL database (DATABASE_URL=postgresql://…): with SQLite, jobs run in the service process',
          );
        }
        const metricsPort = options.metricsPort ?? config.workerMetricsPort;
        const [
          { openConfiguredDatabase },
          { openJobQueue },
          { createServices },
          { startWorkerMetricsServer },
        ] = await Promise.all([
          import('../database.js'),
          import('../job-queue.js'),
          import('../../services/services.js'),
          import('../worker-metrics-server.js'),
        ]);
        const log = (level: 'info' | 'error', msg: string, extra: Record<string, unknown> = {}) => {
          if (config.logLevel === 'silent') return;
          ctx.io.stdout.write(
            `${JSON.stringify({ level, time: Date.now(), pid: process.pid, msg, ...extra })}\n`,
          );
        };
        const onError = (what: string) => (error: unknown) => log('error', what, { err: String(error) });
        const database = await openConfiguredDatabase(config, {
          create: true,
          onFeedError: onError('change feed error'),
        });
        const jobs = await openJobQueue(config, database, onError('job queue error'));
        const services = createServices({ stores: database.stores, jobs });
        let metrics: Awaited<ReturnType<typeof startWorkerMetricsServer>> | undefined;
        try {
          await services.workJobs();
          if (metricsPort !== undefined && jobs !== undefined) {
            metrics = await startWorkerMetricsServer({
              host: config.host,
              port: metricsPort,
              registry: services.metrics.registry,
              jobs,
              onError: onError('metrics endpoint error'),
            });
          }
          log(
            'info',
            'isoplan worker ready',
            metrics === undefined ? {} : { metrics: `${metrics.url}/metrics` },
          );
          await new Promise<void>((resolve) => {
            const stop = (signal: NodeJS.Signals) => {
              process.off('SIGINT', stop);
              process.off('SIGTERM', stop);
              log('info', 'closing', { signal });
              resolve();
            };
            process.once('SIGINT', stop);
            process.once('SIGTERM', stop);
          });
        } finally {
          await metrics?.close();
          await jobs?.close();
          await services.close();
          await database.close();
        }
        return EXIT.ok;
      }),
    );
