// Liveness and readiness probes.
import { z } from 'zod';

export const HealthSchema = z.object({ status: z.literal('ok') });

export const ReadySchema = z.object({
  /** `degraded`: it serves, but writes wait for a lock another process holds, or no process takes jobs. */
  status: z.enum(['ready', 'degraded']),
  /** Why it is degraded. */
  detail: z.string().optional(),
  migrations: z.object({ applied: z.number().int() }),
  database: z.object({
    engine: z.enum(['sqlite', 'postgresql']),
    /** Writes wait for (or just failed to get) a lock another process holds. */
    busy: z.boolean(),
  }),
  queue: z.object({
    /** `in-process`: jobs run in this process (SQLite); `postgresql`: on the database's queue. */
    kind: z.enum(['in-process', 'postgresql']),
    ready: z.boolean(),
    /** PostgreSQL: how many processes (workers, replicas that work) take jobs now; 0 degrades readiness. */
    workers: z.number().int().optional(),
  }),
});
