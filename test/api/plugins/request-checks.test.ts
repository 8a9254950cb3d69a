// Every problem of a request in one answer (api/plugins/request-checks.ts): Fastify stops at the first part
// of a request that fails, and each check before it stopped the request too; a client with a bad body and
// a misspelt query parameter now learns of both at once, on every route.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROBLEM_BASE } from '../../../src/domain/errors.js';
import { documentOperations } from '../document-operations.js';
import { createTestApp, givenIssue, givenProject, type TestApp } from '../test-app.js';

const PROJECT = 'every-problem';
const TOKEN = 'a-token-of-sixteen-chars-or-more';
const auth = { authorization: `Bearer ${TOKEN}` };
let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ apiToken: TOKEN });
  await givenProject(t.stores, { slug: PROJECT });
  await givenIssue(t.stores, PROJECT, { key: 'a', title: 'A' });
});
afterAll(() => t.close());

const paths = (res: { json(): { errors?: Array<{ path: string }> } }) =>
  (res.json().errors ?? []).map((e) => e.path).sort();

describe('a request with problems in more than one part', () => {
  it('names a bad body and a bad query parameter together', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: `/v1/projects/${PROJECT}/plan/what-if?include=bogus&zz=1`,
      headers: auth,
      payload: { done: 5 },
    });
    expect(res.statusCode).toBe(400);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.json()).toMatchObject({ type: `${PROBLEM_BASE}validation-error`, title: 'Invalid request' });
    expect(paths(res)).toEqual(['body.done', 'querystring.include[0]', 'querystring.zz']);
    expect(res.json().detail).toMatch(/body\.done: .*; querystring\./);
  });

  it('names bad path parameters with the body and the query', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/v1/projects/BAD_SLUG/plan/what-if?zz=1',
      headers: auth,
      payload: { done: 5 },
    });
    expect(res.statusCode).toBe(400);
    expect(paths(res)).toEqual(['body.done', 'params.project', 'querystring.zz']);
  });

  it('names a malformed precondition header with the body and the query', async () => {
    const res = await t.app.inject({
      method: 'PATCH',
      url: `/v1/projects/${PROJECT}/issues/a?zz=1`,
      headers: { ...auth, 'if-match': 'r1-unquoted' },
      payload: { title: 42 },
    });
    expect(res.statusCode).toBe(400);
    expect(paths(res)).toEqual(['body.title', 'headers.if-match', 'querystring.zz']);
    expect(
      (await t.app.inject({ url: `/v1/projects/${PROJECT}/issues/a`, headers: auth })).json().title,
    ).toBe('A');
  });

  it('names text that cannot be stored with the other parts’ problems', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: `/v1/projects/${PROJECT}/issues?zz=1`,
      headers: auth,
      payload: { key: 'b', title: 'nul\u0000here', estimateDays: 'two' },
    });
    expect(res.statusCode).toBe(400);
    expect(paths(res)).toEqual(['body.estimateDays', 'body.title', 'querystring.zz']);
  });

  it('names a body nested too deep with the query, without walking the body further', async () => {
    let deep: unknown = 'x';
    for (let i = 0; i < 2000; i++) deep = [deep];
    const res = await t.app.inject({
      method: 'POST',
      url: `/v1/projects/${PROJECT}/plan/what-if?zz=1`,
      headers: { ...auth, 'content-type': 'application/json' },
      payload: JSON.stringify({ done: deep }),
    });
    expect(res.statusCode).toBe(400);
    expect(paths(res)).toEqual(['body', 'querystring.zz']);
  });

  it('keeps a single problem as it was: one part, one answer', async () => {
    const res = await t.app.inject({
      method: 'PATCH',
      url: `/v1/projects/${PROJECT}/issues/a`,
      headers: { ...auth, 'if-match': 'r1-unquoted' },
      payload: { title: 'B' },
    });
    expect(res.json()).toMatchObject({
      type: `${PROBLEM_BASE}invalid-input`,
      detail: 'the If-Match header is malformed',
    });
  });
});

