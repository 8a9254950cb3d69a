// Claims: what an issue changes in the runtime once done, `{ component, placement }`; the body of PUT
// …/issues/:key/claims. The store checks them against the simulator's catalog (a 400 names each unknown
// component or placement).
import { z } from 'zod';

export const ClaimSchema = z
  .strictObject({
    component: z.string().min(1).describe('A runtime-sim catalog component, e.g. `freelist.tuple`'),
    placement: z.string().min(1).describe('e.g. `per-interpreter`, `immortal`, `multi-phase`'),
  })
  .meta({ id: 'Claim' });

export const ClaimsBodySchema = z
  .array(ClaimSchema)
  .max(1000)
  .describe('Every claim of the issue (replaces the current ones): what it changes in the runtime once done')
  .meta({ id: 'Claims' });
