// CI checks: the request for a CI check of a change, the CI check-run document (shaped like a GitHub
// check run) and the commit status (shaped like a GitHub commit status). Not the simulator checks an
// issue carries (issue-checks.ts).
import { z } from 'zod';
import { DESCRIPTION_LIMIT } from '../../domain/ci/commit-status.js';
import { GIT_SHA_PATTERN } from '../../domain/ci/git-sha.js';
import { ANNOTATION_LEVELS, CHECK_CONCLUSIONS, COMMIT_STATES } from '../../domain/ci/types.js';
import { IssueKeySchema, RequestedBySchema, SlugSchema } from './common.js';
import { queryOnce } from './query-once.js';
import { VerdictSchema } from './validation.js';

export const ShaSchema = z
  .string()
  .regex(GIT_SHA_PATTERN, 'must be a git commit sha: 7 to 40 hexadecimal digits')
  .describe('A commit sha, full (40 hex digits) or abbreviated (at least 7)');

export const CiCheckRequestSchema = z
  .strictObject({
    done: z
      .array(IssueKeySchema)
      .max(10_000)
      .describe('Keys of the issues the change marks done (what the pull request changes)'),
    sha: ShaSchema.describe('The commit the change is at, e.g. the pull request head sha'),
  })
  .meta({ id: 'CiCheckRequest' });

export const CiCheckRunParamsSchema = z.object({ project: SlugSchema, id: z.string().min(1).max(100) });
export const CommitStatusQuerySchema = z.object({
  sha: queryOnce(
    ShaSchema.describe(
      'The commit: its full sha, or an abbreviation of at least 7 hex digits (`git rev-parse --short`) that ' +
        'begins the sha of one commit with CI check runs (400 when it begins several)',
    ),
  ),
});

// Violations, missing dependencies and the goal as the validation run has them (src/domain/validation/types.ts).
const ViolationSchema = z.object({
  kind: z.string(),
  component: z.string(),
  interpreters: z.array(z.string()),
  steps: z.array(z.object({ interpreter: z.string(), index: z.number().int(), op: z.string() })),
  message: z.string(),
  exception: z.string().optional(),
  count: z.number().int(),
  check: z.string().describe('The check whose run found it'),
});

const ChangeIssueSchema = z.object({
  key: z.string(),
  title: z.string().nullable(),
  checks: z.array(z.string()),
  violations: z.array(ViolationSchema),
});

const MissingDependencySchema = z.object({
  issue: z.string(),
  shouldBeBlockedBy: z.string(),
  because: z.array(ViolationSchema),
  closesCycle: z.boolean().optional().describe('The edge would close a cycle: the claim belongs elsewhere'),
});

const ReportSchema = z
  .object({
    project: z.string(),
    done: z.array(z.string()),
    conclusion: z.enum(CHECK_CONCLUSIONS),
    marked: z.array(ChangeIssueSchema.extend({ verdict: VerdictSchema, fixedBy: z.array(z.string()) })),
    regressions: z.array(ChangeIssueSchema).describe('Finished issues that passed before and fail after'),
    knownRegressions: z.array(z.string()).describe('Finished issues already failing before the change'),
    newlyFailing: z.array(ChangeIssueSchema).describe('Open issues that passed before and fail after'),
    missingDependencies: z.array(MissingDependencySchema),
    goal: z.object({
      heldBefore: z.boolean(),
      holds: z.boolean(),
      holdsWhenAllDone: z.boolean().describe('Whether it holds once every open issue is done too'),
      violationsLeft: z.number().int(),
      openIssuesThatFix: z.array(z.string()),
      violations: z.array(ViolationSchema).describe('Only when the change breaks a goal that held'),
    }),
    basis: z.object({
      before: z.object({ id: z.string(), fingerprint: z.string() }),
      after: z.object({ fingerprint: z.string() }),
    }),
  })
  .describe('isoplan: the structured verdict behind the output');

export const CiCheckAnnotationSchema = z
  .object({
    path: z.string().describe('The issue key (GitHub: a file path)'),
    start_line: z.number().int(),
    end_line: z.number().int(),
    annotation_level: z.enum(ANNOTATION_LEVELS),
    title: z.string(),
    message: z.string(),
  })
  .meta({ id: 'CiCheckAnnotation' });

export const CiCheckRunSchema = z
  .object({
    id: z.string(),
    name: z.string().describe('`isoplan/<project>`'),
    head_sha: z.string(),
    status: z.literal('completed'),
    conclusion: z
      .enum(CHECK_CONCLUSIONS)
      .describe(
        '`failure`: a marked issue fails its checks, or the change creates a regression; `neutral`: no ' +
          'marked issue has checks; `success` otherwise',
      ),
    started_at: z.string(),
    completed_at: z.string(),
    details_url: z.string().nullable().describe('Where this check run can be read again'),
    output: z.object({
      title: z.string(),
      summary: z.string().describe('Markdown'),
      annotations: z.array(CiCheckAnnotationSchema).describe('Failures first, then warnings, then notices'),
    }),
    project: z.string().describe('isoplan: the project slug'),
    done: z.array(z.string()).describe('isoplan: the keys the change marks done'),
    report: ReportSchema,
    requestedBy: RequestedBySchema,
  })
  .meta({
    id: 'CiCheckRun',
    description:
      'Shaped like a GitHub check run (POST /repos/{owner}/{repo}/check-runs); `project`, `done`, `report`, ' +
      '`requestedBy` and `id` are isoplan’s own and must be dropped before forwarding it to GitHub.',
  });

export const CommitStatusSchema = z
  .object({
    state: z
      .enum(COMMIT_STATES)
      .describe(
        'From the latest check run of the sha: `success` (also for a neutral one), `failure`; `pending` ' +
          'when there is none yet; `error` when it cannot be read',
      ),
    description: z.string().max(DESCRIPTION_LIMIT),
    context: z.string().describe('`isoplan/<project>`'),
    target_url: z.string().nullable().describe('The check run; null while pending'),
  })
  .meta({
    id: 'CommitStatus',
    description: 'Shaped like a GitHub commit status (POST /repos/{o}/{r}/statuses/{sha})',
  });
