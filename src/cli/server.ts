// The server entry: logger, timeouts, the database (migrated, demo loaded), listen,
// and a graceful close (the app first, then the database it depends on).
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../api/app.js';
import { type Config, describeDatabase } from '../config.js';
import { githubClientFromConfig } from '../integrations/github/github-client.js';
import { createWebhookVerifier } from '../integrations/github/webhooks.js';
import { loadDemoIfEmpty } from '../store/demo.js';
import type { JobQueue } from '../store/job-queue.js';
import { openConfiguredDatabase } from './database.js';
import { openJobQueue } from './job-queue.js';

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
  // Errors of the change feed and the queue go to the app's log once there is one.
  let logError = (error: unknown, message: string) => console.error(message, error);
  const database = await openConfiguredDatabase(config, (error) => logError(error, 'change feed error'));
  let app: FastifyInstance;
  let jobs: JobQueue | undefined;
  try {
    if (config.demo) await loadDemoIfEmpty(database.stores);
    // The GitHub client reports rate-limit waits to the app's log, which exists once the app does.
    let log: FastifyInstance['log'] | undefined;
    const github = githubClientFromConfig(config.github, { warn: (message) => log?.warn(message) });
    const { webhookSecret } = config.github;
    jobs = await openJobQueue(config, database, (error) => logError(error, 'job queue error'));
    app = await buildApp(
      config,
      {
        database,
        jobs,
        github,
        ...(webhookSecret === undefined ? {} : { webhookVerifier: createWebhookVerifier(webhookSecret) }),
      },
      {
        logger: { level: config.logLevel },
        // Bounded waits: slow clients cannot hold sockets forever.
        connectionTimeout: 60_000,
        requestTimeout: 30_000,
        keepAliveTimeout: 5_000,
        return503OnClosing: true,
      },
    );
    log = app.log;
  } catch (error) {
    await jobs?.close();
    await database.close();
    await tracing?.shutdown();
    throw error;
  }
  logError = (error, message) => app.log.error({ err: error }, message);
  // Whoever opens the database and the queue closes them, after the app has stopped using them; then the
  // last spans go.
  app.addHook('onClose', async () => {
    await jobs?.close();
    await database.close();
    await tracing?.shutdown();
  });
  // With PostgreSQL, a replica takes jobs from the queue too unless ISOPLAN_JOBS=enqueue.
  if (jobs !== undefined && config.jobs === 'work') await app.services.workJobs();

  let url: string;
  try {
    url = await app.listen({ port: config.port, host: config.host });
  } catch (error) {
    await app.close();
    throw error;
  }
  app.log.info({ url, database: describeDatabase(config), demo: config.demo }, `isoplan listening on ${url}`);

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
