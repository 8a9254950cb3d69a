// GET /v1/projects/:project/events: the project's changes as server-sent events
// (https://html.spec.whatwg.org/multipage/server-sent-events.html), for dashboards
// that refresh when another client writes. Each write answers one `change` event
// whose data is `{ project, method, url }`; `issue.unblocked` (data `{ project, issue, title,
// finishedBlockers, at }`) says that an issue's last open blocker was finished, which GitHub itself never
// announces. A comment every 15 s keeps proxies from closing an idle stream and finds clients that stopped
// reading: a stream whose unsent output has not shrunk since the last ping, or has grown past
// STREAM_BUFFER_LIMIT, is ended (its client is gone or stuck; a live browser reconnects). Streams end when
// the client leaves, the project is deleted, its token is revoked or expires (found at the next ping; or
// the token could not be looked up for a minute) or the app closes (then after a final `shutdown` event).
// Each holds a socket for as long as it lasts: a client (clientKey: its token, or its address without
// one) may hold a few (ISOPLAN_MAX_EVENT_STREAMS_PER_CLIENT), and the service a bounded number in all
// (ISOPLAN_MAX_EVENT_STREAMS); past either, a 503 problem with Retry-After.
import type { ServerResponse } from 'node:http';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { DomainError } from '../../domain/errors.js';
import { clientKey } from '../http/client-key.js';
import { countRequest } from '../plugins/http-metrics.js';
import { ON_DEMO } from '../reference-examples.js';
import { ProjectParamsSchema } from '../schemas/common.js';
import { problemResponses } from '../schemas/problem.js';

export const KEEP_ALIVE_MS = 15_000;
/** Token lookups in a row that may fail (or go unanswered) before a stream ends: a minute of pings. */
const MISSED_CHECKS_LIMIT = 4;
/** When a refused client should try again. */
const STREAMS_RETRY_AFTER_SECONDS = 30;

/** Open streams a client may hold (a few dashboard tabs), and the service in all. */
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
/** Output a stream may have waiting for its client (above what the kernel took) before it is ended. */
export const STREAM_BUFFER_LIMIT = 256 * 1024;

export interface EventsRouteOptions {
  keepAliveMs?: number;
  /** Open streams per client and in all (config.ts has the defaults: ISOPLAN_MAX_EVENT_STREAMS…). */
  limits: EventStreamLimits;
}

