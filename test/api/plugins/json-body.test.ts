import { gzipSync } from 'node:zlib';
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

describe('a request body the JSON parser must not misread', () => {
  let t: TestApp;
  let project: string;
  beforeAll(async () => {
    t = await createTestApp();
    project = (await givenProject(t.stores)).slug;
  });
  afterAll(() => t.close());

  const post = (headers: Record<string, string>, payload: string | Buffer) =>
    t.app.inject({ method: 'POST', url: `/v1/projects/${project}/issues`, headers, payload });

  it('refuses bytes that are not UTF-8 with a 400 naming it, storing nothing', async () => {
    // "Caf\xe9": Latin-1, as a client that ignores JSON's encoding sends it.
    const body = Buffer.concat([
      Buffer.from('{"key":"latin","title":"Caf'),
      Buffer.from([0xe9]),
      Buffer.from('"}'),
    ]);
    const res = await post(JSON_TYPE, body);
    expect(res.statusCode).toBe(400);
    expect(res.headers['content-type']).toBe(PROBLEM_JSON);
    expect(res.json()).toMatchObject({
      type: `${PROBLEM_BASE}malformed-body`,
      detail: expect.stringContaining('not valid UTF-8'),
    });
    expect((await t.app.inject({ url: `/v1/projects/${project}/issues/latin` })).statusCode).toBe(404);
  });

  it('takes UTF-8 as sent, a byte order mark too', async () => {
    const res = await post(JSON_TYPE, Buffer.from('\ufeff{"key":"utf8","title":"Café ☕"}'));
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().title).toBe('Café ☕');
  });

  it('refuses JSON declared in another charset with a 415 naming the type', async () => {
    const res = await post(
      { 'content-type': 'application/json; charset=latin1' },
      '{"key":"l1","title":"A"}',
    );
    expect(res.statusCode).toBe(415);
    expect(res.json()).toMatchObject({
      type: `${PROBLEM_BASE}unsupported-media-type`,
      detail: expect.stringContaining("'application/json; charset=latin1' is not supported"),
    });
    const utf8 = await post(
      { 'content-type': 'application/json; charset="UTF-8"' },
      '{"key":"u8","title":"A"}',
    );
    expect(utf8.statusCode, utf8.body).toBe(201);
  });

  it('refuses JSON sent as text/plain with the 415 naming what the route takes, not a schema error', async () => {
    const res = await post({ 'content-type': 'text/plain' }, '{"key":"plain","title":"A"}');
    expect(res.statusCode).toBe(415);
    expect(res.json()).toMatchObject({
      type: `${PROBLEM_BASE}unsupported-media-type`,
      detail: "content type 'text/plain' is not supported: send application/json",
    });
  });

  it('refuses a compressed body with a 415 naming its coding, and Accept-Encoding: identity', async () => {
    const res = await post(
      { ...JSON_TYPE, 'content-encoding': 'gzip' },
      gzipSync(Buffer.from('{"key":"zipped","title":"A"}')),
    );
    expect(res.statusCode).toBe(415);
    expect(res.headers['accept-encoding']).toBe('identity');
    expect(res.json()).toMatchObject({
      type: `${PROBLEM_BASE}unsupported-media-type`,
      detail: expect.stringContaining("content coding 'gzip' is not supported"),
    });
    expect((await t.app.inject({ url: `/v1/projects/${project}/issues/zipped` })).statusCode).toBe(404);
  });

  it('lets Content-Encoding: identity through', async () => {
    const res = await post({ ...JSON_TYPE, 'content-encoding': 'identity' }, '{"key":"ident","title":"A"}');
    expect(res.statusCode, res.body).toBe(201);
  });
});
