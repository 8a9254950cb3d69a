// The whole isoplan API as one plugin tree, built by `isoplan serve` and by every
// API test. Registration order is fixed: infrastructure (zod compilers, error handler, shutdown and
// connection caps, request checks), decorators (stores, the event bus, services, HTTP metrics: they see every
// answer, the 401s, 403s and 429s of access included), access (rate limits, then auth, which looks tokens
// up through the services and sees every route registered after it), the OpenAPI document and docs, then
// routes.
import type { Server } from 'node:http';
import Fastify, { type FastifyHttpOptions, type FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import { type Config, DEFAULT_LIMITS, DEFAULT_RATE_LIMIT, type ServerLimits } from '../config.js';
import type { ServicesDeps } from '../services/services.js';
import { trustedProxies } from './http/trusted-proxies.js';
import auth from './plugins/auth.js';
import bodyCoding from './plugins/body-coding.js';
import connectionLimits from './plugins/connection-limits.js';
import errorHandler, { clientErrorHandler, frameworkErrors } from './plugins/error-handler.js';
import eventBus from './plugins/event-bus.js';
import httpMetrics from './plugins/http-metrics.js';
import jsonBody from './plugins/json-body.js';
import openapi from './plugins/openapi.js';
import rateLimit from './plugins/rate-limit.js';
import requestChecks from './plugins/request-checks.js';
import services from './plugins/services.js';
import shutdown from './plugins/shutdown.js';
import stallTimeout from './plugins/stall-timeout.js';
import stores, { type AppDatabase } from './plugins/stores.js';
import strictQuery from './plugins/strict-query.js';
import { routes } from './routes/index.js';

export type { AppDatabase } from './plugins/stores.js';

/**
 * The part of the configuration the app itself reads (the server entry reads the rest); public read is
 * on, the rate limit is the configuration's default and the caps are DEFAULT_LIMITS unless said.
 */
export type AppConfig = Pick<Config, 'apiToken'> &
  Partial<Pick<Config, 'publicRead' | 'rateLimit' | 'trustedProxies'>> & {
    /** Caps on connections and event streams (default: DEFAULT_LIMITS); the server entry sets the timeouts. */
    limits?: Partial<ServerLimits>;
  };

/** What the app is built over: the database, and whatever the services take besides the stores. */
export interface AppDeps extends Omit<ServicesDeps, 'stores'> {
  /** An open, migrated database; its owner closes it after the app. */
  database: AppDatabase;
}

export interface IsoplanOptions {
  config: AppConfig;
  deps: AppDeps;
}

async function isoplan(app: FastifyInstance, { config, deps }: IsoplanOptions): Promise<void> {
  const limits = { ...DEFAULT_LIMITS, ...config.limits };
  // Infrastructure. Refusals that do not depend on the request (shutting down, too many connections)
  // come first: their onRequest hooks run before any other.
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  await app.register(errorHandler);
  await app.register(shutdown);
  await app.register(connectionLimits, {
    maxConnections: limits.maxConnections,
    maxConnectionsPerClient: limits.maxConnectionsPerClient,
    isTrustedProxy: trustedProxies(config.trustedProxies ?? []),
  });
  await app.register(stallTimeout);
  await app.register(bodyCoding);
  await app.register(jsonBody);
  await app.register(strictQuery);
  // The body's depth, its text, the precondition headers and every part's schema: all refusals at once.
  await app.register(requestChecks);

  // Decorators.
  await app.register(stores, { database: deps.database });
  await app.register(eventBus);
  const { database: _database, ...serviceDeps } = deps;
  await app.register(services, serviceDeps);
  await app.register(httpMetrics);

  // Access, then the document of the routes it guards.
  const publicRead = config.publicRead ?? true;
  await app.register(rateLimit, { perMinute: config.rateLimit ?? DEFAULT_RATE_LIMIT });
  await app.register(auth, { apiToken: config.apiToken, publicRead });
  await app.register(openapi, { publicRead });

  // Routes.
  await app.register(
    fp(routes, {
      name: 'isoplan-routes',
      encapsulate: true,
      dependencies: [
        'isoplan-error-handler',
        'isoplan-rate-limit',
        'isoplan-auth',
        'isoplan-openapi',
        'isoplan-stores',
        'isoplan-services',
        'event-bus',
      ],
    }),
    {
      eventStreams: {
        limits: { perClient: limits.maxEventStreamsPerClient, total: limits.maxEventStreams },
      },
    },
  );
}

/** The app as a plugin, for embedding it in another Fastify instance. */
export const isoplanApp = fp(isoplan, { name: 'isoplan', fastify: '5.x' });

/**
 * Builds the app on a new Fastify instance. `server` carries what the server entry
 * decides (logger, timeouts); tests pass nothing. Routes may still be added before
 * the first `inject`/`listen`/`ready`.
 */
export async function buildApp(
  config: AppConfig,
  deps: AppDeps,
  server: FastifyHttpOptions<Server> = {},
): Promise<FastifyInstance> {
  const app = Fastify({
    logger: false,
    frameworkErrors,
    clientErrorHandler,
    // The shutdown plugin answers requests that arrive while closing, as problems.
    return503OnClosing: false,
    // Behind trusted proxies, request.ip is the client they forward (X-Forwarded-For); the same check as
    // the connection caps'.
    trustProxy: config.trustedProxies?.length ? trustedProxies(config.trustedProxies) : false,
    ...server,
  });
  await app.register(isoplanApp, { config, deps });
  return app;
}

export type { FastifyInstance };
