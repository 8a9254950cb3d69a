// Projects: one meta issue and its goal, as requests and responses.
import { z } from 'zod';
import type { Project } from '../../domain/model.js';
import { HolidaysSchema, IsoDateSchema, TeamSchema, WorkdaysSchema } from '../../domain/project-document.js';
import { PageQuerySchema, pageOf, SlugSchema, TimestampSchema } from './common.js';
import { CheckSchema } from './issue-checks.js';

export const ProjectSchema = z
  .object({
    slug: SlugSchema,
    name: z.string(),
    description: z.string(),
    goal: z.array(CheckSchema).describe('Checks that must hold once every issue is done'),
    defaultEstimateDays: z.number(),
    team: TeamSchema.nullable().describe(
      'Who works on it in parallel; null: not set (the forecast assumes 1 person)',
    ),
    start: z
      .string()
      .nullable()
      .describe('ISO date work starts on; null: today (a past date counts as today)'),
    workdays: z.array(z.number().int()).describe('ISO weekday numbers people work on, Monday = 1'),
    holidays: z.array(z.string()).describe('ISO dates nobody works on'),
    revision: z.number().int().describe('Bumped by every change to the project, its issues or dependencies'),
    createdAt: TimestampSchema,
    updatedAt: TimestampSchema,
  })
  .meta({ id: 'Project' });

export const ProjectCreateSchema = z
  .strictObject({
    slug: SlugSchema,
    name: z.string().trim().min(1).max(200),
    description: z.string().max(100_000).optional(),
    goal: z.array(CheckSchema).max(1000).optional(),
    defaultEstimateDays: z.number().positive().max(3650).optional(),
    team: TeamSchema.nullable().optional(),
    start: IsoDateSchema.nullable().optional().describe('ISO date work starts on; null: today'),
    workdays: WorkdaysSchema.optional(),
    holidays: HolidaysSchema.optional(),
  })
  .meta({ id: 'ProjectCreate' });

export const ProjectPatchSchema = ProjectCreateSchema.omit({ slug: true })
  .partial()
  .meta({ id: 'ProjectPatch' });

export const ProjectListQuerySchema = PageQuerySchema;
export const ProjectPageSchema = pageOf(ProjectSchema).meta({ id: 'ProjectPage' });

export type ProjectResponse = z.infer<typeof ProjectSchema>;

export function toProjectResponse(project: Project): ProjectResponse {
  return {
    slug: project.slug,
    name: project.name,
    description: project.description,
    goal: project.goal as ProjectResponse['goal'],
    defaultEstimateDays: project.defaultEstimateDays,
    team: project.team,
    start: project.start,
    workdays: project.workdays,
    holidays: project.holidays,
    revision: project.revision,
    createdAt: project.createdAt.toISOString(),
    updatedAt: project.updatedAt.toISOString(),
  };
}
