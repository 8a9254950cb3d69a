// The simulator's documents over HTTP. The shapes are the simulator's own (src/runtime-sim/scenario.ts
// and schemas.ts, tested against real outputs); here they get their OpenAPI names and the query string.
import { z } from 'zod';
import {
  LAYOUT_PLACEMENTS,
  CatalogSchema as SimCatalogSchema,
  SimReportSchema as SimReportShape,
  StressReportSchema as StressReportShape,
  WorkloadSchema as WorkloadShape,
} from '../../runtime-sim/index.js';

export { ScenarioSchema } from '../../runtime-sim/index.js';

export const SimReportSchema = SimReportShape.meta({ id: 'SimReport' });
export const StressReportSchema = StressReportShape.meta({ id: 'StressReport' });

export const SimRunQuerySchema = z.object({
  stress: z
    .enum(['true', 'false', '1', '0'])
    .optional()
    .transform((v) => v === 'true' || v === '1')
    .describe('Also run stress mode: the same scenario truly in parallel on worker threads'),
  timeMs: z.coerce.number().int().min(10).max(5000).optional().describe('Stress mode time bound'),
});

export const SimRunResponseSchema = SimReportShape.extend({ stress: StressReportShape.optional() }).meta({
  id: 'SimRunResponse',
});

export const CatalogSchema = SimCatalogSchema.extend({
  placements: z.array(z.enum(LAYOUT_PLACEMENTS)).describe('Placements a layout or claim may use'),
}).meta({ id: 'Catalog' });

export const WorkloadListSchema = z.object({ items: z.array(WorkloadShape) }).meta({ id: 'WorkloadList' });
