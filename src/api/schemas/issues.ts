// Issues: a project's sub-issues, as requests and responses.
import { z } from 'zod';
import { EstimateDaysSchema } from '../../domain/estimate-range.js';
import { ISSUE_PRIORITIES, ISSUE_STATUSES, type Issue, toDocumentIssue } from '../../domain/model.js';
import { AssigneeSchema, IssueUrlSchema } from '../../domain/project-document.js';
import { ClaimSchema } from './claims.js';
import {
  IssueKeySchema,
  IssueParamsSchema,
  listQueryOf,
  PageQuerySchema,
  pageOf,
  TimestampSchema,
} from './common.js';
import { CheckSchema } from './issue-checks.js';
import { queryOnce } from './query-once.js';

export const IssueStatusSchema = z.enum(ISSUE_STATUSES);
export const IssuePrioritySchema = z.enum(ISSUE_PRIORITIES);

const TitleSchema = z.string().trim().min(1).max(500);
const BodySchema = z.string().max(100_000);
const EstimateSchema = EstimateDaysSchema.nullable().describe('Estimate in days, or null');
const UrlSchema = IssueUrlSchema.nullable();
const LabelsSchema = z.array(z.string().trim().min(1).max(100)).max(100);

export const IssueSchema = z
  .object({
    key: IssueKeySchema,
    title: z.string(),
    body: z.string(),
    status: IssueStatusSchema,
    estimateDays: z.number().nullable().describe('Most likely estimate in days, or null'),
    estimateLowDays: z.number().nullable().describe('Fewest days it may take (<= estimateDays), or null'),
    estimateHighDays: z.number().nullable().describe('Most days it may take (>= estimateDays), or null'),
    assignee: z.string().nullable().describe('The team member who will do it, or null for anyone'),
    priority: IssuePrioritySchema.nullable().describe('p0 (first) to p3, or null'),
    parent: z.string().nullable().describe('Key of the parent issue, or null'),
    url: z.string().nullable(),
    labels: z.array(z.string()),
    claims: z.array(ClaimSchema),
    checks: z.array(CheckSchema),
    blockedBy: z.array(z.string()).describe('Keys of the issues this one is blocked by'),
    blocks: z.array(z.string()).describe('Keys of the issues this one blocks'),
    revision: z.number().int(),
    createdAt: TimestampSchema,
    updatedAt: TimestampSchema,
  })
  .meta({ id: 'Issue' });

export const IssueCreateSchema = z
  .strictObject({
    key: IssueKeySchema,
    title: TitleSchema,
    body: BodySchema.optional(),
    status: IssueStatusSchema.optional(),
    estimateDays: EstimateSchema.optional(),
    estimateLowDays: EstimateSchema.optional().describe('Fewest days it may take: <= estimateDays, or null'),
    estimateHighDays: EstimateSchema.optional().describe('Most days it may take: >= estimateDays, or null'),
    assignee: AssigneeSchema.nullable().optional(),
    priority: IssuePrioritySchema.nullable().optional(),
    parent: IssueKeySchema.nullable().optional(),
    url: UrlSchema.optional(),
    labels: LabelsSchema.optional(),
    claims: z.array(ClaimSchema).max(1000).optional(),
    checks: z.array(CheckSchema).max(1000).optional(),
  })
  .meta({ id: 'IssueCreate' });

export const IssuePatchSchema = IssueCreateSchema.omit({ key: true }).partial().meta({ id: 'IssuePatch' });

/** `?status=open&status=done` or `?status=open,done`. */
const StatusFilterSchema = listQueryOf(IssueStatusSchema).describe(
  'Repeatable or comma-separated: open, in_progress, done, wont_do',
);

export const IssueListQuerySchema = PageQuerySchema.extend({
  status: StatusFilterSchema.optional(),
  label: queryOnce(z.string().min(1).max(100)).optional().describe('Only issues carrying this label'),
  parent: queryOnce(z.string().max(100))
    .transform((v) => (v === '' || v === 'null' ? null : v))
    .optional()
    .describe('A parent key; `null` or empty for top-level issues only'),
});

export const IssuePageSchema = pageOf(IssueSchema).meta({ id: 'IssuePage' });
export { IssueParamsSchema };

export type IssueResponse = z.infer<typeof IssueSchema>;

export function toIssueResponse(issue: Issue): IssueResponse {
  return {
    ...toDocumentIssue(issue),
    checks: issue.checks as IssueResponse['checks'],
    blockedBy: issue.blockedBy,
    blocks: issue.blocks,
    revision: issue.revision,
    createdAt: issue.createdAt.toISOString(),
    updatedAt: issue.updatedAt.toISOString(),
  };
}
