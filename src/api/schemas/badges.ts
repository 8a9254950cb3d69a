// GET /v1/projects/:project/badges/:badge.svg: a project's README badges.
import { z } from 'zod';
import { BADGE_KINDS } from '../../domain/figures/badge-content.js';
import { BADGE_STYLES } from '../../services/badge-service.js';
import { SlugSchema } from './common.js';

export const BadgeParamsSchema = z.object({
  project: SlugSchema,
  badge: z
    .enum(BADGE_KINDS)
    .describe(
      '`progress` (finished issues), `goal` (by the latest validation), `ready`, `forecast` (P85 end)',
    ),
});

export const BadgeQuerySchema = z.object({
  style: z
    .enum(BADGE_STYLES)
    .default('flat')
    .describe("shields.io's style: `flat` (rounded) or `flat-square`"),
  label: z.string().trim().min(1).max(40).optional().describe("Replaces the badge's left-hand text"),
});

export const BadgeSvgSchema = z.string().describe('An SVG image (image/svg+xml)');
