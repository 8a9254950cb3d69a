// The app's services, built from the stores with the narrow dependencies each needs.
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { createPlanService, type PlanService } from '../../services/plan-service.js';

declare module 'fastify' {
  interface FastifyInstance {
    plans: PlanService;
  }
}

async function services(app: FastifyInstance): Promise<void> {
  const { projects, issues } = app.stores;
  app.decorate('plans', createPlanService({ projects, issues }));
}

export default fp(services, { name: 'isoplan-services', fastify: '5.x', dependencies: ['isoplan-stores'] });
