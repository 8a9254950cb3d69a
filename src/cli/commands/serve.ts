// `isoplan serve`: the REST API, the API reference and the dashboard on HOST:PORT until SIGINT or SIGTERM.
import { Command } from '@commander-js/extra-typings';
import { type CommandFactory, EXIT } from '../command.js';

/** A close that takes longer than this (stuck requests) ends the process anyway. */
const CLOSE_GRACE_MS = 10_000;

export const serveCommand: CommandFactory = (cli) =>
  new Command('serve')
    .summary('serve the REST API, the API reference and the dashboard')
    .description(
      'Runs the service itself on this machine (--server and ISOPLAN_SERVER are not used). Listens on HOST:PORT (default 127.0.0.1:8080) with the database at DATABASE_URL (a SQLite ' +
        'file, default file:./data/isoplan.db, or postgresql://…), migrated on start; loads the demo project into ' +
        'an empty database unless ISOPLAN_DEMO=0. With PostgreSQL it also runs queued jobs unless ISOPLAN_JOBS=enqueue. ' +
        'Stops on SIGINT or SIGTERM. API reference: http://HOST:PORT/docs',
    )
    .action(
      cli.action(async (ctx) => {
        const config = await ctx.config();
        const { startServer } = await import('../server.js');
        const server = await startServer(config);

        await new Promise<void>((resolve) => {
          const stop = (signal: NodeJS.Signals) => {
            process.off('SIGINT', stop);
            process.off('SIGTERM', stop);
            server.app.log.info({ signal }, 'closing');
            const force = setTimeout(() => {
              server.app.log.error('close timed out; exiting');
              process.exit(EXIT.failure);
            }, CLOSE_GRACE_MS);
            force.unref();
            server.close().then(resolve, (error: unknown) => {
              server.app.log.error({ err: error }, 'close failed');
              resolve();
            });
          };
          process.once('SIGINT', stop);
          process.once('SIGTERM', stop);
        });
        return EXIT.ok;
      }),
    );
