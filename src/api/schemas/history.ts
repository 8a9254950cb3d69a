// History: the audit trail of a project.
import { z } from 'zod';
import type { AuditEvent } from '../../domain/model.js';
import { IssueKeySchema, OnBehalfOfSchema, PageQuerySchema, pageOf, TimestampSchema } from './common.js';
import { queryOnce } from './query-once.js';

export const AuditEventSchema = z
  .object({
    id: z.number().int(),
    actor: z
      .string()
      .describe(
        "The name of the token that made the change; `anonymous` without one, `github` for GitHub's webhooks",
      ),
    onBehalfOf: OnBehalfOfSchema,
    tokenId: z
      .string()
      .nullable()
      .describe(
        'The id of the token that made the change, as GET /v1/tokens lists it (`api-token` for ISOPLAN_API_TOKEN): ' +
          'two live tokens may share a name. Null without a token (`anonymous`, `github`, the CLI on the ' +
          'database) and for changes recorded before tokens were told apart',
      ),
    action: z.string().describe('e.g. `project.create`, `issue.update`, `dependency.add`, `project.import`'),
    target: z
      .string()
      .nullable()
      .describe('Issue key, `issue<-blocker` for an edge, or null for the project'),
    before: z.unknown(),
    after: z.unknown(),
    at: TimestampSchema,
  })
  .meta({ id: 'AuditEvent' });

export const HistoryQuerySchema = PageQuerySchema.extend({
  issue: queryOnce(IssueKeySchema)
    .optional()
    .describe("Only this issue's events: its own changes and those of its dependencies, either way"),
});

export const HistoryPageSchema = pageOf(AuditEventSchema).meta({ id: 'HistoryPage' });

export function toAuditEventResponse(event: AuditEvent): z.infer<typeof AuditEventSchema> {
  return { ...event, at: event.at.toISOString() };
}
