// `app.validationService`: validation over the stores, with the simulator's runs on the app's worker
// pool (`app.simPool`, behind an in-process runner for small batches) unless the builder passes its own.
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import type { CheckRunner } from '../../domain/validation/input.js';
import { createHybridRunner } from '../../services/check-runners.js';
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
  const runner = options.checkRunner ?? createHybridRunner(app.simPool);
  const { projects, issues, validations } = app.stores;
  app.decorate('validationService', createValidationService({ projects, issues, validations, runner }));
}

export default fp(validationService, {
  name: 'validation-service',
  fastify: '5.x',
  dependencies: ['isoplan-stores', 'sim-pool'],
});
