// `isoplan serve`: the REST API on HOST:PORT until SIGINT or SIGTERM.
import { loadConfig } from '../config.js';
import { defineCommand, EXIT } from './command.js';

/** A close that takes longer than this (stuck requests) ends the process anyway. */
const CLOSE_GRACE_MS = 10_000;

export const serveCommand = defineCommand({
  name: 'serve',
  summary: 'Serve the REST API (migrates the database and loads the demo on first start)',
  usage: 'serve',
  details:
    'Listens on HOST:PORT (default 127.0.0.1:8080) with the SQLite database at DATABASE_URL\n' +
    '(default file:./data/isoplan.db). ISOPLAN_DEMO=0 skips the demo project. Stops on SIGINT or SIGTERM.\n' +
    'API reference: http://HOST:PORT/docs',
  options: {},
  async run(_input, io) {
    const config = loadConfig(io.env, io.cwd);
    const { startServer } = await import('./server.js');
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
  },
});
