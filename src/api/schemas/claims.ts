// Bodies of the claim, check and goal writes: the same Claim and Check shapes as issues carry, checked
// against the simulator's catalog by the store (a 400 names each unknown component, placement or workload).
import { z } from 'zod';
import { CheckSchema, ClaimSchema } from './issues.js';

export const ClaimsBodySchema = z
  .array(ClaimSchema)
  .max(1000)
  .describe('Every claim of the issue (replaces the current ones): what it changes in the runtime once done')
  .meta({ id: 'Claims' });

export const ChecksBodySchema = z
  .array(CheckSchema)
  .max(1000)
  .describe(
    'Every check (replaces the current ones): a workload by name (`GET /v1/sim/workloads`) or a program',
  )
  .meta({ id: 'Checks' });

export const GoalBodySchema = ChecksBodySchema.describe(
  'The checks that must hold once every issue is done (replaces the current goal)',
).meta({ id: 'Goal' });
