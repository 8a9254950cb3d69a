// The stall timeout (the server's connectionTimeout, ISOPLAN_STALL_TIMEOUT_MS) closes a connection on which
// nothing moves: a client that stops sending its request or stops reading the answer. Node counts every
// silence, the server's own too, so a request whose handling outlasted it (a validation waiting for a
// worker on PostgreSQL, a GitHub sync of a large tree, a forecast on a busy pool) was cut without a byte
// of answer. The timer is therefore held once the request has arrived (its body read) and set again as
// the answer starts: the client's silences are still bounded, the server's work by its own deadlines.
// Event streams take over their connection and find a client that stopped reading by their pings.
import type { Socket } from 'node:net';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';

async function stallTimeout(app: FastifyInstance): Promise<void> {
  /** The request's socket when it has a timer to set (light-my-request's fake has none). */
  const socketOf = (request: FastifyRequest): Socket | undefined => {
    const socket = request.raw.socket as Socket | undefined;
    return typeof socket?.setTimeout === 'function' ? socket : undefined;
  };
  app.addHook('preValidation', async (request) => {
    socketOf(request)?.setTimeout(0);
  });
  app.addHook('onSend', async (request) => {
    // The server's timeout, as `isoplan serve` set it (0: none, as in tests that set none).
    socketOf(request)?.setTimeout(app.server.timeout);
  });
}

export default fp(stallTimeout, { name: 'isoplan-stall-timeout', fastify: '5.x' });
