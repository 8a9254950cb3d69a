// `isoplan serve`: the REST API, the API reference and the dashboard on HOST:PORT until SIGINT or SIGTERM.
// On the signal it stops accepting connections, answers requests that still arrive on open ones with a
// 503 problem, ends the event streams with a final event, lets in-flight requests (validations included)
// finish, closes the simulator's workers and the database, and exits 0; past ISOPLAN_SHUTDOWN_GRACE_MS it
// exits 1 anyway. With PostgreSQL's queue it stops taking jobs at once and hands back the ones it runs
// after half the grace (at most 5 s), whatever the requests do: another process runs them at once.
import { Command } from '@commander-js/extra-typings';
import { type CommandFactory, EXIT } from '../command.js';

export const serveCommand: CommandFactory = (cli) =>
  new Command('serve')
    .summary('serve the REST API, the API reference and the dashboard')
    .description(
      'Runs the service itself on this machine (--server and ISOPLAN_SERVER are not used). Listens on HOST:PORT (default 127.0.0.1:8080) with the database at DATABASE_URL (a SQLite ' +
        'file, default file:./data/isoplan.db, or postgresql://…), migrated on start; loads the demo project into ' +
        'an empty database unless ISOPLAN_DEMO=0. With PostgreSQL it also runs queued jobs unless ISOPLAN_JOBS=enqueue. ' +
        'Stops on SIGINT or SIGTERM, finishing in-flight requests within ISOPLAN_SHUTDOWN_GRACE_MS (default 10000); ' +
        'with PostgreSQL it takes no more jobs and hands back the ones it runs after half of that (5 s at most). ' +
        'API reference: http://HOST:PORT/docs',
    )
    .action(
      cli.action(async (ctx) => {
        const config = await ctx.config();
        const { startServer } = await import('../server.js');
        const server = await startServer(config);

        return new Promise<number>((resolve) => {
          const stop = (signal: NodeJS.Signals) => {
            process.off('SIGINT', stop);
            process.off('SIGTERM', stop);
            server.app.log.info({ signal }, 'closing');
            const force = setTimeout(() => {
              server.app.log.error({ graceMs: config.limits.shutdownGraceMs }, 'close timed out; exiting');
              // Requests may be cut, but the jobs running here go back to the queue first (their hand-back
              // began with the close, within half the grace; the database gets a few seconds more at most).
              void server.handOverJobs().finally(() => process.exit(EXIT.failure));
            }, config.limits.shutdownGraceMs);
            force.unref();
            server.close().then(
              () => {
                server.app.log.info('closed');
                resolve(EXIT.ok);
              },
              (error: unknown) => {
                server.app.log.error({ err: error }, 'close failed');
                resolve(EXIT.failure);
              },
            );
          };
          process.once('SIGINT', stop);
          process.once('SIGTERM', stop);
        });
      }),
    );
