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
  // Project events (issue.unblocked) go to the app's event bus.
  const built = createServices({ events: app.events, ...deps, stores: app.stores });
  app.addHook('onClose', () => built.close());
  app.decorate('services', built);
}

export default fp(services, {
  name: 'isoplan-services',
  fastify: '5.x',
  dependencies: ['isoplan-stores', 'event-bus'],
});
