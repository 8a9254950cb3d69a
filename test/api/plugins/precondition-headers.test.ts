// A malformed If-Match or If-None-Match is a 400 naming it, on every route (api/plugins/precondition-headers.ts):
// not a 412 that every retry gets again, not a full answer that never becomes a 304. A write refuses a
// precondition it does not evaluate rather than writing as if it held: read from the OpenAPI document, so
// that an operation added later is held to it too.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROBLEM_BASE } from '../../../src/domain/errors.js';
import { documentOperations } from '../document-operations.js';
import { createTestApp, givenIssue, givenProject, type TestApp } from '../test-app.js';

const PROJECT = 'conditional';
/** The admin token: every operation is reached, token management's too. */
const TOKEN = 'a-token-of-sixteen-chars-or-more';
const auth = { authorization: `Bearer ${TOKEN}` };
let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ apiToken: TOKEN });
  await givenProject(t.stores, { slug: PROJECT });
  await givenIssue(t.stores, PROJECT, { key: 'a', title: 'A' });
});
afterAll(() => t.close());

const issueUrl = `/v1/projects/${PROJECT}/issues/a`;

describe('a malformed precondition header', () => {
  it('refuses a write sent with the ETag unquoted, naming If-Match, and writes nothing', async () => {
    const etag = String((await t.app.inject({ url: issueUrl, headers: auth })).headers.etag);
    const res = await t.app.inject({
      method: 'PATCH',
      url: issueUrl,
      headers: { ...auth, 'if-match': etag.slice(1, -1) },
      payload: { title: 'B' },
    });
    expect(res.statusCode).toBe(400);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.json()).toMatchObject({
      type: `${PROBLEM_BASE}invalid-input`,
      detail: 'the If-Match header is malformed',
      errors: [{ path: 'headers.if-match', message: expect.stringContaining('quotes included') }],
    });
    expect((await t.app.inject({ url: issueUrl, headers: auth })).json().title).toBe('A');
  });

  it('refuses a read whose If-None-Match is malformed, rather than answering it in full every time', async () => {
    const res = await t.app.inject({ url: issueUrl, headers: { ...auth, 'if-none-match': 'r1-abc' } });
    expect(res.statusCode).toBe(400);
    expect(res.json().errors).toEqual([
      { path: 'headers.if-none-match', message: expect.stringContaining('If-None-Match: "r12-mxdea8u3"') },
    ]);
  });

  it('is refused on a route that takes no precondition too', async () => {
    const res = await t.app.inject({
      method: 'PUT',
      url: `/v1/projects/${PROJECT}/issues/a/blocked-by/b`,
      headers: { ...auth, 'if-match': 'W/' },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().errors[0].path).toBe('headers.if-match');
  });

  it('lets a well-formed list through: the weak comparison still answers 304', async () => {
    const etag = String((await t.app.inject({ url: issueUrl, headers: auth })).headers.etag);
    const res = await t.app.inject({
      url: issueUrl,
      headers: { ...auth, 'if-none-match': `"other", W/${etag}` },
    });
    expect(res.statusCode).toBe(304);
  });
});

describe('a precondition a write does not evaluate', () => {
  async function writes() {
    const operations = await documentOperations(t.app, { project: PROJECT, key: 'a', blocker: 'b', id: '1' });
    return operations
      .filter((o) => o.method !== 'GET')
      .map(({ method, url, ...operation }) => ({ method, url, operation }));
  }

  /** The write with an empty JSON body and the precondition `header`. */
  const send = (method: string, url: string, header: Record<string, string>) =>
    t.app.inject({
      method: method as 'POST',
      url,
      headers: { ...auth, ...header, 'content-type': 'application/json' },
      payload: '{}',
    });

  it('is refused as If-Match by every write whose document does not say it honours it, and taken by the others', async () => {
    let refused = 0;
    for (const { method, url, operation } of await writes()) {
      const res = await send(method, url, { 'if-match': '"r0"' });
      const where = `${operation.operationId}: ${res.statusCode} ${res.body.slice(0, 200)}`;
      const refusal = res.statusCode === 400 ? res.json().errors?.[0] : undefined;
      if (`${operation.summary} ${operation.description}`.includes('honours If-Match')) {
        expect(refusal?.path, where).not.toBe('headers.if-match');
      } else {
        expect(refusal, where).toEqual({
          path: 'headers.if-match',
          message: expect.stringMatching(/^is not evaluated by this operation/),
        });
        refused++;
      }
    }
    expect(refused).toBeGreaterThan(10);
  });

  it('is refused as If-None-Match by every write', async () => {
    for (const { method, url, operation } of await writes()) {
      const res = await send(method, url, { 'if-none-match': '*' });
      expect(res.statusCode, operation.operationId).toBe(400);
      expect(res.json().errors[0].path, operation.operationId).toBe('headers.if-none-match');
    }
  });

  it('keeps an import sent with If-None-Match: * from replacing the project there', async () => {
    const exported = (await t.app.inject({ url: `/v1/projects/${PROJECT}/export`, headers: auth })).json();
    const res = await t.app.inject({
      method: 'POST',
      url: `/v1/projects/${PROJECT}/import`,
      headers: { ...auth, 'if-none-match': '*' },
      payload: { ...exported, issues: [] },
    });
    expect(res.statusCode).toBe(400);
    expect((await t.app.inject({ url: issueUrl, headers: auth })).statusCode).toBe(200);
  });
});

describe('a request no route takes', () => {
  it('is a 405 naming the methods its path takes, whatever If-Match it sends', async () => {
    // PUT where PATCH was meant, sent as the CLI and the dashboard send their writes: with If-Match.
    const etag = String((await t.app.inject({ url: issueUrl, headers: auth })).headers.etag);
    const res = await t.app.inject({
      method: 'PUT',
      url: issueUrl,
      headers: { ...auth, 'if-match': etag, 'content-type': 'application/json' },
      payload: { title: 'B' },
    });
    expect(res.statusCode).toBe(405);
    expect(res.headers.allow).toBe('DELETE, GET, HEAD, PATCH');
  });

  it('is a 404 naming the path, whatever its precondition headers hold', async () => {
    for (const headers of [{ 'if-match': '"r1"' }, { 'if-none-match': '*' }, { 'if-match': 'r1' }]) {
      const res = await t.app.inject({
        method: 'PATCH',
        url: `/v1/projects/${PROJECT}/isues/a`,
        headers: { ...auth, ...headers },
      });
      expect(res.statusCode, JSON.stringify(headers)).toBe(404);
      expect(res.json().type).toBe(`${PROBLEM_BASE}route-not-found`);
    }
  });
});
