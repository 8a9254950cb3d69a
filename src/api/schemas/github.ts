// GitHub: a project's link to its meta issue, the summary of a sync, and a webhook delivery's answer.
import { z } from 'zod';
import { GithubLinkSchema as DocumentLinkSchema } from '../../domain/project-document.js';
import { IssueKeySchema } from './common.js';

// One definition of a link: the project document's (src/domain/project-document.ts).
export const GithubLinkSchema = DocumentLinkSchema.meta({
  id: 'GithubLink',
  description: "A project's link to its meta issue on GitHub, `repository#issue`",
});

const EdgeSchema = z.object({ issue: IssueKeySchema, blockedBy: IssueKeySchema });

const UnblockedSchema = z.object({
  key: IssueKeySchema,
  finishedBlockers: z.array(IssueKeySchema).describe('The blockers whose finishing unblocked it'),
});

export const GithubSyncSummarySchema = z
  .object({
    project: z.string(),
    link: GithubLinkSchema,
    relinked: z
      .object({ from: GithubLinkSchema, to: GithubLinkSchema })
      .nullable()
      .describe(
        "The meta issue was found transferred (GitHub answered the link's address with a 301): the project was " +
          "relinked from `from` to `to`, where it is now (audited `github.link`), whatever the caller's scope: " +
          "GitHub's redirect chose the address, not the caller. Null otherwise",
      ),
    created: z.boolean().describe('The project did not exist and was created'),
    read: z.number().int().describe('Issues read from GitHub: the tree and the blockers of its issues'),
    added: z.array(IssueKeySchema),
    changed: z.array(IssueKeySchema),
    removed: z.array(IssueKeySchema),
    renamed: z
      .array(z.object({ from: IssueKeySchema, to: IssueKeySchema }))
      .describe(
        'GitHub issues under a new key: transferred to another repository (GitHub gives them a new id), or the meta issue moved',
      ),
    dependencies: z.object({ added: z.array(EdgeSchema), removed: z.array(EdgeSchema) }),
    refused: z
      .array(EdgeSchema.extend({ cycle: z.array(IssueKeySchema) }))
      .describe("GitHub's edges that would close a cycle: not stored; `cycle` is the closed path"),
    unblocked: z.array(UnblockedSchema).describe('Issues whose last open blocker this sync finished'),
  })
  .meta({ id: 'GithubSyncSummary' });

/** A sync may link (or relink) the project first; without a body it uses the stored link. */
export const GithubSyncRequestSchema = GithubLinkSchema.nullish();

export const WebhookHeadersSchema = z.object({
  'x-github-event': z.string().min(1).max(100).describe('The event, e.g. `issues`'),
  'x-github-delivery': z.string().min(1).max(100).describe("The delivery's id: a repeated one is ignored"),
  'x-hub-signature-256': z
    .string()
    .optional()
    .describe('`sha256=` HMAC of the body with the webhook secret; 401 when missing or wrong'),
});

export const WebhookPayloadSchema = z
  .looseObject({ action: z.string().optional() })
  .describe('The event payload exactly as GitHub sends it (application/json)');

export const WebhookAnswerSchema = z
  .object({
    delivery: z.string(),
    event: z.string(),
    outcome: z
      .enum(['accepted', 'repeated', 'ignored'])
      .describe(
        '`accepted`: handled after this answer; `repeated`: this delivery was taken before; `ignored`: an event isoplan does not use',
      ),
  })
  .meta({ id: 'WebhookAnswer' });
