// The server entry: logger, timeouts, the database (migrated, demo loaded), listen,
// and a graceful close (the app first, then the database it depends on).
import type { Server } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import type { FastifyHttpOptions, FastifyInstance } from 'fastify';
import { buildApp } from '../api/app.js';
import { type Config, describeDatabase, type ServerLimits } from '../config.js';
import { githubClientFromConfig } from '../integrations/github/github-client.js';
import { createWebhookVerifier } from '../integrations/github/webhooks.js';
import { loadDemoIfEmpty } from '../store/demo.js';
import { HAND_BACK_WITHIN_MS, type JobQueue } from '../store/job-queue.js';
import { openConfiguredDatabase } from './database.js';
import { openJobQueue } from './job-queue.js';

export interface RunningServer {
  app: FastifyInstance;
  url: string;
  /**
   * Closes the app (finishing in-flight requests), then the database; meanwhile, whatever the requests do,
   * hands back the jobs this process runs (handOverJobs). Idempotent.
   */
  close(): Promise<void>;
  /**
   * Stops taking jobs and hands back the ones running here once they have had half the shutdown grace (at
   * most 5 s) to finish, so that another replica or worker runs them at once rather than after their expiry
   * (minutes). Started by close(); a stop that cannot wait for the requests awaits it before it exits.
   * Never rejects; answers within 5 s more even when the database does not.
   */
  handOverJobs(): Promise<void>;
}

/** How long a stopping replica's jobs may still finish here: within the grace, at most a worker's 5 s. */
export function handBackWithinMs(shutdownGraceMs: number): number {
  return Math.min(HAND_BACK_WITHIN_MS, Math.floor(shutdownGraceMs / 2));
}

/**
 * Bounded waits, so that slow clients cannot hold sockets forever. Node checks the request and header
 * timeouts only every `connectionsCheckingInterval` (30 s by default, which let a body trickling at
 * 1 byte/s run to 89 s against a 30 s timeout): checking every tenth of the shorter timeout (at most once
 * a second) cuts a request within a second of its limit, with a 408 problem.
 */
export function serverTimeouts(limits: ServerLimits): FastifyHttpOptions<Server> {
  const check = Math.max(50, Math.min(1000, Math.floor(limits.headersTimeoutMs / 10)));
  return {
    requestTimeout: limits.requestTimeoutMs,
    keepAliveTimeout: limits.idleTimeoutMs,
    connectionTimeout: limits.stallTimeoutMs,
    http: { headersTimeout: limits.headersTimeoutMs, connectionsCheckingInterval: check },
  };
}

export async function startServer(config: Config): Promise<RunningServer> {
  // Before the database and the app: their queries and requests are traced from the first.
  const tracing =
    config.otlpEndpoint === undefined ? undefined : await (await import('./tracing.js')).startTracing();
  // Errors of the change feed and the queue go to the app's log once there is one.
  let logError = (error: unknown, message: string) => console.error(message, error);
  const database = await openConfiguredDatabase(config, {
    create: true,
    onFeedError: (error) => logError(error, 'change feed error'),
  });
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
        simLimits: config.sim,
        ...(webhookSecret === undefined ? {} : { webhookVerifier: createWebhookVerifier(webhookSecret) }),
      },
      { logger: { level: config.logLevel }, ...serverTimeouts(config.limits) },
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
  let handingOver: Promise<void> | undefined;
  const handOverJobs = () => {
    if (jobs === undefined) return Promise.resolve();
    const withinMs = handBackWithinMs(config.limits.shutdownGraceMs);
    handingOver ??= Promise.race([
      jobs
        .handBack(withinMs)
        .catch((error: unknown) => app.log.error({ err: error }, 'job hand-back failed')),
      sleep(withinMs + HAND_BACK_WITHIN_MS, undefined, { ref: false }),
    ]).then(() => {});
    return handingOver;
  };
  return {
    app,
    url,
    handOverJobs,
    close: () => {
      // The jobs are handed back beside the requests, not after them: requests that outlast the grace
      // must not keep a job this process will never finish from the other processes until it expires.
      closing ??= Promise.all([handOverJobs(), app.close()]).then(() => {});
      return closing;
    },
  };
}
