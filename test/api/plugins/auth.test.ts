import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROBLEM_BASE } from '../../../src/domain/errors.js';
import { rawRequest } from '../raw-http.js';
import { createTestApp, listenOnLoopback, PROBLEM_JSON, type TestApp } from '../test-app.js';

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

  it('answers a write without a token 401 before 404, as a problem, saying nothing of what exists', async () => {
    for (const [method, url] of [
      ['POST', '/v1/projects/no-such-project/issues'],
      ['DELETE', '/v1/no-such-route'],
      ['PUT', '/v1/projects/no-such-project/issues/a/blocked-by/b'],
    ] as const) {
      const res = await t.app.inject({ method, url, payload: method === 'DELETE' ? undefined : {} });
      expect(res.statusCode, `${method} ${url}`).toBe(401);
      expect(res.headers['content-type']).toBe(PROBLEM_JSON);
      expect(res.json()).toMatchObject({ type: `${PROBLEM_BASE}unauthorized`, instance: url });
    }
    const withToken = await t.app.inject({
      method: 'DELETE',
      url: '/v1/no-such-route',
      headers: { authorization: `Bearer ${TOKEN}` },
    });
    expect(withToken.statusCode).toBe(404);
    expect(withToken.headers['content-type']).toBe(PROBLEM_JSON);
  });
});

describe('the audit actor', () => {
  let open: TestApp;
  let port: number;
  beforeAll(async () => {
    open = await createTestApp();
    port = await listenOnLoopback(open.app);
  });
  afterAll(() => open.close());

  /** Creates a project over a real socket with `actor` as the X-Actor header's bytes; answers the stored actor. */
  async function storedActor(slug: string, actor: Buffer): Promise<string> {
    const body = JSON.stringify({ slug, name: slug });
    const head = `POST /v1/projects HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: ${body.length}\r\nX-Actor: `;
    const res = await rawRequest(port, [
      Buffer.concat([Buffer.from(head), actor, Buffer.from(`\r\n\r\n${body}`)]),
    ]);
    expect(res.status).toBe(201);
    const history = await open.stores.audit.list(slug, { limit: 1 });
    return history.items[0]?.actor as string;
  }

  it('keeps UTF-8 text exactly as the client sent it', async () => {
    const text = 'ÿþ Zoë Ørsted 🚀 名前';
    expect(await storedActor('utf8-actor', Buffer.from(text, 'utf8'))).toBe(text);
  });

  it('reads bytes that are not UTF-8 as latin1', async () => {
    expect(await storedActor('latin1-actor', Buffer.from([0xff, 0xfe, 0x41]))).toBe('ÿþA');
  });

  it('shortens a long actor to 200 characters without splitting a character', async () => {
    const actor = await storedActor('long-actor', Buffer.from(`a${'🚀'.repeat(150)}`, 'utf8'));
    expect(actor.length).toBeLessThanOrEqual(200);
    expect(actor).toBe(`a${'🚀'.repeat(99)}`);
  });
});
