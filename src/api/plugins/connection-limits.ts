// Caps on open connections, in all and per client address (a trusted proxy's only in all). A connection past a cap is still read, once:
// its first request is answered 503 `too-many-connections` (a problem, with Retry-After and
// `Connection: close`) instead of being dropped without a word, and it is cut soon after if it sends
// nothing. Far past the cap (a quarter more), Node itself refuses connections at accept
// (`server.maxConnections`), so a flood cannot even make the server parse.
import type { Socket } from 'node:net';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { DomainError } from '../../domain/errors.js';
import { clientAddress } from '../http/client-key.js';

export interface ConnectionLimitsOptions {
  maxConnections: number;
  maxConnectionsPerClient: number;
  /** Whether a socket address is a trusted proxy's: its connections carry many clients, and are capped only in all. */
  isTrustedProxy?: (address: string | undefined) => boolean;
  /** How long a refused connection may take to send the request it is answered on. */
  refusedLingerMs?: number;
}

export class TooManyConnectionsError extends DomainError {
  constructor(detail: string) {
    super({
      type: 'too-many-connections',
      title: 'Too many connections',
      status: 503,
      detail,
      extensions: { retryAfterSeconds: 1 },
    });
  }
}

const REFUSED = Symbol('isoplan.refusedConnection');
type TrackedSocket = Socket & { [REFUSED]?: string };

async function connectionLimits(app: FastifyInstance, options: ConnectionLimitsOptions): Promise<void> {
  const { maxConnections, maxConnectionsPerClient } = options;
  const refusedLingerMs = options.refusedLingerMs ?? 2000;
  const perClient = new Map<string, number>();
  let open = 0;

  app.server.maxConnections = maxConnections + Math.ceil(maxConnections / 4) + 16;
  const isTrustedProxy = options.isTrustedProxy ?? (() => false);
  app.server.on('connection', (socket: TrackedSocket) => {
    const address = clientAddress(socket);
    const mine = perClient.get(address) ?? 0;
    const refused =
      open >= maxConnections
        ? `the server has its ${maxConnections} connections open`
        : mine >= maxConnectionsPerClient && !isTrustedProxy(socket.remoteAddress)
          ? `this client already has ${maxConnectionsPerClient} connections open; reuse them (keep-alive)`
          : undefined;
    if (refused !== undefined) {
      socket[REFUSED] = refused;
      setTimeout(() => socket.destroy(), refusedLingerMs).unref();
      return;
    }
    open++;
    perClient.set(address, mine + 1);
    socket.once('close', () => {
      open--;
      const left = (perClient.get(address) ?? 1) - 1;
      if (left <= 0) perClient.delete(address);
      else perClient.set(address, left);
    });
  });

  app.addHook('onRequest', async (request, reply) => {
    const refused = (request.raw.socket as TrackedSocket | undefined)?.[REFUSED];
    if (refused === undefined) return;
    reply.header('connection', 'close');
    throw new TooManyConnectionsError(`${refused}; nothing was done`);
  });
}

export default fp(connectionLimits, { name: 'isoplan-connection-limits', fastify: '5.x' });
