// GitHub webhooks: the signature check of a delivery (X-Hub-Signature-256, HMAC-SHA256 of the raw body
// with the webhook secret, compared in constant time) and the typed events isoplan handles. The secret
// stays inside the verifier.
import { createHmac, timingSafeEqual } from 'node:crypto';
import { createEventHandler, type EmitterWebhookEvent } from '@octokit/webhooks';
import { z } from 'zod';
import { WebhookPayloadError } from './github-errors.js';

export type { EmitterWebhookEvent } from '@octokit/webhooks';

/** The events isoplan subscribes to (README: "Use with GitHub"). */
export const WEBHOOK_EVENTS = [
  'issues',
  'sub_issues',
  'issue_dependencies',
  'pull_request',
  'label',
] as const;
export type HandledEventName = (typeof WEBHOOK_EVENTS)[number];

/**
 * The objects a delivery of each event must carry for isoplan to act on it (GitHub always sends them):
 * the issue or pull request, and the repository it belongs to.
 */
const REQUIRED_OBJECTS: Record<HandledEventName, readonly string[]> = {
  issues: ['issue', 'repository'],
  sub_issues: [],
  issue_dependencies: ['repository'],
  pull_request: ['pull_request', 'repository'],
  label: ['label', 'repository'],
};

// The fields isoplan reads of each event it acts on (GitHub always sends them; loose: the rest is kept as
// is). A signed delivery without them is refused at once (400 naming the field), rather than accepted and
// then failing in its handler, in the log only, and again on each redelivery.
const IssueShape = z.looseObject({
  id: z.number().int().positive(),
  number: z.number().int().positive(),
  title: z.string(),
  html_url: z.string(),
  repository_url: z.string(),
});
const RepositoryShape = z.looseObject({ full_name: z.string().regex(/^[^/\s]+\/[^/\s]+$/) });

/** The `issues` actions that change an issue's fields (the service reads the issue again). */
export const ISSUE_FIELD_ACTIONS = [
  'opened',
  'edited',
  'closed',
  'reopened',
  'labeled',
  'unlabeled',
  'assigned',
  'unassigned',
] as const;

/** The `pull_request` actions that get a check of the issues the pull request closes. */
export const PULL_REQUEST_ACTIONS = ['opened', 'synchronize', 'reopened', 'edited'] as const;

const among = (actions: readonly string[], action: unknown) =>
  typeof action === 'string' && actions.includes(action);

/** The shape a delivery of `name` with `action` must have; null: nothing more than REQUIRED_OBJECTS. */
function shapeOf(name: HandledEventName, action: unknown): z.ZodType | null {
  switch (name) {
    case 'issues':
      if (action === 'transferred') {
        return z.looseObject({
          issue: IssueShape,
          repository: RepositoryShape,
          changes: z.looseObject({ new_issue: IssueShape, new_repository: RepositoryShape }),
        });
      }
      return action === 'deleted' || among(ISSUE_FIELD_ACTIONS, action)
        ? z.looseObject({ issue: IssueShape, repository: RepositoryShape })
        : null;
    case 'sub_issues':
      return z.looseObject({
        sub_issue: IssueShape.optional(),
        parent_issue: IssueShape.optional(),
        sub_issue_repo: RepositoryShape.optional(),
        parent_issue_repo: RepositoryShape.optional(),
        repository: RepositoryShape.optional(),
      });
    case 'issue_dependencies':
      return z.looseObject({
        blocked_issue: IssueShape.optional(),
        blocked_issue_repo: RepositoryShape.optional(),
        repository: RepositoryShape,
      });
    case 'pull_request':
      if (!among(PULL_REQUEST_ACTIONS, action)) return null;
      return z.looseObject({
        pull_request: z.looseObject({
          body: z.string().nullable(),
          base: z.looseObject({ ref: z.string() }),
          head: z.looseObject({ sha: z.string() }),
        }),
        repository: RepositoryShape.extend({ default_branch: z.string() }),
        ...(action === 'edited'
          ? {
              changes: z.looseObject({
                body: z.looseObject({ from: z.string().nullable() }).optional(),
                base: z.looseObject({ ref: z.looseObject({ from: z.string() }) }).optional(),
              }),
            }
          : {}),
      });
    case 'label':
      return z.looseObject({
        label: z.looseObject({ name: z.string() }),
        repository: RepositoryShape,
        changes: z.looseObject({ name: z.looseObject({ from: z.string() }).optional() }).optional(),
      });
  }
}

