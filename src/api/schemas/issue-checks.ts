// Simulator checks: how the simulator checks an issue (or the project's goal), a catalog workload by name or
// a program; the body of PUT …/issues/:key/checks. The store checks them against the simulator's catalog
// (a 400 names each unknown workload or invalid program). Not the CI checks of a change (ci-checks.ts).
import { z } from 'zod';

export const CheckSchema = z
  .union([
    z.strictObject({ name: z.string().min(1), workload: z.string().min(1) }),
    z.strictObject({ name: z.string().min(1), program: z.array(z.unknown()) }),
  ])
  .meta({ id: 'Check', description: 'A simulator workload: a catalog workload by name, or a program' });

export const ChecksBodySchema = z
  .array(CheckSchema)
  .max(1000)
  .describe(
    'Every check (replaces the current ones): a workload by name (`GET /v1/sim/workloads`) or a program',
  )
  .meta({ id: 'Checks' });
