// zod schemas of what the simulator returns, for the API's response schemas and OpenAPI document
// (the scenario's own schema is in scenario.ts, the ops' in ops.ts). Tests parse real outputs with them.

import { z } from 'zod';
import { OpSchema } from './ops.js';
import { PLACEMENTS } from './placement.js';
import { VIOLATION_KINDS } from './violations.js';

export const PlacementSchema = z.enum(PLACEMENTS);

export const StepSchema = z.object({
  interpreter: z.string(),
  index: z
    .number()
    .int()
    .describe('pre-order position of the op in its program; -1 for creation or runtime init'),
  op: z.string(),
});

export type ViolationCauseShape = { exception: string; message: string; cause?: ViolationCauseShape };

/** A chained exception; `cause` nests as deep as CPython's chain goes (three levels today). */
export const ViolationCauseSchema = z
  .object({
    exception: z.string(),
    message: z.string(),
    get cause() {
      return ViolationCauseSchema.optional();
    },
  })
  .meta({ id: 'ViolationCause' });

export const ViolationSchema = z.object({
  kind: z.enum(VIOLATION_KINDS),
  component: z.string().describe("catalog id, e.g. 'freelist.tuple', 'ext:_decimal', 'obmalloc'"),
  interpreters: z.array(z.string()),
  steps: z.array(StepSchema),
  message: z.string(),
  exception: z.string().optional().describe("CPython's exception type (absent for the C API's PyStatus)"),
  cause: ViolationCauseSchema.optional().describe('the exception it was raised during, recursively'),
  status: z
    .object({ func: z.string(), message: z.string() })
    .optional()
    .describe("createdBy c-api: Py_NewInterpreterFromConfig's PyStatus"),
  count: z.number().int().describe('in how many runs it was seen'),
});

export const SimStatsSchema = z.object({
  runs: z.number().int(),
  steps: z.number().int(),
  objects: z.number().int(),
  durationMs: z.number(),
});

export const SimReportSchema = z.object({
  ok: z.boolean(),
  violations: z.array(ViolationSchema),
  stats: SimStatsSchema,
});

export const ProblemSchema = z.object({ path: z.string(), message: z.string() });

export const ComponentSchema = z.object({
  id: z.string(),
  kind: z.string(),
  description: z.string(),
  group: z.string().optional(),
  placement38: PlacementSchema,
  placement312: PlacementSchema,
  placements: z.array(PlacementSchema),
  source: z.string(),
  cpythonName: z.string().optional(),
  freeListCapacity: z.number().int().optional(),
  importStatus312: z.string().optional(),
  importStatus313: z.string().optional(),
  builtin: z.boolean().optional(),
  stillGlobalIn2025: z.boolean().optional(),
  holdsObject: z.boolean().optional().describe('c-global components: the global holds a Python object'),
});

export const CatalogSchema = z.object({
  components: z.array(ComponentSchema),
  groups: z.array(z.object({ group: z.string(), ids: z.array(z.string()) })),
});

export const WorkloadSchema = z.object({
  name: z.string(),
  description: z.string(),
  program: z.array(OpSchema),
  components: z.array(z.string()),
});

export const StressReportSchema = z.object({
  ok: z.boolean(),
  workers: z.number().int(),
  interpreters: z.number().int(),
  elapsedMs: z.number(),
  passes: z.record(z.string(), z.number().int()),
  updates: z.number(),
  lostUpdates: z.number(),
  updatesPerSecond: z.number(),
  components: z.array(
    z.object({
      component: z.string(),
      placement: PlacementSchema,
      updates: z.number(),
      observed: z.number(),
      lost: z.number(),
    }),
  ),
});
