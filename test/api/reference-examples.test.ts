// Every operation of the API reference, sent exactly as /docs pre-fills it ("Try it out" without editing a
// value), against the demo as `npm start` loads it, authorized with an admin token as a reader would: each
// answers 2xx, and the demo is the same afterwards. GitHub is the fake one, holding the meta issue the GitHub
// examples link to.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadDemoIfEmpty } from '../../src/store/demo.js';
import { FakeGithub } from '../integrations/github/fake-github.js';
import { testGithubClient } from '../integrations/github/test-client.js';
import { createTestApp, type TestApp } from './test-app.js';

type Parameter = { in: string; name: string; example?: unknown };
type Operation = {
  operationId: string;
  parameters?: Parameter[];
  requestBody?: { content: Record<string, { example?: unknown }> };
};
type Request = { operationId: string; method: string; url: string; body?: unknown };

let t: TestApp;
let fake: FakeGithub;
let requests: Request[];

/** The reader's own admin token, made first as the README says (`isoplan token create`): Authorize's. */
let admin: string;

beforeAll(async () => {
  fake = await FakeGithub.start();
  fake.issue('python/cpython', 84692, { title: 'Per-interpreter GIL' });
  fake.issue('python/cpython', 84693, { title: 'Isolate the tuple free list' });
  fake.setParent(['python/cpython', 84693], ['python/cpython', 84692]);
  t = await createTestApp({}, { github: testGithubClient(fake) });
  await loadDemoIfEmpty(t.stores);
  admin = (await t.app.services.tokens.create({ name: 'reader', scope: 'admin' }, { actor: 'test' })).secret;
  const doc = (await t.app.inject({ method: 'GET', url: '/openapi.json' })).json() as {
    paths: Record<string, Record<string, Operation>>;
  };
  requests = Object.entries(doc.paths).flatMap(([path, operations]) =>
    Object.entries(operations).map(([method, op]) => {
      const parameters = op.parameters ?? [];
      let url = path;
      for (const p of parameters.filter((p) => p.in === 'path')) {
        url = url.replace(`{${p.name}}`, encodeURIComponent(String(p.example)));
      }
      const query = new URLSearchParams(
        parameters
          .filter((p) => p.in === 'query' && p.example !== undefined)
          .map((p): [string, string] => [p.name, String(p.example)]),
      ).toString();
      const body = op.requestBody?.content['application/json']?.example;
      return {
        operationId: op.operationId,
        method: method.toUpperCase(),
        url: query ? `${url}?${query}` : url,
        body,
      };
    }),
  );
});
afterAll(async () => {
  await t.close();
  await fake.close();
});

/** The order a reader trying them goes: what creates first, what deletes last, the rest as documented. */
function storyOrder(requests: Request[]): Request[] {
  const phase = (r: Request) =>
    r.method === 'DELETE' ? 2 : r.method === 'POST' && !r.url.includes('/plan/') ? 0 : 1;
  return [...requests].sort((a, b) => phase(a) - phase(b));
}

describe('the examples of the API reference, on the demo', () => {
  it('answer 2xx for every operation, and leave the demo as it was', { timeout: 120_000 }, async () => {
    const demoBefore = (
      await t.app.inject({ method: 'GET', url: '/v1/projects/per-interpreter-gil/export' })
    ).json();
    expect(requests.length).toBeGreaterThanOrEqual(36);
    // GitHub's webhook is authenticated by an HMAC of each delivery with a secret: no example can carry one.
    for (const r of storyOrder(requests).filter((r) => r.operationId !== 'receiveGithubWebhook')) {
      // The event stream never ends: its headers are what a HEAD request shows.
      const method = r.operationId === 'streamProjectEvents' ? 'HEAD' : r.method;
      const res = await t.app.inject({
        method: method as 'GET',
        url: r.url,
        payload: r.body as object,
        headers: { authorization: `Bearer ${admin}` },
      });
      expect({
        operation: r.operationId,
        status: res.statusCode,
        body: res.statusCode < 300 ? '' : res.body,
      }).toEqual({
        operation: r.operationId,
        status: expect.toSatisfy((s: number) => s >= 200 && s < 300),
        body: '',
      });
    }
    const demoAfter = (
      await t.app.inject({ method: 'GET', url: '/v1/projects/per-interpreter-gil/export' })
    ).json();
    expect(demoAfter).toEqual(demoBefore);
  });
});
