// Dependencies: "issue is blocked by blockedBy" edges of a project's DAG.
import { z } from 'zod';
import { IssueKeySchema, SlugSchema } from './common.js';

export const DependencyEdgeSchema = z
  .object({
    issue: IssueKeySchema,
    blockedBy: IssueKeySchema,
  })
  .meta({ id: 'DependencyEdge', description: '`issue` is blocked by `blockedBy`' });

export const EdgeParamsSchema = z.object({
  project: SlugSchema,
  key: IssueKeySchema,
  blocker: IssueKeySchema,
});

export const DependencyListSchema = z
  .object({ items: z.array(DependencyEdgeSchema) })
  .meta({ id: 'DependencyList' });