export const eventRoutes: FastifyPluginAsyncZod<EventsRouteOptions> = async (app, options) => {
  const keepAliveMs = options.keepAliveMs ?? KEEP_ALIVE_MS;
  const { limits } = options;
  /** Each open stream's end. */
  const open = new Set<(how: Ending) => void>();
  const openByClient = new Map<string, number>();
  /**
   * Each open stream's ping, all run by one timer: the streams opened with one token then ask for it in
   * the same turn and share one lookup (auth.ts), where a timer per stream made a lookup per stream every
   * 15 s (a wall of dashboards on one read token: a thousand lookups where one does).
   */
  const pings = new Set<() => Promise<void>>();
  /** Runs while a stream is open. */
  let ticker: NodeJS.Timeout | undefined;
  const addPing = (ping: () => Promise<void>) => {
    pings.add(ping);
    ticker ??= setInterval(() => {
      for (const each of pings) void each();
    }, keepAliveMs).unref();
  };
  const removePing = (ping: () => Promise<void>) => {
    pings.delete(ping);
    if (pings.size === 0) {
      clearInterval(ticker);
      ticker = undefined;
    }
  };

  // preClose, not onClose: the server waits for open connections before onClose runs.
  app.addHook('preClose', async () => {
    for (const end of [...open]) end('shutdown');
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
          'Each successful write to the project sends `event: change` with data `{ project, method, url }`, ' +
          'and `{ project, missed: true }` when the project may have changed unannounced: read it again (this ' +
          'replica lost its connection to PostgreSQL and has it again, or the CLI wrote to the database ' +
          'directly); ' +
          '`event: issue.unblocked`, with data `{ project, issue, title, finishedBlockers, at }`, says that the ' +
          'last open blocker of `issue` was finished (done or wont_do): `finishedBlockers` are the blockers ' +
          'whose finishing unblocked it. A comment every 15 s keeps the stream open, which ends when the ' +
          'project is deleted or, at the next comment, once the token it was opened with is revoked or ' +
          'expired; when the server shuts down, `event: shutdown` ends it (reconnect after `retry`). ' +
          'Open streams are capped in all and per client (503 `too-many-event-streams` past a cap). An endless ' +
          'response: read it with EventSource or `curl -N` (Try it out waits for it to end).',
        examples: ON_DEMO,
        params: ProjectParamsSchema,
        response: {
          200: {
            description:
              'An endless stream: `retry`, keep-alive comments, `change`, `issue.unblocked` and `shutdown` events',
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

      const client = clientKey(request);
      const held = openByClient.get(client) ?? 0;
      if (held >= limits.perClient) throw new TooManyStreamsError('client', limits.perClient);
      if (open.size >= limits.total) throw new TooManyStreamsError('service', limits.total);
      openByClient.set(client, held + 1);

      reply.hijack();
      const res = reply.raw;
      res.writeHead(200, { ...headers, connection: 'keep-alive' });
      res.write(`retry: ${RETRY_MS}\n: connected\n\n`);
      // Past onResponse once hijacked: counted here, once, as it opens (its duration: until it opened).
      countRequest(app.services.metrics, request, 200, reply.elapsedTime / 1000);

      /** Writes `text`, unless the client has stopped reading: then the stream ends. */
      const send = (text: string) => {
        if (res.writableLength > STREAM_BUFFER_LIMIT) end('stuck');
        else res.write(text);
      };
      const unsubscribe = app.events.subscribe(project, (event) => {
        const { type, ...data } = event;
        send(`event: ${type}\ndata: ${JSON.stringify(data)}\n\n`);
        // The project is gone: say so, then end (the browser's reconnect gets a 404 and stops).
        if (
          event.type === 'change' &&
          'method' in event &&
          event.method === 'DELETE' &&
          PROJECT_PATH.test(event.url.split('?')[0] as string)
        )
          end('done');
      });
      let waitingAtLastPing = 0;
      // The token is looked up again at each ping, one lookup at a time: with the database slow, each ping
      // would add another for every stream. A lookup that fails, or is still unanswered at the next ping,
      // is forgiven (a blip must not end every dashboard's stream at once) until MISSED_CHECKS_LIMIT in a
      // row: a revoked token must not keep its stream because the database cannot say so.
      let checking = false;
      let missedChecks = 0;
      const ping = async () => {
        // Output still waiting since the last ping, none of it taken since: nobody is reading.
        if (waitingAtLastPing > 0 && res.writableLength >= waitingAtLastPing) return end('stuck');
        if (checking) {
          if (++missedChecks >= MISSED_CHECKS_LIMIT) end('done');
          return;
        }
        checking = true;
        const granted = await request.access.stillGranted().then(
          (granted) => {
            missedChecks = 0;
            return granted;
          },
          () => ++missedChecks < MISSED_CHECKS_LIMIT,
        );
        checking = false;
        // Revoked or expired since the stream opened (or not to be checked): the client's reconnect is
        // authenticated afresh (a 401 for a revoked token).
        if (!granted) return end('done');
        if (ended) return;
        send(': keep-alive\n\n');
        waitingAtLastPing = res.writableLength;
      };
      addPing(ping);

      let ended = false;
      const end = (how: Ending) => {
        if (ended) return;
        ended = true;
        removePing(ping);
        unsubscribe();
        open.delete(end);
        app.services.metrics.eventStreamClients.dec();
        app.services.metrics.eventStreamsEnded.inc({ reason: how });
        const left = (openByClient.get(client) ?? 1) - 1;
        if (left === 0) openByClient.delete(client);
        else openByClient.set(client, left);
        finish(res, how);
      };
      open.add(end);
      app.services.metrics.eventStreamClients.inc();
      request.raw.socket.on('close', () => end('done'));
      res.on('close', () => end('done'));
    },
  );
};

/**
 * Why a stream ends: `done` (the client left, the project was deleted), `shutdown` (the server closes:
 * a final event first), `stuck` (the client stopped reading: what waits for it is dropped at once).
 */
type Ending = 'done' | 'shutdown' | 'stuck';

/** How long a closing server lets a stream's client read the final event. */
const SHUTDOWN_LINGER_MS = 1000;

function finish(res: ServerResponse, how: Ending): void {
  if (res.destroyed) return;
  if (how === 'stuck') {
    res.destroy();
    return;
  }
  if (how === 'shutdown') {
    res.write('event: shutdown\ndata: {"reason":"the server is shutting down"}\n\n');
    setTimeout(() => res.destroy(), SHUTDOWN_LINGER_MS).unref();
  }
  res.end();
}