/** `issue.id (expected number, received string)`: each problem of a shape, by the path of its field. */
function shapeProblems(error: z.ZodError): string {
  return error.issues
    .map((issue) => `\`${issue.path.map(String).join('.') || '(payload)'}\` (${issue.message})`)
    .join('; ');
}

/** The content type a GitHub webhook can be set to send instead of application/json. */
export const FORM_CONTENT_TYPE = 'application/x-www-form-urlencoded';

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * The payload of a delivery whose signature holds: its body as JSON (content type `application/json`), or,
 * as GitHub sends it with content type `application/x-www-form-urlencoded`, the JSON of the form's
 * `payload` field (the signature covers the form's bytes). WebhookPayloadError when it cannot be read.
 */
export function parseDelivery(
  name: HandledEventName,
  body: string,
  contentType: string | undefined,
): Record<string, unknown> {
  if (body.trim() === '') {
    throw new WebhookPayloadError(
      `the ${name} delivery's body is empty: GitHub sends the event's JSON payload`,
    );
  }
  const form = contentType?.split(';')[0]?.trim().toLowerCase() === FORM_CONTENT_TYPE;
  const text = form ? new URLSearchParams(body).get('payload') : body;
  if (text === null) {
    throw new WebhookPayloadError(`the ${FORM_CONTENT_TYPE} delivery has no \`payload\` field`);
  }
  let payload: unknown;
  try {
    payload = JSON.parse(text);
  } catch (error) {
    throw new WebhookPayloadError(
      `the ${name} delivery${form ? "'s payload field" : ''} is not JSON (${(error as Error).message})`,
    );
  }
  if (!isObject(payload)) {
    throw new WebhookPayloadError(`the ${name} delivery's payload is not a JSON object`);
  }
  const missing = REQUIRED_OBJECTS[name].filter((field) => !isObject(payload[field]));
  if (missing.length > 0) {
    const named = missing.map((f) => `\`${f}\``);
    throw new WebhookPayloadError(
      `the ${name} delivery has ${named.length === 1 ? `no ${named[0]} object` : `neither ${named.join(' nor ')} object`}`,
    );
  }
  const shaped = shapeOf(name, payload.action)?.safeParse(payload);
  if (shaped !== undefined && !shaped.success) {
    throw new WebhookPayloadError(
      `the ${name}${typeof payload.action === 'string' ? `.${payload.action}` : ''} delivery lacks what isoplan reads: ${shapeProblems(shaped.error)}`,
    );
  }
  return payload;
}

export type IssuesEvent = EmitterWebhookEvent<'issues'>;
export type SubIssuesEvent = EmitterWebhookEvent<'sub_issues'>;
export type IssueDependenciesEvent = EmitterWebhookEvent<'issue_dependencies'>;
export type PullRequestEvent = EmitterWebhookEvent<'pull_request'>;

export interface WebhookVerifier {
  /** True when `signature` (`sha256=…`) is the HMAC of exactly these bytes with the secret. */
  verify(payload: string, signature: string): Promise<boolean>;
}

export function createWebhookVerifier(secret: string): WebhookVerifier {
  // GitHub's own scheme (docs.github.com, "Validating webhook deliveries"), computed here rather than by
  // @octokit/webhooks' verify, which throws on an empty payload: an empty body GitHub's secret signed
  // holds its signature, and is then refused for being empty (400), not for a signature that matches.
  return {
    async verify(payload, signature) {
      const expected = Buffer.from(`sha256=${createHmac('sha256', secret).update(payload).digest('hex')}`);
      const given = Buffer.from(signature);
      return given.length === expected.length && timingSafeEqual(given, expected);
    },
  };
}

/** Dispatches deliveries to handlers by event name, typed by @octokit/webhooks (no secret needed). */
export function createWebhookDispatcher() {
  return createEventHandler({});
}
