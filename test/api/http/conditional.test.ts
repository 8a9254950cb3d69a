// Conditional reads (src/api/http/conditional.ts): a read that sends an ETag evaluates If-Match as RFC 9110
// §13.1.1 says, a 412 when the tag it names is not the current one, before If-None-Match; a read that sends
// no ETag refuses If-Match (nothing for it to match) rather than ignoring it. Read from the OpenAPI
// document, so that a read added later is held to it too: one that declares a 304 sends an ETag.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROBLEM_BASE } from '../../../src/domain/errors.js';
import { documentOperations } from '../document-operations.js';
import { createTestApp, givenIssue, givenProject, type TestApp } from '../test-app.js';

const PROJECT = 'conditional-reads';
const TOKEN = 'a-token-of-sixteen-chars-or-more';
const auth = { authorization: `Bearer ${TOKEN}` };
/** A well-formed tag that is no representation's. */
const STALE = '"r0-stale"';
let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ apiToken: TOKEN });
  await givenProject(t.stores, { slug: PROJECT });
  await givenIssue(t.stores, PROJECT, { key: 'a', title: 'A', estimateDays: 2 });
});
afterAll(() => t.close());

/** Every read of the OpenAPI document; `tagged` when it declares a 304: it sends an ETag. */
async function reads() {
  const operations = await documentOperations(t.app, {
    project: PROJECT,
    key: 'a',
    badge: 'progress',
    id: '1',
  });
  return operations
    .filter((o) => o.method === 'GET')
    .map(({ url, operationId, responses }) => ({ url, operationId, tagged: '304' in responses }));
}

const tagged = async () => (await reads()).filter((r) => r.tagged);

describe('If-Match on a read that sends an ETag', () => {
  it('is a 412 naming the current ETag when it names another, on GET and HEAD of every such read', async () => {
    const found = await tagged();
    expect(found.length).toBeGreaterThanOrEqual(8);
    for (const { url, operationId } of found) {
      for (const method of ['GET', 'HEAD'] as const) {
        const res = await t.app.inject({ method, url, headers: { ...auth, 'if-match': STALE } });
        const where = `${method} ${operationId}: ${res.statusCode} ${res.body.slice(0, 200)}`;
        expect(res.statusCode, where).toBe(412);
        expect(res.headers['content-type'], where).toMatch(/^application\/problem\+json/);
        expect(res.headers.etag, where).toMatch(/^"r\d+-/);
        if (method === 'GET') {
          expect(res.json(), where).toMatchObject({
            type: `${PROBLEM_BASE}precondition-failed`,
            currentETag: res.headers.etag,
          });
        }
      }
    }
  });

  it('answers in full when it names the current ETag, or is *', async () => {
    for (const { url, operationId } of await tagged()) {
      const etag = String((await t.app.inject({ url, headers: auth })).headers.etag);
      for (const ifMatch of [etag, `${STALE}, ${etag}`, '*']) {
        const res = await t.app.inject({ url, headers: { ...auth, 'if-match': ifMatch } });
        expect(res.statusCode, `${operationId} If-Match: ${ifMatch}`).toBe(200);
        expect(res.headers.etag, operationId).toBe(etag);
      }
    }
  });

  it('compares strongly: the weak form of the current ETag does not match', async () => {
    const url = `/v1/projects/${PROJECT}`;
    const etag = String((await t.app.inject({ url, headers: auth })).headers.etag);
    const res = await t.app.inject({ url, headers: { ...auth, 'if-match': `W/${etag}` } });
    expect(res.statusCode).toBe(412);
  });

  it('is evaluated before If-None-Match: a stale If-Match is a 412 even when the copy is current', async () => {
    const url = `/v1/projects/${PROJECT}/issues/a`;
    const etag = String((await t.app.inject({ url, headers: auth })).headers.etag);
    const res = await t.app.inject({
      url,
      headers: { ...auth, 'if-match': STALE, 'if-none-match': etag },
    });
    expect(res.statusCode).toBe(412);
    const both = await t.app.inject({ url, headers: { ...auth, 'if-match': etag, 'if-none-match': etag } });
    expect(both.statusCode).toBe(304);
  });

  it("is a 412 on the dashboard's files too, which send an ETag", async () => {
    for (const url of ['/', '/assets/app.js']) {
      const res = await t.app.inject({ url, headers: { 'if-match': STALE } });
      expect(res.statusCode, url).toBe(412);
    }
  });

  it('lets a 404 be a 404: a resource that is not there has no tag to compare', async () => {
    const res = await t.app.inject({
      url: `/v1/projects/${PROJECT}/issues/missing`,
      headers: { ...auth, 'if-match': '*' },
    });
    expect(res.statusCode).toBe(404);
  });
});

describe('If-Match on a read that sends no ETag', () => {
  it('is refused, a 400 naming headers.if-match, rather than ignored', async () => {
    const untagged = (await reads()).filter((r) => !r.tagged);
    expect(untagged.length).toBeGreaterThan(10);
    for (const { url, operationId } of untagged) {
      const res = await t.app.inject({ url, headers: { ...auth, 'if-match': '*' } });
      const where = `${operationId}: ${res.statusCode} ${res.body.slice(0, 200)}`;
      expect(res.statusCode, where).toBe(400);
      // With the request's other problems, if any (a read that needs a query parameter names it too).
      expect(res.json().errors, where).toContainEqual({
        path: 'headers.if-match',
        message: expect.stringMatching(/^is not evaluated by this operation: this read sends no ETag/),
      });
    }
  });

  it('leaves If-None-Match to answer in full as before', async () => {
    const res = await t.app.inject({
      url: `/v1/projects/${PROJECT}/issues`,
      headers: { ...auth, 'if-none-match': STALE },
    });
    expect(res.statusCode).toBe(200);
  });
});
