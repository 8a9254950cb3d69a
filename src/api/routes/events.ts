// GET /v1/projects/:project/events: the project's changes as server-sent events
// (https://html.spec.whatwg.org/multipage/server-sent-events.html), for dashboards
// that refresh when another client writes. Each write answers one `change` event
// whose data is `{ project, method, url }`; `issue.unblocked` (data `{ project, issue, title,
// finishedBlockers, at }`) says that an issue's last open blocker was finished, which GitHub itself never
// announces. A comment every 15 s keeps proxies from closing an idle stream (and makes a write to a dead
// client fail, which ends its stream). Streams end when the client leaves, the project is deleted or the
// app closes. Each holds a socket for as long as it lasts: a client (its token, or its address without
// one, as for rate limits) may hold a few, and the service a bounded number in all; past either, a 503
// problem with Retry-After.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { DomainError } from '../../domain/errors.js';
import { rateKeyOf } from '../plugins/rate-limit.js';
import { ON_DEMO } from '../reference-examples.js';
import { ProjectParamsSchema } from '../schemas/common.js';
import { problemResponses } from '../schemas/problem.js';

export const KEEP_ALIVE_MS = 15_000;
/** Open streams a client may hold (a few dashboard tabs), and the service in all. */
export const DEFAULT_STREAM_LIMITS: EventStreamLimits = { perClient: 8, total: 1000 };
/** When a refused client should try again. */
const STREAMS_RETRY_AFTER_SECONDS = 30;

export interface EventStreamLimits {
  perClient: number;
  total: number;
}

export class TooManyStreamsError extends DomainError {
  constructor(whose: 'client' | 'service', limit: number) {
    super({
      type: 'too-many-event-streams',
      title: 'Too many event streams',
      status: 503,
      detail:
        whose === 'client'
          ? `this client already holds ${limit} open event streams, the most one client may; close one first`
          : `the service holds ${limit} open event streams, the most it serves at once; try again later`,
      extensions: { limit, retryAfterSeconds: STREAMS_RETRY_AFTER_SECONDS },
    });
  }
}
/** The project itself (not one of its issues or edges): a DELETE there ends its streams. */
const PROJECT_PATH = /^\/v1\/projects\/[^/]+\/?$/;
/** How long a browser waits before it reconnects a dropped stream. */
const RETRY_MS = 3_000;

export interface EventsRouteOptions {
  keepAliveMs?: number;
  limits?: EventStreamLimits;
}

export const eventRoutes: FastifyPluginAsyncZod<EventsRouteOptions> = async (app, options) => {
  const keepAliveMs = options.keepAliveMs ?? KEEP_ALIVE_MS;
  const limits = options.limits ?? DEFAULT_STREAM_LIMITS;
  const open = new Set<() => void>();
  const openByClient = new Map<string, number>();

  // preClose, not onClose: the server waits for open connections before onClose runs.
  app.addHook('preClose', async () => {
    for (const end of [...open]) end();
  });

  app.get(
    '/v1/projects/:project/events',
    {
      config: { scope: 'read' },
      schema: {
        tags: ['projects'],
        operationId: 'streamProjectEvents',
        summary: "The project's changes as server-sent events (text/event-stream)",
        description:
          'Each successful write to the project sends `event: change` with data `{ project, method, url }`; ' +
          '`event: issue.unblocked`, with data `{ project, issue, title, finishedBlockers, at }`, says that the ' +
          'last open blocker of `issue` was finished (done or wont_do): `finishedBlockers` are the blockers ' +
          'whose finishing unblocked it. A comment every 15 s keeps the stream open, which ends when the ' +
          'project is deleted. An endless response: read it with EventSource or `curl -N` (Try it out waits ' +
          'for it to end).',
        examples: ON_DEMO,
        params: ProjectParamsSchema,
        response: {
          200: {
            description: 'An endless stream: `retry`, keep-alive comments and `change` events',
            content: { 'text/event-stream': { schema: z.string() } },
          },
          ...problemResponses(400, 404, 503),
        },
      },
    },
    async (request, reply) => {
      const { project } = request.params;
      await app.stores.projects.get(project); // NotFoundError (404) before the stream starts
      const headers = {
        'content-type': 'text/event-stream; charset=utf-8',
        'cache-control': 'no-cache, no-transform',
        'x-accel-buffering': 'no',
        'x-content-type-options': 'nosniff',
      };
      // HEAD (Fastify's automatic HEAD route runs this handler): a body-less stream would never send its
      // headers and hold the connection, a listener and a timer until the client gave up.
      if (request.method === 'HEAD') return reply.headers(headers).send('');

      const client = rateKeyOf(request, request.access.token?.id ?? null);
      const held = openByClient.get(client) ?? 0;
      if (held >= limits.perClient) throw new TooManyStreamsError('client', limits.perClient);
      if (open.size >= limits.total) throw new TooManyStreamsError('service', limits.total);
      openByClient.set(client, held + 1);

      reply.hijack();
      const res = reply.raw;
      res.writeHead(200, { ...headers, connection: 'keep-alive' });
      res.write(`retry: ${RETRY_MS}\n: connected\n\n`);

      const unsubscribe = app.events.subscribe(project, (event) => {
        const { type, ...data } = event;
        res.write(`event: ${type}\ndata: ${JSON.stringify(data)}\n\n`);
        // The project is gone: say so, then end (the browser's reconnect gets a 404 and stops).
        if (
          event.type === 'change' &&
          event.method === 'DELETE' &&
          PROJECT_PATH.test(event.url.split('?')[0] as string)
        )
          end();
      });
      const keepAlive = setInterval(() => res.write(': keep-alive\n\n'), keepAliveMs);
      keepAlive.unref();

      let ended = false;
      const end = () => {
        if (ended) return;
        ended = true;
        clearInterval(keepAlive);
        unsubscribe();
        open.delete(end);
        app.services.metrics.eventStreamClients.dec();
        const left = (openByClient.get(client) ?? 1) - 1;
        if (left === 0) openByClient.delete(client);
        else openByClient.set(client, left);
        res.end();
      };
      open.add(end);
      app.services.metrics.eventStreamClients.inc();
      request.raw.socket.on('close', end);
      res.on('close', end);
    },
  );
};
