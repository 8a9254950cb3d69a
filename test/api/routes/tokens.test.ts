import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isWellFormedToken } from '../../../src/domain/access/token-secret.js';
import { PROBLEM_BASE } from '../../../src/domain/errors.js';
import { createTestApp, givenProject, givenToken, type TestApp } from '../test-app.js';

let t: TestApp;
let admin: { authorization: string };
beforeAll(async () => {
  t = await createTestApp();
  admin = (await givenToken(t.stores, { name: 'root', scope: 'admin' })).bearer;
});
afterAll(() => t.close());

const create = (payload: unknown) =>
  t.app.inject({ method: 'POST', url: '/v1/tokens', headers: admin, payload: payload as object });

describe('POST /v1/tokens', () => {
  it('answers 201 with the id, name, scope, project, expiry and the secret, never to be cached', async () => {
    const project = await givenProject(t.stores);
    const res = await create({ name: 'ci', scope: 'write', project: project.slug, expiresInDays: 30 });
    expect(res.statusCode).toBe(201);
    expect(res.headers['cache-control']).toBe('no-store');
    const body = res.json();
    expect(Object.keys(body).sort()).toEqual(['expiresAt', 'id', 'name', 'project', 'scope', 'token']);
    expect(body).toMatchObject({ name: 'ci', scope: 'write', project: project.slug });
    expect(isWellFormedToken(body.token)).toBe(true);
    const days = (Date.parse(body.expiresAt) - Date.now()) / 86_400_000;
    expect(days).toBeGreaterThan(29.9);
    expect(days).toBeLessThanOrEqual(30);

    const write = await t.app.inject({
      method: 'POST',
      url: `/v1/projects/${project.slug}/issues`,
      headers: { authorization: `Bearer ${body.token}` },
      payload: { key: 'a', title: 'A' },
    });
    expect(write.statusCode).toBe(201);
  });

  it('lists every problem of a bad request at its field, and makes nothing', async () => {
    const before = (await t.stores.tokens.list({ limit: 500 })).items.length;
    const res = await create({ name: 'github', scope: 'root', expiresInDays: 367, extra: true });
    expect(res.statusCode).toBe(400);
    expect(
      res
        .json()
        .errors.map((e: { path: string }) => e.path)
        .sort(),
    ).toEqual(['body.expiresInDays', 'body.extra', 'body.name', 'body.scope']);
    expect((await t.stores.tokens.list({ limit: 500 })).items.length).toBe(before);
  });

  it('refuses a project that does not exist, at body.project', async () => {
    const res = await create({ name: 'ci', scope: 'read', project: 'ghost' });
    expect(res.statusCode).toBe(400);
    expect(res.json().errors).toEqual([{ path: 'body.project', message: "project 'ghost' does not exist" }]);
  });
});

describe('POST /v1/tokens with a look-alike name', () => {
  it('answers 409 confusable-token-name naming the live token it looks like, and makes nothing', async () => {
    const pop = (await create({ name: 'pop', scope: 'read' })).json();
    const before = (await t.stores.tokens.list({ limit: 500 })).items.length;
    const res = await create({ name: '\u0440\u043e\u0440', scope: 'admin' }); // Cyrillic р о р
    expect(res.statusCode).toBe(409);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.json()).toMatchObject({
      type: `${PROBLEM_BASE}confusable-token-name`,
      status: 409,
      confusableWith: { id: pop.id, name: 'pop' },
    });
    expect((await t.stores.tokens.list({ limit: 500 })).items.length).toBe(before);
  });
});

describe('GET /v1/tokens', () => {
  it('lists tokens newest first with their last four characters and last use, never their secrets', async () => {
    const made = (await create({ name: 'lister', scope: 'read' })).json();
    await t.app.inject({
      method: 'GET',
      url: '/v1/projects',
      headers: { authorization: `Bearer ${made.token}` },
    });
    // The last use is written in the background (token-service.ts touchLater: a request never waits for
    // it); on PostgreSQL, on another pooled connection, it may land after the next request's read.
    const list = () => t.app.inject({ method: 'GET', url: '/v1/tokens', headers: admin });
    await expect
      .poll(async () => (await list()).json().items[0].lastUsedAt, { timeout: 5000 })
      .not.toBeNull();
    const res = await list();
    expect(res.statusCode).toBe(200);
    expect(res.body).not.toContain(made.token);
    const listed = res.json().items;
    expect(listed[0]).toEqual({
      id: made.id,
      name: 'lister',
      scope: 'read',
      project: null,
      lastFour: made.token.slice(-4),
      createdBy: 'root',
      createdAt: expect.any(String),
      expiresAt: made.expiresAt,
      lastUsedAt: expect.any(String),
      revokedAt: null,
      revokedBy: null,
    });
  });
});

describe('DELETE /v1/tokens/:id', () => {
  it('revokes the token: 204, listed with revokedAt, refused from the next request', async () => {
    const made = (await create({ name: 'short-lived', scope: 'read' })).json();
    const res = await t.app.inject({ method: 'DELETE', url: `/v1/tokens/${made.id}`, headers: admin });
    expect(res.statusCode).toBe(204);
    const listed = (await t.app.inject({ method: 'GET', url: '/v1/tokens', headers: admin })).json().items;
    expect(listed.find((x: { id: string }) => x.id === made.id).revokedAt).toEqual(expect.any(String));
    const use = await t.app.inject({
      method: 'GET',
      url: '/v1/projects',
      headers: { authorization: `Bearer ${made.token}` },
    });
    expect(use.statusCode).toBe(401);
    // Revoking again changes nothing.
    expect(
      (await t.app.inject({ method: 'DELETE', url: `/v1/tokens/${made.id}`, headers: admin })).statusCode,
    ).toBe(204);
  });

  it("records who revoked the token: the revoking token's name, kept through a second revocation", async () => {
    const made = (await create({ name: 'leaked', scope: 'read' })).json();
    const carol = (await create({ name: 'carol', scope: 'admin' })).json();
    const byCarol = { authorization: `Bearer ${carol.token}` };
    expect(
      (await t.app.inject({ method: 'DELETE', url: `/v1/tokens/${made.id}`, headers: byCarol })).statusCode,
    ).toBe(204);
    expect(
      (await t.app.inject({ method: 'DELETE', url: `/v1/tokens/${made.id}`, headers: admin })).statusCode,
    ).toBe(204);
    const listed = (await t.app.inject({ method: 'GET', url: '/v1/tokens', headers: admin })).json().items;
    expect(listed.find((x: { id: string }) => x.id === made.id).revokedBy).toBe('carol');
    expect(listed.find((x: { id: string }) => x.id === carol.id).revokedBy).toBeNull();
  });

  it('answers 404 for a token that does not exist', async () => {
    const res = await t.app.inject({ method: 'DELETE', url: '/v1/tokens/424242', headers: admin });
    expect(res.statusCode).toBe(404);
    expect(res.json()).toMatchObject({
      type: `${PROBLEM_BASE}not-found`,
      detail: "token '424242' does not exist",
    });
  });
});
