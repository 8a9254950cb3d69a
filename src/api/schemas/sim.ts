// The simulator's documents: scenario in, report out; the catalog; the workloads.
// The scenario schema itself is the simulator's own (src/runtime-sim/scenario.ts).
import { z } from 'zod';
import { LAYOUT_PLACEMENTS, PLACEMENTS, VIOLATION_KINDS } from '../../runtime-sim/index.js';

export { ScenarioSchema } from '../../runtime-sim/index.js';

const StepSchema = z.object({
  interpreter: z.string(),
  index: z.number().int().describe('Position of the op in its program (pre-order); -1 for creation'),
  op: z.string(),
});

export const ViolationSchema = z
  .object({
    kind: z.enum(VIOLATION_KINDS),
    component: z.string().describe('Catalog id, e.g. `freelist.tuple`'),
    interpreters: z.array(z.string()),
    steps: z.array(StepSchema),
    message: z.string(),
    exception: z.string().optional().describe('The exception CPython raises, where it raises one'),
    count: z.number().int().describe('In how many runs it was seen'),
  })
  .meta({ id: 'Violation' });

export const SimReportSchema = z
  .object({
    ok: z.boolean(),
    violations: z.array(ViolationSchema),
    stats: z.object({
      runs: z.number().int(),
      steps: z.number().int(),
      objects: z.number().int(),
      durationMs: z.number(),
    }),
  })
  .meta({ id: 'SimReport' });

export const SimRunQuerySchema = z.object({
  stress: z
    .enum(['true', 'false', '1', '0'])
    .optional()
    .transform((v) => v === 'true' || v === '1')
    .describe('Also run stress mode: the same scenario truly in parallel on worker threads'),
  timeMs: z.coerce.number().int().min(10).max(5000).optional().describe('Stress mode time bound'),
});

export const StressReportSchema = z
  .object({
    ok: z.boolean(),
    workers: z.number().int(),
    interpreters: z.number().int(),
    elapsedMs: z.number(),
    passes: z.record(z.string(), z.number()),
    updates: z.number(),
    lostUpdates: z.number(),
    updatesPerSecond: z.number(),
    components: z.array(
      z.object({
        component: z.string(),
        placement: z.enum(PLACEMENTS),
        updates: z.number(),
        observed: z.number(),
        lost: z.number(),
      }),
    ),
  })
  .meta({ id: 'StressReport' });

export const SimRunResponseSchema = SimReportSchema.extend({ stress: StressReportSchema.optional() }).meta({
  id: 'SimRunResponse',
});

const PlacementSchema = z.enum(PLACEMENTS);

export const ComponentSchema = z
  .looseObject({
    id: z.string(),
    kind: z.string(),
    description: z.string(),
    group: z.string().optional(),
    placement38: PlacementSchema.describe("CPython 3.8's placement, where the meta issue starts"),
    placement312: PlacementSchema.describe('Where CPython 3.12+ ended'),
    placements: z.array(PlacementSchema).describe('The placements a layout may give it'),
    source: z.string(),
    cpythonName: z.string().optional(),
  })
  .meta({ id: 'Component' });

export const CatalogSchema = z
  .object({
    placements: z.array(z.enum(LAYOUT_PLACEMENTS)),
    components: z.array(ComponentSchema),
    groups: z.array(z.object({ group: z.string(), ids: z.array(z.string()) })),
  })
  .meta({ id: 'Catalog' });

export const WorkloadSchema = z
  .object({
    name: z.string(),
    description: z.string(),
    program: z.array(z.unknown()).describe("The simulator's operations"),
    components: z.array(z.string()).describe('Catalog ids it exercises'),
  })
  .meta({ id: 'Workload' });

export const WorkloadListSchema = z.object({ items: z.array(WorkloadSchema) }).meta({ id: 'WorkloadList' });
