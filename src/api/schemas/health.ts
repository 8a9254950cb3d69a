// Liveness and readiness probes.
import { z } from 'zod';

export const HealthSchema = z.object({ status: z.literal('ok') });

export const ReadySchema = z.object({
  status: z.literal('ready'),
  migrations: z.object({ applied: z.number().int() }),
});
