import { createHmac } from 'node:crypto';
import { createRequire } from 'node:module';
import type { WebhookDefinition } from '@octokit/webhooks-examples';
import { describe, expect, it } from 'vitest';
import {
  createWebhookVerifier,
  type HandledEventName,
  parseDelivery,
  WEBHOOK_EVENTS,
} from '../../../src/integrations/github/webhooks.js';

const SECRET = 'the-webhook-secret-of-the-test';
const sign = (payload: string, secret = SECRET) =>
  `sha256=${createHmac('sha256', secret).update(payload).digest('hex')}`;

describe('createWebhookVerifier', () => {
  const verifier = createWebhookVerifier(SECRET);
  const payload = '{"action":"opened","number":1}';

  it('accepts the HMAC-SHA256 of exactly the bytes received', async () => {
    expect(await verifier.verify(payload, sign(payload))).toBe(true);
  });

  it('accepts the HMAC-SHA256 of an empty body, and refuses another one for it', async () => {
    expect(await verifier.verify('', sign(''))).toBe(true);
    expect(await verifier.verify('', sign('', 'another-secret'))).toBe(false);
  });

  it('refuses another secret, another body, an old sha1 signature and garbage', async () => {
    expect(await verifier.verify(payload, sign(payload, 'another-secret'))).toBe(false);
    expect(await verifier.verify(`${payload} `, sign(payload))).toBe(false);
    expect(
      await verifier.verify(payload, `sha1=${createHmac('sha1', SECRET).update(payload).digest('hex')}`),
    ).toBe(false);
    expect(await verifier.verify(payload, 'sha256=zz')).toBe(false);
    expect(await verifier.verify(payload, '')).toBe(false);
  });
});

describe('parseDelivery', () => {
  const definitions = createRequire(import.meta.url)('@octokit/webhooks-examples') as WebhookDefinition[];

  it("takes every example GitHub publishes of the events it handles (the fields it reads are GitHub's)", () => {
    let examples = 0;
    for (const definition of definitions) {
      if (!(WEBHOOK_EVENTS as readonly string[]).includes(definition.name)) continue;
      for (const example of definition.examples) {
        const body = JSON.stringify(example);
        expect(() =>
          parseDelivery(definition.name as HandledEventName, body, 'application/json'),
        ).not.toThrow();
        examples += 1;
      }
    }
    expect(examples).toBeGreaterThan(20);
  });
});