/** Every write of the OpenAPI document (the webhook aside: it is signed). */
async function writes() {
  const operations = await documentOperations(t.app, { project: PROJECT, key: 'a', blocker: 'b', id: '1' });
  return operations.filter((o) => o.method !== 'GET' && o.operationId !== 'receiveGithubWebhook');
}

describe('every operation', () => {
  it('names an unknown query parameter together with a body that is not what it takes', async () => {
    let both = 0;
    for (const { method, url, ...operation } of await writes()) {
      const res = await t.app.inject({
        method,
        url: `${url}?zz=1`,
        headers: { ...auth, 'content-type': 'application/json' },
        payload: '"not the body"',
      });
      const where = `${operation.operationId}: ${res.statusCode} ${res.body.slice(0, 300)}`;
      expect(res.statusCode, where).toBe(400);
      const found = paths(res);
      expect(found, where).toContain('querystring.zz');
      if (found.some((p) => p.startsWith('body'))) both++;
    }
    expect(both).toBeGreaterThan(10);
  });
});

// A union's refusal (src/api/http/union-issues.ts): `team` is a number of people or the people themselves.
describe('a value that matches none of the forms a field takes', () => {
  const whatIf = (team: unknown) =>
    t.app.inject({
      method: 'POST',
      url: `/v1/projects/${PROJECT}/forecast/what-if`,
      headers: auth,
      payload: { done: [], team },
    });

  it('names the types taken when its own type fits none', async () => {
    const res = await whatIf('three');
    expect(res.statusCode).toBe(400);
    expect(res.json().errors).toEqual([
      { path: 'body.team', message: 'Invalid input: expected number or array, received string' },
    ]);
  });

  it('names the problems inside the one form its type fits, at their own paths', async () => {
    const res = await whatIf([{ name: 1 }]);
    expect(res.statusCode).toBe(400);
    expect(res.json().errors).toEqual([
      { path: 'body.team[0].name', message: 'Invalid input: expected string, received number' },
    ]);
  });

  it('names what a number of the wrong kind is', async () => {
    const res = await whatIf(1.5);
    expect(res.json().errors).toEqual([
      { path: 'body.team', message: expect.stringMatching(/expected int/) },
    ]);
  });
});

describe('a body sent to an operation that takes none', () => {
  it('is refused, naming the body, rather than ignored: a validation is not run with another seed', async () => {
    const url = `/v1/projects/${PROJECT}/validations`;
    const before = (await t.app.inject({ url, headers: auth })).json().items.length;
    const res = await t.app.inject({ method: 'POST', url, headers: auth, payload: { seed: 5 } });
    expect(res.statusCode).toBe(400);
    expect(res.json().errors).toEqual([
      { path: 'body', message: expect.stringMatching(/^is not taken by this operation/) },
    ]);
    expect((await t.app.inject({ url, headers: auth })).json().items.length).toBe(before);
  });

  it('is taken as no body when it is {}, as the dashboard sends it', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: `/v1/projects/${PROJECT}/validations`,
      headers: auth,
      payload: {},
    });
    expect(res.statusCode, res.body).toBeLessThan(300);
  });

  it('is refused by every write whose document declares no request body', async () => {
    let refused = 0;
    for (const { method, url, ...operation } of await writes()) {
      if (operation.requestBody !== undefined) continue;
      const res = await t.app.inject({ method, url, headers: auth, payload: { unread: true } });
      const where = `${operation.operationId}: ${res.statusCode} ${res.body.slice(0, 300)}`;
      expect(res.statusCode, where).toBe(400);
      expect(res.json().errors, where).toContainEqual({ path: 'body', message: expect.any(String) });
      refused++;
    }
    expect(refused).toBeGreaterThan(5);
  });
});
