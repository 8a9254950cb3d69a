// GitHub webhooks: the signature check of a delivery (X-Hub-Signature-256, HMAC-SHA256 of the raw body
// with the webhook secret, compared in constant time by @octokit/webhooks) and the typed events isoplan
// handles. The secret stays inside the verifier.
import { createEventHandler, type EmitterWebhookEvent, Webhooks } from '@octokit/webhooks';
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
  const webhooks = new Webhooks({ secret });
  return {
    async verify(payload, signature) {
      if (!signature.startsWith('sha256=')) return false;
      try {
        return await webhooks.verify(payload, signature);
      } catch {
        return false; // a malformed signature is a wrong one
      }
    },
  };
}

/** Dispatches deliveries to handlers by event name, typed by @octokit/webhooks (no secret needed). */
export function createWebhookDispatcher() {
  return createEventHandler({});
}
