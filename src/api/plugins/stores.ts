// The app's decorators over persistence: `app.stores` (the store contract) and
// `app.database` (for readiness). The database is opened and closed by whoever
// builds the app (the serve command, or a test), never here.
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import type { ChangeFeed } from '../../store/change-feed.js';
import type { EngineKind, EngineStatus } from '../../store/engine.js';
import type { Stores } from '../../store/types.js';

/** What the app needs of an open database: a narrow view of the store's Database. */
export interface AppDatabase {
  stores: Stores;
  ping(): Promise<unknown>;
  /** `unknown`: applied migrations this build does not know (a newer build migrated the database). */
  migrationStatus(): Promise<{ applied: string[]; pending: string[]; unknown?: string[] }>;
  /** Which engine (readiness reports it); sqlite when absent. */
  kind?: EngineKind;
  /** Whether writes wait for a lock another process holds (readiness: degraded); never when absent. */
  status?(): EngineStatus;
  /** Changes told to every process on the database; in-process when absent. */
  changes?: ChangeFeed;
}

declare module 'fastify' {
  interface FastifyInstance {
    stores: Stores;
    database: AppDatabase;
  }
}

async function stores(app: FastifyInstance, options: { database: AppDatabase }): Promise<void> {
  app.decorate('database', options.database);
  app.decorate('stores', options.database.stores);
}

export default fp(stores, { name: 'isoplan-stores', fastify: '5.x' });
