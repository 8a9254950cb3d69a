// GitHub webhooks: the signature check of a delivery (X-Hub-Signature-256, HMAC-SHA256 of the raw body
// with the webhook secret, compared in constant time by @octokit/webhooks) and the typed events isoplan
// handles. The secret stays inside the verifier.
import { createEventHandler, type EmitterWebhookEvent, Webhooks } from '@octokit/webhooks';

export type { EmitterWebhookEvent } from '@octokit/webhooks';

/** The events isoplan subscribes to (README: "Use with GitHub"). */
export const WEBHOOK_EVENTS = ['issues', 'sub_issues', 'issue_dependencies', 'pull_request'] as const;
export type HandledEventName = (typeof WEBHOOK_EVENTS)[number];

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
