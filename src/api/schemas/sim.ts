// The simulator's documents over HTTP. The shapes are the simulator's own (src/runtime-sim/scenario.ts
// and schemas.ts, tested against real outputs); here they get their OpenAPI names and the query string.
import { z } from 'zod';
import {
  getCatalog,
  InterpreterSchema,
  LAYOUT_PLACEMENTS,
  OP_NAMES,
  ScenarioSchema,
  CatalogSchema as SimCatalogSchema,
  SimReportSchema as SimReportShape,
  StressReportSchema as StressReportShape,
  WorkloadSchema as WorkloadShape,
} from '../../runtime-sim/index.js';
import { queryNumber } from './query-number.js';
import { queryOnce } from './query-once.js';

export const SimReportSchema = SimReportShape.meta({ id: 'SimReport' });
export const StressReportSchema = StressReportShape.meta({ id: 'StressReport' });

export const SimRunQuerySchema = z.object({
  stress: queryOnce(z.enum(['true', 'false', '1', '0']))
    .optional()
    .transform((v) => v === 'true' || v === '1')
    .describe('Also run stress mode: the same scenario truly in parallel on worker threads'),
  timeMs: queryNumber(z.number().int().min(10).max(5000)).optional().describe('Stress mode time bound'),
});

export const SimRunResponseSchema = SimReportShape.extend({ stress: StressReportShape.optional() }).meta({
  id: 'SimRunResponse',
});

export const CatalogSchema = SimCatalogSchema.extend({
  placements: z.array(z.enum(LAYOUT_PLACEMENTS)).describe('Placements a layout or claim may use'),
}).meta({ id: 'Catalog' });

/** The catalog as GET /v1/sim/catalog answers it (and `isoplan sim catalog --format json` prints it). */
export function catalogDocument(): z.infer<typeof CatalogSchema> {
  return { placements: [...LAYOUT_PLACEMENTS], ...getCatalog() };
}

// The simulator's op schema is recursive (`repeat.body`), which the OpenAPI transform turns into a
// dangling `$ref`. The document therefore shows an op as `{ op, ...fields }`; parseScenario checks the
// real shape (src/runtime-sim/README.md lists every op and its fields).
const OpDocSchema = z
  .looseObject({ op: z.enum(OP_NAMES) })
  .describe('An operation: `op` and its fields (see the scenario format in the README)');

/** For the OpenAPI document only: the route validates with parseScenario. */
export const ScenarioDocSchema = ScenarioSchema.extend({
  interpreters: z.array(InterpreterSchema.extend({ program: z.array(OpDocSchema) })).min(1),
}).meta({ id: 'Scenario' });

const WorkloadSchema = WorkloadShape.extend({ program: z.array(OpDocSchema) });

export const WorkloadListSchema = z.object({ items: z.array(WorkloadSchema) }).meta({ id: 'WorkloadList' });
