// `isoplan worker`: takes validations and CI checks from PostgreSQL's job queue and runs them, until
// SIGINT or SIGTERM (it then finishes the job in hand, for 5 s at most; a job it leaves unfinished is
// handed back and runs again elsewhere a second later). Logs JSON lines on standard output, as `serve` does.
import { Command } from '@commander-js/extra-typings';
import { type CommandFactory, EXIT, UsageError } from '../command.js';

export const workerCommand: CommandFactory = (cli) =>
  new Command('worker')
    .summary("run queued jobs (validations, CI checks) from PostgreSQL's job queue")
    .description(
      'Needs DATABASE_URL=postgresql://… (with SQLite, jobs run in the service process). Any number of ' +
        'workers and replicas may share the queue; a job whose worker dies runs again after ' +
        'ISOPLAN_JOB_EXPIRE_SECONDS (default 120). Stops on SIGINT or SIGTERM: a job still running 5 s later ' +
        'is handed back, and another worker or replica runs it at once.',
    )
    .action(
      cli.action(async (ctx) => {
        const config = await ctx.config();
        if (config.databasePath !== null) {
          throw new UsageError(
            'isoplan worker needs a PostgreSQL database (DATABASE_URL=postgresql://…): with SQLite, jobs run in the service process',
          );
        }
        const [{ openConfiguredDatabase }, { openJobQueue }, { createServices }] = await Promise.all([
          import('../database.js'),
          import('../job-queue.js'),
          import('../../services/services.js'),
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
        try {
          await services.workJobs();
          log('info', 'isoplan worker ready');
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
          await jobs?.close();
          await services.close();
          await database.close();
        }
        return EXIT.ok;
      }),
    );
