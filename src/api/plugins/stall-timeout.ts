// The stall timeout (the server's connectionTimeout, ISOPLAN_STALL_TIMEOUT_MS) closes a connection on which
// nothing moves: a client that stops sending its request or stops reading the answer. Node counts every
// silence, the server's own too, so a request whose handling outlasted it (a validation waiting for a
// worker on PostgreSQL, a GitHub sync of a large tree, a forecast on a busy pool) was cut without a byte
// of answer. The timer is therefore held once the request has arrived (its body read) and set again as
// the answer starts: the client's silences are still bounded, the server's work by its own deadlines.
// Requests pipelined on one connection are handled together, their answers sent in order: the timer is
// held while any of them is being handled (the first answer waits for the slowest one before it).
// Event streams take over their connection and find a client that stopped reading by their pings; the
// timer is set again when their answer ends (the connection may carry another request).
import type { Socket } from 'node:net';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';

async function stallTimeout(app: FastifyInstance): Promise<void> {
  /** The request's socket when it has a timer to set (light-my-request's fake has none). */
  const socketOf = (request: FastifyRequest): Socket | undefined => {
    const socket = request.raw.socket as Socket | undefined;
    return typeof socket?.setTimeout === 'function' ? socket : undefined;
  };
  /** How many requests each connection is handling now. */
  const handling = new WeakMap<Socket, number>();
  /** The requests held (each released once: as its answer starts, or as it ends unanswered by Fastify). */
  const held = new WeakSet<FastifyRequest>();
  const release = (request: FastifyRequest, socket: Socket) => {
    if (!held.delete(request)) return;
    const left = (handling.get(socket) ?? 1) - 1;
    handling.set(socket, left);
    // The server's timeout, as `isoplan serve` set it (0: none, as in tests that set none).
    if (left === 0) socket.setTimeout(app.server.timeout);
  };
  app.addHook('preValidation', async (request, reply) => {
    const socket = socketOf(request);
    if (socket === undefined) return;
    held.add(request);
    handling.set(socket, (handling.get(socket) ?? 0) + 1);
    socket.setTimeout(0);
    // A hijacked answer (an event stream) never reaches onSend.
    reply.raw.once('close', () => release(request, socket));
  });
  app.addHook('onSend', async (request) => {
    const socket = socketOf(request);
    if (socket !== undefined) release(request, socket);
  });
}

export default fp(stallTimeout, { name: 'isoplan-stall-timeout', fastify: '5.x' });
