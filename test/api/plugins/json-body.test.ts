import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROBLEM_BASE } from '../../../src/domain/errors.js';
import {
  createTestApp,
  givenEdge,
  givenIssue,
  givenProject,
  PROBLEM_JSON,
  type TestApp,
} from '../test-app.js';

// Clients that send `content-type: application/json` on every request (a CI script's default headers, a
// generated client) send it on requests without a body too.
const JSON_TYPE = { 'content-type': 'application/json' };

describe('an empty request body sent as application/json', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('is no body to a route that takes none: a DELETE deletes', async () => {
    const project = await givenProject(t.stores);
    await givenIssue(t.stores, project.slug, { key: 'gone' });
    const url = `/v1/projects/${project.slug}/issues/gone`;
    const res = await t.app.inject({ method: 'DELETE', url, headers: JSON_TYPE });
    expect(res.statusCode, res.body).toBe(204);
    expect((await t.app.inject({ url })).statusCode).toBe(404);
  });

  it('is no body to a route that takes none: a PUT of a dependency adds it', async () => {
    const project = await givenProject(t.stores);
    await givenIssue(t.stores, project.slug, { key: 'a' });
    await givenIssue(t.stores, project.slug, { key: 'b' });
    const res = await t.app.inject({
      method: 'PUT',
      url: `/v1/projects/${project.slug}/issues/b/blocked-by/a`,
      headers: JSON_TYPE,
    });
    expect(res.statusCode, res.body).toBe(201);
  });

  it('is a missing body to a route that needs one: a 400 naming the body, and nothing changes', async () => {
    const project = await givenProject(t.stores);
    await givenIssue(t.stores, project.slug, { key: 'a' });
    await givenIssue(t.stores, project.slug, { key: 'b' });
    await givenEdge(t.stores, project.slug, 'b', 'a');
    const res = await t.app.inject({
      method: 'POST',
      url: `/v1/projects/${project.slug}/plan/what-if`,
      headers: JSON_TYPE,
    });
    expect(res.statusCode, res.body).toBe(400);
    expect(res.headers['content-type']).toBe(PROBLEM_JSON);
    expect(res.json()).toMatchObject({
      type: `${PROBLEM_BASE}validation-error`,
      errors: [{ path: 'body' }],
    });
  });

  it('stays malformed when it is not JSON', async () => {
    const project = await givenProject(t.stores);
    const res = await t.app.inject({
      method: 'POST',
      url: `/v1/projects/${project.slug}/issues`,
      headers: JSON_TYPE,
      payload: '{"key":',
    });
    expect(res.statusCode, res.body).toBe(400);
    expect(res.json().type).toBe(`${PROBLEM_BASE}malformed-body`);
  });

  it("still refuses a body that would poison a prototype, as Fastify's parser does", async () => {
    const project = await givenProject(t.stores);
    const res = await t.app.inject({
      method: 'POST',
      url: `/v1/projects/${project.slug}/issues`,
      headers: JSON_TYPE,
      payload: '{"key":"p","title":"P","__proto__":{"admin":true}}',
    });
    expect(res.statusCode, res.body).toBe(400);
    expect(res.json().type).toBe(`${PROBLEM_BASE}malformed-body`);
  });
});
