// One rule for a query parameter an operation does not declare, on every operation (api/plugins/strict-query.ts):
// a 400 naming it, and the declared parameter it is closest to, never ignored. Read from the OpenAPI document,
// so that an operation added later is held to it too. An operation that needs a body is tried without one
// only where that is its one problem: Fastify checks the body before the query string and stops at the
// first part that fails (a write's query is tried on its own below).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROBLEM_BASE } from '../../../src/domain/errors.js';
import { createTestApp, givenIssue, givenProject, type TestApp } from '../test-app.js';

type Parameter = { in: string; name: string; schema?: { enum?: string[] } };
type Operation = { operationId: string; parameters?: Parameter[]; requestBody?: { required?: boolean } };

/** The admin token: every operation is reached, token management's too. */
const TOKEN = 'a-token-of-sixteen-chars-or-more';
const PROJECT = 'strict';
let t: TestApp;
let operations: Array<{ method: string; path: string; operation: Operation }>;

beforeAll(async () => {
  t = await createTestApp({ apiToken: TOKEN });
  await givenProject(t.stores, { slug: PROJECT });
  await givenIssue(t.stores, PROJECT, { key: 'a' });
  await givenIssue(t.stores, PROJECT, { key: 'b' });
  const document = (await t.app.inject({ url: '/openapi.json' })).json() as {
    paths: Record<string, Record<string, Operation>>;
  };
  operations = Object.entries(document.paths).flatMap(([path, methods]) =>
    Object.entries(methods)
      .filter(([, operation]) => operation.requestBody?.required !== true)
      .map(([method, operation]) => ({ method, path, operation })),
  );
});
afterAll(() => t.close());

/** The operation's URL on the fixture: path parameters that exist (or the first of their values). */
function urlOf(path: string, operation: Operation): string {
  const fixture: Record<string, string> = { project: PROJECT, key: 'a', blocker: 'b' };
  return path.replace(/\{([^}]+)\}/g, (_, name: string) => {
    const values = operation.parameters?.find((p) => p.in === 'path' && p.name === name)?.schema?.enum;
    return fixture[name] ?? values?.[0] ?? 'x';
  });
}

function call(method: string, url: string, body?: unknown) {
  return t.app.inject({
    method: method.toUpperCase() as 'GET',
    url,
    headers: { authorization: `Bearer ${TOKEN}` },
    ...(body === undefined ? {} : { payload: body as object }),
  });
}

/** `trials` → `rtials`: its first two letters swapped, one edit away. */
const typoOf = (name: string) => `${name[1]}${name[0]}${name.slice(2)}`;

describe('a query parameter the operation does not declare', () => {
  it('is a 400 naming it on every operation', async () => {
    const checked: string[] = [];
    for (const { method, path, operation } of operations) {
      const res = await call(method, `${urlOf(path, operation)}?bogus-parameter=1`);
      const where = `${operation.operationId} (${method} ${path})`;
      expect(res.statusCode, `${where}: ${res.body}`).toBe(400);
      expect(res.headers['content-type'], where).toMatch(/^application\/problem\+json/);
      expect(res.json().type, where).toBe(`${PROBLEM_BASE}validation-error`);
      expect(res.json().errors, where).toContainEqual({
        path: 'querystring.bogus-parameter',
        message: expect.stringMatching(/^unknown parameter: this operation takes /),
      });
      checked.push(where);
    }
    expect(checked.length).toBeGreaterThan(30);
  });

  it('names the declared parameter it is a typo of, on every operation that declares some', async () => {
    let checked = 0;
    for (const { method, path, operation } of operations) {
      for (const { name } of (operation.parameters ?? []).filter((p) => p.in === 'query')) {
        const typo = typoOf(name);
        const res = await call(method, `${urlOf(path, operation)}?${typo}=1`);
        const where = `${operation.operationId} ?${typo}`;
        expect(res.statusCode, `${where}: ${res.body}`).toBe(400);
        expect(res.json().errors, where).toContainEqual({
          path: `querystring.${typo}`,
          message: `unknown parameter: did you mean '${name}'?`,
        });
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(15);
  });

  it('is said of an operation that declares none', async () => {
    const res = await call('get', '/healthz?verbose=1');
    expect(res.json().errors).toEqual([
      { path: 'querystring.verbose', message: 'unknown parameter: this operation takes no query parameters' },
    ]);
  });

  it('says of a value without a name that it has none', async () => {
    const res = await call('get', `/v1/projects/${PROJECT}/issues?=open`);
    expect(res.statusCode).toBe(400);
    expect(res.json().errors).toEqual([
      {
        path: 'querystring.',
        message: 'a parameter without a name: give each value its name (`?name=value`)',
      },
    ]);
  });

  it('lists what the operation takes when no declared parameter is close', async () => {
    const res = await call('get', `/v1/projects/${PROJECT}/plan?format=dot`);
    expect(res.json().detail).toBe(
      "the request is invalid: querystring.format: unknown parameter: this operation takes 'include'",
    );
  });

  it('is named beside the other problems of the query', async () => {
    const res = await call('get', `/v1/projects/${PROJECT}/forecast?trails=100&seed=x`);
    expect(res.json().errors).toEqual(
      expect.arrayContaining([
        { path: 'querystring.trails', message: "unknown parameter: did you mean 'trials'?" },
        { path: 'querystring.seed', message: expect.stringMatching(/^must be an integer/) },
      ]),
    );
  });

  it('is refused whatever If-None-Match says, the tag of the same URL without it included', async () => {
    const url = `/v1/projects/${PROJECT}/forecast?trials=100`;
    const { etag } = (await call('get', url)).headers;
    const res = await t.app.inject({
      url: `${url}&trails=100`,
      headers: { authorization: `Bearer ${TOKEN}`, 'if-none-match': String(etag) },
    });
    expect(res.statusCode).toBe(400);
  });

  it('refuses a write whole: nothing is written', async () => {
    const res = await call('post', `/v1/projects/${PROJECT}/issues?dryrun=1`, { key: 'c', title: 'C' });
    expect(res.statusCode).toBe(400);
    expect((await call('get', `/v1/projects/${PROJECT}/issues/c`)).statusCode).toBe(404);
  });

  it('is left to the dashboard page, which reads its own query string', async () => {
    const res = await t.app.inject({ url: `/projects/${PROJECT}?tab=graph&focus=a` });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/html/);
  });
});
