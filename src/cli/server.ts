// The server entry: logger, timeouts, the database (migrated, demo loaded), listen,
// and a graceful close (the app first, then the database it depends on).
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../api/app.js';
import type { Config } from '../config.js';
import { loadDemoIfEmpty } from '../store/demo.js';
import { openConfiguredDatabase } from './database.js';

export interface RunningServer {
  app: FastifyInstance;
  url: string;
  /** Closes the app (finishing in-flight requests), then the database. Idempotent. */
  close(): Promise<void>;
}

export async function startServer(config: Config): Promise<RunningServer> {
  // Before the database and the app: their queries and requests are traced from the first.
  const tracing =
    config.otlpEndpoint === undefined ? undefined : await (await import('./tracing.js')).startTracing();
  const database = await openConfiguredDatabase(config);
  let app: FastifyInstance;
  try {
    if (config.demo) await loadDemoIfEmpty(database.stores);
    app = await buildApp(
      config,
      { database },
      {
        logger: { level: config.logLevel },
        // Bounded waits: slow clients cannot hold sockets forever.
        connectionTimeout: 60_000,
        requestTimeout: 30_000,
        keepAliveTimeout: 5_000,
        return503OnClosing: true,
      },
    );
  } catch (error) {
    await database.close();
    await tracing?.shutdown();
    throw error;
  }
  // Whoever opens the database closes it, after the app has stopped using it; then the last spans go.
  app.addHook('onClose', async () => {
    await database.close();
    await tracing?.shutdown();
  });

  let url: string;
  try {
    url = await app.listen({ port: config.port, host: config.host });
  } catch (error) {
    await app.close();
    throw error;
  }
  app.log.info({ url, database: config.databasePath, demo: config.demo }, `isoplan listening on ${url}`);

  let closing: Promise<void> | undefined;
  return {
    app,
    url,
    close: () => {
      closing ??= app.close();
      return closing;
    },
  };
}
