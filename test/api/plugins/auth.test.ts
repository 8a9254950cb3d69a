import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROBLEM_BASE } from '../../../src/domain/errors.js';
import { createTestApp, type TestApp } from '../test-app.js';

const TOKEN = 'test-token-0123456789abcdef';
let t: TestApp;

beforeAll(async () => {
  t = await createTestApp({ apiToken: TOKEN });
});
afterAll(() => t.close());

describe('with ISOPLAN_API_TOKEN set', () => {
  it('refuses a write without a bearer token, with 401 problem+json and a challenge', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/v1/projects',
      payload: { slug: 'a', name: 'A' },
    });
    expect(res.statusCode).toBe(401);
    expect(res.headers['www-authenticate']).toBe('Bearer realm="isoplan"');
    expect(res.json().type).toBe(`${PROBLEM_BASE}unauthorized`);
  });

  it('refuses a write with a wrong token and changes nothing', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/v1/projects',
      headers: { authorization: 'Bearer wrong-token' },
      payload: { slug: 'b', name: 'B' },
    });
    expect(res.statusCode).toBe(401);
    await expect(t.stores.projects.get('b')).rejects.toThrow(/does not exist/);
  });

  it('accepts a write with the token and records the X-Actor as the actor', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/v1/projects',
      headers: { authorization: `Bearer ${TOKEN}`, 'x-actor': 'ci-bot' },
      payload: { slug: 'c', name: 'C' },
    });
    expect(res.statusCode).toBe(201);
    const history = await t.stores.audit.list('c', { limit: 10 });
    expect(history.items[0]?.actor).toBe('ci-bot');
  });

  it('keeps reads open', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/v1/projects' });
    expect(res.statusCode).toBe(200);
  });
});
