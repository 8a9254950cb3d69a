// GET /metrics: the Prometheus exposition text (or OpenMetrics, when the scraper asks for it).
import { z } from 'zod';

export const MetricsTextSchema = z
  .string()
  .describe(
    'Prometheus text format 0.0.4, or OpenMetrics 1.0.0 when Accept names application/openmetrics-text',
  );
