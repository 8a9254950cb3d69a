// The plan of a project, as computed by src/domain/plan (types.ts there is the contract).
import { z } from 'zod';
import type { Plan, TransitiveBlockers } from '../../domain/plan/types.js';
import { IssueKeySchema, listQueryOf } from './common.js';
import { DependencyEdgeSchema } from './dependencies.js';
import { IssuePrioritySchema, IssueSchema } from './issues.js';

const KeysSchema = z.array(z.string());

const ProgressSummarySchema = z
  .object({
    counts: z.object({
      open: z.number().int(),
      in_progress: z.number().int(),
      done: z.number().int(),
      wont_do: z.number().int(),
    }),
    total: z.number().int(),
    finished: z.number().int().describe('done + wont_do'),
    percentByCount: z.number().nullable(),
    estimateDays: z.number().describe('Estimate of every issue except wont_do ones (defaults applied)'),
    finishedEstimateDays: z.number(),
    percentByEstimate: z.number().nullable(),
  })
  .meta({ id: 'ProgressSummary' });

const AssumptionSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('default-estimate'), key: z.string(), estimateDays: z.number() }),
  z.object({ kind: z.literal('finished-with-open-blockers'), key: z.string(), openBlockers: KeysSchema }),
]);

export const PlanSchema = z
  .object({
    order: KeysSchema.describe('Every issue, each blocker before what it blocks, ties broken by key'),
    waves: z.array(KeysSchema).describe('Open issues by longest chain of open blockers'),
    ready: KeysSchema.describe('Open issues whose blockers are all finished'),
    blocked: z
      .array(z.object({ key: z.string(), blockedBy: KeysSchema, rootBlockers: KeysSchema }))
      .describe('Every other open issue, with its direct open blockers and the ready issues that hold it'),
    readyRanking: z
      .array(
        z.object({
          key: z.string(),
          priority: IssuePrioritySchema.nullable().describe('p0 first; null (none) after p3'),
          slackDays: z.number().describe('Its slack (0 on the critical path)'),
          unblocks: KeysSchema.describe(
            'Blocked issues whose only open blocker it is: ready once it is done',
          ),
          downstream: z.number().int().describe('Blocked issues that wait on it through any chain'),
          downstreamDays: z.number().describe('Their estimates, summed: the work it holds up'),
          reasons: z.array(z.string()).describe('Why it ranks where it does, one part per criterion'),
          reason: z.string().describe('The reasons joined, in words'),
        }),
      )
      .describe(
        'The ready issues in the order to start them: by priority, then least slack, then the most work downstream, then the most it unblocks, then the most issues downstream, then key',
      ),
    criticalPath: z.object({ keys: KeysSchema, lengthDays: z.number() }),
    schedule: z
      .record(
        z.string(),
        z.object({
          earliestStart: z.number(),
          earliestFinish: z.number(),
          latestStart: z.number(),
          latestFinish: z.number(),
          slack: z.number(),
        }),
      )
      .describe('Critical path method figures per open issue, in days from now'),
    progress: z.object({
      project: ProgressSummarySchema,
      byParent: z.record(z.string(), ProgressSummarySchema),
    }),
    redundantEdges: z
      .array(DependencyEdgeSchema)
      .optional()
      .describe(
        'Edges implied by others (reported, never removed). Only with `?include=redundantEdges`: their search can cost far more than the rest of the plan (O(issues x edges) when dependencies span the whole project)',
      ),
    assumptions: z.array(AssumptionSchema),
  })
  .meta({ id: 'Plan' });

/** The parts of the plan found only on request. */
export const PLAN_INCLUDES = ['redundantEdges'] as const;

/** `?include=redundantEdges` (repeatable or comma-separated). */
export const PlanQuerySchema = z.object({
  include: listQueryOf(z.enum(PLAN_INCLUDES))
    .optional()
    .describe('Parts of the plan found only on request, repeatable or comma-separated: redundantEdges'),
});

/** The planner's options for a query. */
export function planOptionsOf(query: z.infer<typeof PlanQuerySchema>): { redundantEdges: boolean } {
  return { redundantEdges: query.include?.includes('redundantEdges') ?? false };
}

export const WhatIfSchema = z
  .strictObject({
    done: z.array(IssueKeySchema).max(100_000).describe('Keys of the issues to take as done'),
  })
  .meta({ id: 'WhatIf' });

export const ReadyListSchema = z
  .object({
    items: z
      .array(IssueSchema)
      .describe('Open issues whose blockers are all finished, in the order of the plan’s readyRanking'),
  })
  .meta({ id: 'ReadyList' });

export const TransitiveBlockersSchema = z
  .object({
    key: z.string(),
    blockers: z
      .array(
        z.object({
          key: z.string(),
          distance: z.number().int().describe('Blocked-by steps from the issue (1 = direct blocker)'),
          path: KeysSchema.describe('[issue, ..., key]: each key is blocked by the next'),
        }),
      )
      .describe('Every open issue that transitively blocks the issue, by distance then key'),
  })
  .meta({ id: 'TransitiveBlockers' });

// The domain types and these schemas must agree: a change on either side fails the typecheck.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const planAgrees: Same<z.infer<typeof PlanSchema>, Plan> = true;
const blockersAgree: Same<z.infer<typeof TransitiveBlockersSchema>, TransitiveBlockers> = true;
void planAgrees;
void blockersAgree;
