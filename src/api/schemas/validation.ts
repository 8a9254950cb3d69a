// Validation runs: the simulator's verdict over a project (src/domain/validation/types.ts, as served).
import { z } from 'zod';
import { ISSUE_STATUSES } from '../../domain/model.js';
import { PageQuerySchema, ProjectParamsSchema, pageOf, RequestedBySchema } from './common.js';

export const VerdictSchema = z.enum(['verified', 'failing', 'untested']);

export const ValidationViolationSchema = z
  .object({
    kind: z.string().describe('e.g. `data-race`, `cross-interpreter-object`, `import-error`'),
    component: z.string().describe('The catalog component involved'),
    interpreters: z.array(z.string()),
    steps: z.array(z.object({ interpreter: z.string(), index: z.number().int(), op: z.string() })),
    message: z.string(),
    exception: z.string().optional(),
    count: z.number().int().describe('In how many of the seeded runs it was seen'),
    check: z.string().describe('The check whose run found it'),
  })
  .meta({ id: 'ValidationViolation' });

export const IssueValidationSchema = z
  .object({
    key: z.string(),
    status: z.enum(ISSUE_STATUSES),
    verdict: VerdictSchema.describe('`untested` also for wont_do issues: their checks are not run'),
    checks: z.array(z.string()).describe('Names of the checks that ran'),
    violations: z.array(ValidationViolationSchema),
    regression: z.boolean().describe('A finished issue whose checks fail'),
    fixedBy: z
      .array(z.string())
      .describe('Open issues whose claims remove some of the violations (verified)'),
  })
  .meta({ id: 'IssueValidation' });

export const MissingDependencySchema = z
  .object({
    issue: z.string(),
    shouldBeBlockedBy: z.string(),
    because: z.array(ValidationViolationSchema).describe('The violations its claims remove'),
    closesCycle: z.boolean().optional().describe('True when the edge would close a cycle'),
  })
  .meta({ id: 'MissingDependency' });

export const ValidationRunSchema = z
  .object({
    id: z.string(),
    projectRevision: z.number().int(),
    fingerprint: z.string().describe('sha256 of the input: equal input, same run'),
    createdAt: z.string(),
    durationMs: z.number(),
    issues: z.array(IssueValidationSchema),
    missingDependencies: z.array(MissingDependencySchema),
    regressions: z.array(z.string()),
    goal: z.object({
      holds: z.boolean().describe('Under the current layout (the claims of done issues)'),
      violations: z.array(ValidationViolationSchema),
      openIssuesThatFix: z.array(z.string()),
      holdsWhenAllDone: z.boolean().describe('Whether it holds once every open issue is done too'),
    }),
    components: z.array(
      z.object({
        component: z.string(),
        initial: z.string().describe("The catalog's starting placement (CPython 3.8's)"),
        claimed: z.string().nullable(),
        claimedBy: z.string().nullable(),
        verified: z.boolean().nullable(),
      }),
    ),
    requestedBy: RequestedBySchema,
    reused: z
      .boolean()
      .optional()
      .describe('Present (true) when an unchanged project answered its stored run'),
  })
  .meta({ id: 'ValidationRun' });

export const ValidationRunSummarySchema = z
  .object({
    id: z.string(),
    projectRevision: z.number().int(),
    fingerprint: z.string(),
    createdAt: z.string(),
    durationMs: z.number(),
    verdicts: z.object({ verified: z.number().int(), failing: z.number().int(), untested: z.number().int() }),
    missingDependencies: z.number().int(),
    regressions: z.number().int(),
    goalHolds: z.boolean(),
    requestedBy: RequestedBySchema,
  })
  .meta({ id: 'ValidationRunSummary' });

export const ValidationRunPageSchema = pageOf(ValidationRunSummarySchema).meta({ id: 'ValidationRunPage' });
export const ValidationListQuerySchema = PageQuerySchema;
export const ValidationParamsSchema = ProjectParamsSchema.extend({
  id: z.string().min(1).max(40).describe('A validation run id'),
});
