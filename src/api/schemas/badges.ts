// GET /v1/projects/:project/badges/:badge.svg: a project's README badges.
import { z } from 'zod';
import { BADGE_KINDS } from '../../domain/figures/badge-content.js';
import { BADGE_STYLES } from '../../services/badge-service.js';
import { SlugSchema } from './common.js';
import { queryOnce } from './query-once.js';

export const BadgeParamsSchema = z.object({
  project: SlugSchema,
  badge: z
    .enum(BADGE_KINDS)
    .describe(
      '`progress` (finished issues), `goal` (by the latest validation), `ready`, `forecast` (P85 end)',
    ),
});

export const BadgeQuerySchema = z.object({
  style: queryOnce(z.enum(BADGE_STYLES))
    .prefault('flat')
    .describe("shields.io's style: `flat` (rounded) or `flat-square`"),
  label: queryOnce(z.string().trim().min(1).max(40))
    .optional()
    .describe("Replaces the badge's left-hand text"),
});

export const BadgeSvgSchema = z.string().describe('An SVG image (image/svg+xml)');
