// `app.services`: the application services (src/services/services.ts, the one composition root) over
// `app.stores`. What they started (the simulator's worker pool) stops when the app closes.
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { createServices, type Services, type ServicesDeps } from '../../services/services.js';

declare module 'fastify' {
  interface FastifyInstance {
    services: Services;
  }
}

async function services(app: FastifyInstance, deps: Omit<ServicesDeps, 'stores'>): Promise<void> {
  // Project events (issue.unblocked, webhooks' changes) go to the app's event bus; late work logs to its log.
  const built = createServices({ events: app.events, log: app.log, ...deps, stores: app.stores });
  app.addHook('onClose', () => built.close());
  app.decorate('services', built);
}

export default fp(services, {
  name: 'isoplan-services',
  fastify: '5.x',
  dependencies: ['isoplan-stores', 'event-bus'],
});
