// Graceful shutdown, the app's part: once the app is closing (SIGTERM: src/cli/commands/serve.ts), a request that
// still arrives on an open connection is answered 503 `shutting-down` with Retry-After and
// `Connection: close`, as a problem; requests already in flight finish (Fastify waits for them) and their
// connections close after the answer (not kept alive until the idle timeout), and the event streams end
// with a final event (routes/events.ts).
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { DomainError } from '../../domain/errors.js';

export class ShuttingDownError extends DomainError {
  constructor() {
    super({
      type: 'shutting-down',
      title: 'Shutting down',
      status: 503,
      detail:
        'the server is shutting down and takes no new requests; try again (another instance may answer)',
      extensions: { retryAfterSeconds: 1 },
    });
  }
}

async function shutdown(app: FastifyInstance): Promise<void> {
  let closing = false;
  app.addHook('preClose', async () => {
    closing = true;
  });
  app.addHook('onRequest', async () => {
    // The answer (a problem) says `Connection: close` through onSend below.
    if (closing) throw new ShuttingDownError();
  });
  app.addHook('onSend', async (_request, reply) => {
    if (closing) reply.header('connection', 'close');
  });
}

export default fp(shutdown, { name: 'isoplan-shutdown', fastify: '5.x' });
