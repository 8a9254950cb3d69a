// `app.services`: the application services (src/services/services.ts, the one composition root) over
// `app.stores`. What they started (the simulator's worker pool) stops when the app closes.
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import type { CheckRunner } from '../../domain/validation/input.js';
import { createServices, type Services } from '../../services/services.js';

declare module 'fastify' {
  interface FastifyInstance {
    services: Services;
  }
}

export interface ServicesOptions {
  /** Runs validation's simulator checks; default: the worker pool behind an in-process runner for small batches. */
  checkRunner?: CheckRunner;
}

async function services(app: FastifyInstance, options: ServicesOptions): Promise<void> {
  const built = createServices({ stores: app.stores, checkRunner: options.checkRunner });
  app.addHook('onClose', () => built.close());
  app.decorate('services', built);
}

export default fp(services, { name: 'isoplan-services', fastify: '5.x', dependencies: ['isoplan-stores'] });
