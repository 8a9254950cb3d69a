// `app.simPool`: the simulator's worker pool, shared by validation and POST /v1/sim/run. Its workers
// start on first use and are terminated with the app.
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { createSimWorkerPool, type SimWorkerPool } from '../../services/sim-worker-pool.js';

declare module 'fastify' {
  interface FastifyInstance {
    simPool: SimWorkerPool;
  }
}

async function simPool(app: FastifyInstance): Promise<void> {
  const pool = createSimWorkerPool();
  app.addHook('onClose', () => pool.close());
  app.decorate('simPool', pool);
}

export default fp(simPool, { name: 'sim-pool', fastify: '5.x' });
