import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { etagOf } from '../../../src/store/etag.js';
import { createTestApp, givenIssue, givenProject, PROBLEM_JSON, type TestApp } from '../test-app.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

const putClaims = (project: string, key: string, claims: unknown, headers: Record<string, string> = {}) =>
  t.app.inject({
    method: 'PUT',
    url: `/v1/projects/${project}/issues/${key}/claims`,
    payload: claims as object,
    headers,
  });

describe('PUT /v1/projects/:project/issues/:key/claims', () => {
  it('replaces the claims of an issue, bumps its revision and audits the change', async () => {
    const project = (await givenProject(t.stores)).slug;
    const issue = await givenIssue(t.stores, project);
    const { key, revision } = issue;
    const claims = [
      { component: 'freelist.tuple', placement: 'per-interpreter' },
      { component: 'ext:_decimal', placement: 'multi-phase' },
    ];
    const res = await putClaims(project, key, claims);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ key, claims, revision: revision + 1 });
    expect(res.headers.etag).toBe(etagOf({ ...issue, revision: revision + 1 }));
    expect((await t.stores.issues.get(project, key)).claims).toEqual(claims);
    const history = await t.stores.audit.list(project, { limit: 1 });
    expect(history.items[0]).toMatchObject({ action: 'issue.update', target: key });
  });

  it('refuses unknown components and placements with a 400 naming each, and changes nothing', async () => {
    const project = (await givenProject(t.stores)).slug;
    const issue = await givenIssue(t.stores, project);
    const { key, revision } = issue;
    const res = await putClaims(project, key, [
      { component: 'freelist.nope', placement: 'per-interpreter' },
      { component: 'gc', placement: 'sideways' },
      { component: 'gc', placement: 'immortal' },
    ]);
    expect(res.statusCode).toBe(400);
    expect(res.headers['content-type']).toBe(PROBLEM_JSON);
    const errors = res.json().errors as { path: string; message: string }[];
    expect(errors).toEqual([
      { path: 'body[0].component', message: expect.stringContaining("'freelist.nope'") },
      { path: 'body[1].placement', message: expect.stringContaining('"sideways"') },
      { path: 'body[2].component', message: expect.stringContaining('already claimed') },
      { path: 'body[2].placement', message: expect.stringContaining("'immortal' is not meaningful") },
    ]);
    expect((await t.stores.issues.get(project, key)).revision).toBe(revision);
  });

  it('refuses a body that is not a list of claims by its shape', async () => {
    const project = (await givenProject(t.stores)).slug;
    const { key } = await givenIssue(t.stores, project);
    const res = await putClaims(project, key, [{ component: 'gc' }]);
    expect(res.statusCode).toBe(400);
  });

  it('honours If-Match and answers 404 for an unknown issue', async () => {
    const project = (await givenProject(t.stores)).slug;
    const issue = await givenIssue(t.stores, project);
    const { key, revision } = issue;
    const stale = await putClaims(project, key, [], {
      'if-match': etagOf({ ...issue, revision: revision + 5 }),
    });
    expect(stale.statusCode).toBe(412);
    const fresh = await putClaims(project, key, [], { 'if-match': etagOf(issue) });
    expect(fresh.statusCode).toBe(200);
    const missing = await putClaims(project, 'nope', []);
    expect(missing.statusCode).toBe(404);
  });

  it('answers a stale If-Match with 412 before looking at the content (RFC 9110 §13.2.1)', async () => {
    const project = (await givenProject(t.stores)).slug;
    const issue = await givenIssue(t.stores, project);
    const { key, revision } = issue;
    const res = await putClaims(project, key, [{ component: 'nope', placement: 'x' }], {
      'if-match': etagOf({ ...issue, revision: revision + 5 }),
    });
    expect(res.statusCode).toBe(412);
  });
});
