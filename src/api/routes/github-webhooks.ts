// POST /v1/github/webhook: GitHub's deliveries. Authenticated by their signature alone (no bearer
// token: GitHub has none), acting as actor `github`. The answer comes at once (GitHub waits 10 s);
// the work is done after it (src/services/github-webhook-service.ts).
import type { ServerResponse } from 'node:http';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { WebhookSignatureError } from '../../integrations/github/github-errors.js';
import { FORM_CONTENT_TYPE } from '../../integrations/github/webhooks.js';
import type { GithubDelivery } from '../../services/github-webhook-service.js';
import { bodyLeftToHandler } from '../http/body-left-to-handler.js';
import { clientKey } from '../http/client-key.js';
import { originOf } from '../http/origin.js';
import { SIMULATION_COST } from '../plugins/rate-limit.js';
import { WebhookAnswerSchema, WebhookHeadersSchema, WebhookPayloadSchema } from '../schemas/github.js';
import { problemResponses } from '../schemas/problem.js';

/** What a delivery without a valid signature costs its address, in reads: as much as a simulator run. */
const UNSIGNED_COST = SIMULATION_COST;

/** GitHub caps payloads at 25 MB. */
const WEBHOOK_BODY_LIMIT = 25 * 1024 * 1024;

export const githubWebhookRoutes: FastifyPluginAsyncZod = async (app) => {
  const { githubWebhooks } = app.services;

  /**
   * A delivery taken is handled once its answer is out, or its sender gone (GitHub hangs up after 10 s):
   * the response's `close` comes in both cases, onResponse only in the first, and a delivery never handled
   * would keep its id taken in this process, each redelivery answered `repeated`.
   */
  const scheduleOnClose = (response: ServerResponse, delivery: GithubDelivery) => {
    if (response.destroyed) githubWebhooks.schedule(delivery);
    else response.once('close', () => githubWebhooks.schedule(delivery));
  };

  // The signature covers the bytes GitHub sent: keep them (this plugin only, in place of the app's parser),
  // as JSON or as the form GitHub sends when the webhook's content type is set to it.
  app.removeContentTypeParser('application/json');
  for (const type of ['application/json', FORM_CONTENT_TYPE]) {
    app.addContentTypeParser(type, { parseAs: 'string' }, (_request, body, done) => done(null, body));
  }

  app.post(
    '/v1/github/webhook',
    {
      bodyLimit: WEBHOOK_BODY_LIMIT,
      // No bearer token: the signature is checked by the service. A signed delivery is not rate limited:
      // GitHub does not send a refused delivery again by itself, so a 429 would lose it. An unsigned or
      // wrongly signed one spends its address's budget (UNSIGNED_COST), so that a sender without the
      // secret is soon answered 429.
      config: { scope: 'github-webhook', cost: 0 },
      // The body stays the text that was signed; the service parses it once the signature holds.
      validatorCompiler: bodyLeftToHandler,
      schema: {
        tags: ['github'],
        operationId: 'receiveGithubWebhook',
        // The shape of a delivery; a real one also needs GitHub's signature of its exact bytes.
        examples: {
          body: {
            action: 'closed',
            issue: { number: 84693, state: 'closed', state_reason: 'completed' },
            repository: { full_name: 'python/cpython' },
          },
        },
        summary: "GitHub's webhook deliveries (issues, sub_issues, issue_dependencies, pull_request, label)",
        description:
          'Checks `X-Hub-Signature-256` (401, nothing applied, when missing or wrong), reads the payload ' +
          '(`application/json`, or the `payload` field of `application/x-www-form-urlencoded`, the two ' +
          "content types GitHub can send; 400 when it is empty, or not a JSON object with the event's issue or pull " +
          'request and repository, or lacks a field isoplan reads of them, each named), ignores a repeated ' +
          '`X-GitHub-Delivery`, answers at once and does the work after the answer: linked projects follow ' +
          'their issues, sub-issues and dependencies, as a sync would; a pull request into the default branch ' +
          'that closes their issues gets a check run (or a commit status) named `isoplan`. No bearer token: the signature ' +
          'is the authentication, and changes are audited as actor `github`.',
        headers: WebhookHeadersSchema,
        body: WebhookPayloadSchema,
        response: {
          200: WebhookAnswerSchema,
          202: WebhookAnswerSchema,
          ...problemResponses(400, 401, 413, 415, 429),
        },
      },
    },
    async (request, reply) => {
      const headers = request.headers;
      const id = String(headers['x-github-delivery']);
      const event = String(headers['x-github-event']);
      const { outcome, delivery } = await githubWebhooks
        .receive({
          id,
          name: event,
          signature: headers['x-hub-signature-256'] as string | undefined,
          // No body at all (no content type either) is the empty one: its signature is checked as such.
          body: typeof request.body === 'string' ? request.body : '',
          contentType: headers['content-type'],
          origin: originOf(request),
        })
        .catch(async (error: unknown) => {
          if (error instanceof WebhookSignatureError) {
            await app.spendRateBudget(request, reply, clientKey(request), UNSIGNED_COST);
          }
          throw error;
        });
      if (delivery !== undefined) scheduleOnClose(reply.raw, delivery);
      return reply.code(outcome === 'accepted' ? 202 : 200).send({ delivery: id, event, outcome });
    },
  );
};
