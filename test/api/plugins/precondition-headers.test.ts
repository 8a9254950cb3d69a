// A malformed If-Match or If-None-Match is a 400 naming it, on every route (api/plugins/precondition-headers.ts):
// not a 412 that every retry gets again, not a full answer that never becomes a 304.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROBLEM_BASE } from '../../../src/domain/errors.js';
import { createTestApp, givenIssue, givenProject, type TestApp } from '../test-app.js';

const PROJECT = 'conditional';
let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
  await givenProject(t.stores, { slug: PROJECT });
  await givenIssue(t.stores, PROJECT, { key: 'a', title: 'A' });
});
afterAll(() => t.close());

const issueUrl = `/v1/projects/${PROJECT}/issues/a`;

describe('a malformed precondition header', () => {
  it('refuses a write sent with the ETag unquoted, naming If-Match, and writes nothing', async () => {
    const etag = String((await t.app.inject({ url: issueUrl })).headers.etag);
    const res = await t.app.inject({
      method: 'PATCH',
      url: issueUrl,
      headers: { 'if-match': etag.slice(1, -1) },
      payload: { title: 'B' },
    });
    expect(res.statusCode).toBe(400);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.json()).toMatchObject({
      type: `${PROBLEM_BASE}invalid-input`,
      detail: 'the If-Match header is malformed',
      errors: [{ path: 'headers.if-match', message: expect.stringContaining('quotes included') }],
    });
    expect((await t.app.inject({ url: issueUrl })).json().title).toBe('A');
  });

  it('refuses a read whose If-None-Match is malformed, rather than answering it in full every time', async () => {
    const res = await t.app.inject({ url: issueUrl, headers: { 'if-none-match': 'r1-abc' } });
    expect(res.statusCode).toBe(400);
    expect(res.json().errors).toEqual([
      { path: 'headers.if-none-match', message: expect.stringContaining('If-None-Match: "r12-mxdea8u3"') },
    ]);
  });

  it('is refused on a route that takes no precondition too', async () => {
    const res = await t.app.inject({
      method: 'PUT',
      url: `/v1/projects/${PROJECT}/issues/a/blocked-by/b`,
      headers: { 'if-match': 'W/' },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().errors[0].path).toBe('headers.if-match');
  });

  it('lets a well-formed list through: the weak comparison still answers 304', async () => {
    const etag = String((await t.app.inject({ url: issueUrl })).headers.etag);
    const res = await t.app.inject({ url: issueUrl, headers: { 'if-none-match': `"other", W/${etag}` } });
    expect(res.statusCode).toBe(304);
  });
});
