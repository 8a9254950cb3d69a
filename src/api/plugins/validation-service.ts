// `app.validationService`: validation over the stores, with the simulator's runs on a worker pool
// (started on the first large batch, closed with the app) unless the builder passes its own runner.
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import type { CheckRunner } from '../../domain/validation/input.js';
import { createHybridRunner } from '../../services/check-runners.js';
import { createSimWorkerPool } from '../../services/sim-worker-pool.js';
import { createValidationService, type ValidationService } from '../../services/validation-service.js';

declare module 'fastify' {
  interface FastifyInstance {
    validationService: ValidationService;
  }
}

export interface ValidationServiceOptions {
  /** Runs the simulator's checks; default: a worker pool behind an in-process runner for small batches. */
  checkRunner?: CheckRunner;
}

async function validationService(app: FastifyInstance, options: ValidationServiceOptions): Promise<void> {
  let runner = options.checkRunner;
  if (runner === undefined) {
    const pool = createSimWorkerPool();
    app.addHook('onClose', () => pool.close());
    runner = createHybridRunner(pool);
  }
  const { projects, issues, validations } = app.stores;
  app.decorate('validationService', createValidationService({ projects, issues, validations, runner }));
}

export default fp(validationService, {
  name: 'validation-service',
  fastify: '5.x',
  dependencies: ['isoplan-stores'],
});
