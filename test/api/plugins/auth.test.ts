import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { actorOf } from '../../../src/api/plugins/auth.js';
import { PROBLEM_BASE } from '../../../src/domain/errors.js';
import { rawRequest } from '../raw-http.js';
import {
  createTestApp,
  givenProject,
  givenToken,
  listenOnLoopback,
  PROBLEM_JSON,
  type TestApp,
} from '../test-app.js';

const BOOTSTRAP = 'test-token-0123456789abcdef';
const json = { 'content-type': 'application/json' };

async function historyOf(t: TestApp, project: string) {
  return (await t.stores.audit.list(project, { limit: 50 })).items;
}

describe('tokens with names and scopes', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('lets two tokens write and names each in the history, X-Actor only as whom it acted for', async () => {
    const project = await givenProject(t.stores);
    const alice = await givenToken(t.stores, { name: 'alice', scope: 'write' });
    const ci = await givenToken(t.stores, { name: 'ci-bot', scope: 'admin' });
    const first = await t.app.inject({
      method: 'POST',
      url: `/v1/projects/${project.slug}/issues`,
      headers: { ...alice.bearer, 'x-actor': 'mallory' },
      payload: { key: 'a', title: 'A' },
    });
    expect(first.statusCode).toBe(201);
    const second = await t.app.inject({
      method: 'PATCH',
      url: `/v1/projects/${project.slug}`,
      headers: ci.bearer,
      payload: { name: 'Renamed' },
    });
    expect(second.statusCode).toBe(200);

    const events = await historyOf(t, project.slug);
    expect(events.find((e) => e.action === 'issue.create')).toMatchObject({
      actor: 'alice',
      onBehalfOf: 'mallory',
    });
    expect(events.find((e) => e.action === 'project.update')).toMatchObject({
      actor: 'ci-bot',
      onBehalfOf: null,
    });
    const served = await t.app.inject({ method: 'GET', url: `/v1/projects/${project.slug}/history` });
    expect(served.json().items[0]).toMatchObject({ actor: 'ci-bot', onBehalfOf: null });
  });

  it('tells two live tokens of one name apart in the history by their ids', async () => {
    const project = await givenProject(t.stores);
    const old = await givenToken(t.stores, { name: 'deploy', scope: 'write' });
    const rotated = await givenToken(t.stores, { name: 'deploy', scope: 'write' });
    for (const [token, key] of [
      [old, 'a'],
      [rotated, 'b'],
    ] as const) {
      const res = await t.app.inject({
        method: 'POST',
        url: `/v1/projects/${project.slug}/issues`,
        headers: token.bearer,
        payload: { key, title: key },
      });
      expect(res.statusCode).toBe(201);
    }
    const served = await t.app.inject({ method: 'GET', url: `/v1/projects/${project.slug}/history` });
    const byKey = new Map(served.json().items.map((e: { target: string }) => [e.target, e]));
    expect(byKey.get('a')).toMatchObject({ actor: 'deploy', tokenId: old.token.id });
    expect(byKey.get('b')).toMatchObject({ actor: 'deploy', tokenId: rotated.token.id });
    expect(old.token.id).not.toBe(rotated.token.id);
  });

  it('refuses a write with a read token: 403 insufficient-scope, with the challenge, and changes nothing', async () => {
    const project = await givenProject(t.stores);
    const reader = await givenToken(t.stores, { scope: 'read' });
    const res = await t.app.inject({
      method: 'POST',
      url: `/v1/projects/${project.slug}/issues`,
      headers: reader.bearer,
      payload: { key: 'a', title: 'A' },
    });
    expect(res.statusCode).toBe(403);
    expect(res.headers['www-authenticate']).toBe(
      'Bearer realm="isoplan", error="insufficient_scope", scope="write"',
    );
    expect(res.json()).toMatchObject({
      type: `${PROBLEM_BASE}insufficient-scope`,
      requiredScope: 'write',
      tokenScope: 'read',
    });
    expect((await t.stores.issues.list(project.slug, {}, { limit: 10 })).items).toEqual([]);
  });

  it('lets a write token read, and only an admin token manage projects', async () => {
    const writer = await givenToken(t.stores, { scope: 'write' });
    expect(
      (await t.app.inject({ method: 'GET', url: '/v1/projects', headers: writer.bearer })).statusCode,
    ).toBe(200);
    const create = await t.app.inject({
      method: 'POST',
      url: '/v1/projects',
      headers: writer.bearer,
      payload: { slug: 'by-writer', name: 'W' },
    });
    expect(create.statusCode).toBe(403);
    expect(create.json().requiredScope).toBe('admin');
  });

  it('takes the Bearer scheme in any letter case, with spaces around the token', async () => {
    const writer = await givenToken(t.stores, { scope: 'write' });
    for (const authorization of [`bearer ${writer.secret}`, `BEARER   ${writer.secret}  `]) {
      const res = await t.app.inject({ method: 'GET', url: '/v1/tokens', headers: { authorization } });
      // Past authentication: the write token is known, and token management needs admin.
      expect(res.statusCode, authorization).toBe(403);
    }
  });

  it('refuses a revoked token at once', async () => {
    const admin = await givenToken(t.stores, { scope: 'admin' });
    const victim = await givenToken(t.stores, { scope: 'write' });
    const project = await givenProject(t.stores);
    const before = await t.app.inject({ method: 'GET', url: '/v1/projects', headers: victim.bearer });
    expect(before.statusCode).toBe(200);
    const revoke = await t.app.inject({
      method: 'DELETE',
      url: `/v1/tokens/${victim.token.id}`,
      headers: admin.bearer,
    });
    expect(revoke.statusCode).toBe(204);
    const after = await t.app.inject({
      method: 'POST',
      url: `/v1/projects/${project.slug}/issues`,
      headers: victim.bearer,
      payload: { key: 'late', title: 'Late' },
    });
    expect(after.statusCode).toBe(401);
    expect(after.headers['www-authenticate']).toBe('Bearer realm="isoplan", error="invalid_token"');
    expect(after.json()).toMatchObject({
      type: `${PROBLEM_BASE}unauthorized`,
      detail: 'the bearer token has been revoked',
    });
  });

  it('refuses an expired token, an unknown one and a header that is not Bearer, even on a public read', async () => {
    const expired = await givenToken(t.stores, { scope: 'admin', expiresAt: new Date(Date.now() - 1000) });
    const cases: Array<[string, string]> = [
      [expired.bearer.authorization, 'the bearer token has expired'],
      ['Bearer isp_0000000000000000000000000000000000000000000000000', 'the bearer token is not valid'],
      ['Basic dXNlcjpwYXNz', 'the Authorization header must be Bearer <token>'],
    ];
    for (const [authorization, detail] of cases) {
      const res = await t.app.inject({ method: 'GET', url: '/v1/projects', headers: { authorization } });
      expect(res.statusCode, authorization).toBe(401);
      expect(res.json().detail).toBe(detail);
    }
  });

  it('keeps token management closed to anonymous callers', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/v1/tokens' });
    expect(res.statusCode).toBe(401);
    expect(res.headers['www-authenticate']).toBe('Bearer realm="isoplan"');
  });

  it('refuses two Authorization headers with a 401 problem, whichever is the stronger token, in any letter case, an empty one too', async () => {
    const port = await listenOnLoopback(t.app);
    const admin = (await givenToken(t.stores, { scope: 'admin' })).bearer.authorization;
    const read = (await givenToken(t.stores, { scope: 'read' })).bearer.authorization;
    for (const lines of [
      `Authorization: ${read}\r\nAuthorization: ${admin}`,
      `Authorization: ${admin}\r\nAuthorization: ${read}`,
      `Authorization: ${admin}\r\nauthorization: ${read}`,
      `Authorization: ${admin}\r\nAuthorization:`,
      `AUTHORIZATION:\r\nAuthorization: ${admin}`,
    ]) {
      const res = await rawRequest(port, [
        `GET /v1/tokens HTTP/1.1\r\nHost: x\r\nConnection: close\r\n${lines}\r\n\r\n`,
      ]);
      expect(res.status, lines).toBe(401);
      expect(res.headers['content-type']).toBe(PROBLEM_JSON);
      expect(res.headers['www-authenticate']).toBe('Bearer realm="isoplan", error="invalid_token"');
      expect(JSON.parse(res.body).detail).toBe(
        'the request has more than one Authorization header: send one, Bearer <token>',
      );
    }
  });
});

describe('before the first token exists', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('lets anonymous writes through as `anonymous`, and refuses them once a token exists, for good', async () => {
    const open = await t.app.inject({
      method: 'POST',
      url: '/v1/projects',
      headers: { 'x-actor': 'dashboard' },
      payload: { slug: 'open', name: 'Open' },
    });
    expect(open.statusCode).toBe(201);
    expect((await historyOf(t, 'open'))[0]).toMatchObject({
      actor: 'anonymous',
      onBehalfOf: 'dashboard',
      tokenId: null,
    });

    // The CLI makes the first token on the database file, from another process.
    const { token } = await givenToken(t.stores, { scope: 'admin' });
    const closed = await t.app.inject({
      method: 'POST',
      url: '/v1/projects',
      payload: { slug: 'x', name: 'X' },
    });
    expect(closed.statusCode).toBe(401);
    expect(closed.json().detail).toBe('this request needs a token: send Authorization: Bearer <token>');

    // Revoking every token does not open the service again.
    await t.stores.tokens.revoke(token.id, new Date(), 'fixture');
    const still = await t.app.inject({
      method: 'POST',
      url: '/v1/projects',
      payload: { slug: 'y', name: 'Y' },
    });
    expect(still.statusCode).toBe(401);
    expect((await t.app.inject({ method: 'GET', url: '/v1/projects' })).statusCode).toBe(200);
  });
});

describe('ISOPLAN_API_TOKEN', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ apiToken: BOOTSTRAP });
  });
  afterAll(() => t.close());

  it('closes anonymous writes with a 401 problem and a challenge', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/v1/projects',
      payload: { slug: 'a', name: 'A' },
    });
    expect(res.statusCode).toBe(401);
    expect(res.headers['www-authenticate']).toBe('Bearer realm="isoplan"');
    expect(res.json().type).toBe(`${PROBLEM_BASE}unauthorized`);
    await expect(t.stores.projects.get('a')).rejects.toThrow(/does not exist/);
  });

  it('answers a write without a token 401 before 404, as a problem, saying nothing of what exists', async () => {
    for (const [method, url] of [
      ['POST', '/v1/projects/no-such-project/issues'],
      ['PUT', '/v1/projects/no-such-project/issues/a/blocked-by/b'],
    ] as const) {
      const res = await t.app.inject({ method, url, payload: {} });
      expect(res.statusCode, `${method} ${url}`).toBe(401);
      expect(res.headers['content-type']).toBe(PROBLEM_JSON);
      expect(res.json()).toMatchObject({ type: `${PROBLEM_BASE}unauthorized`, instance: url });
    }
    const withToken = await t.app.inject({
      method: 'POST',
      url: '/v1/projects/no-such-project/issues',
      headers: { authorization: `Bearer ${BOOTSTRAP}` },
      payload: { key: 'a', title: 'A' },
    });
    expect(withToken.statusCode).toBe(404);
    expect(withToken.headers['content-type']).toBe(PROBLEM_JSON);
  });

  it('acts as a bootstrap admin named api-token: it makes the first tokens', async () => {
    const created = await t.app.inject({
      method: 'POST',
      url: '/v1/tokens',
      headers: { authorization: `Bearer ${BOOTSTRAP}`, ...json },
      payload: { name: 'release-bot', scope: 'admin' },
    });
    expect(created.statusCode).toBe(201);
    const write = await t.app.inject({
      method: 'POST',
      url: '/v1/projects',
      headers: { authorization: `Bearer ${BOOTSTRAP}`, 'x-actor': 'ops' },
      payload: { slug: 'c', name: 'C' },
    });
    expect(write.statusCode).toBe(201);
    expect((await historyOf(t, 'c'))[0]).toMatchObject({
      actor: 'api-token',
      onBehalfOf: 'ops',
      tokenId: 'api-token',
    });
    const listed = await t.app.inject({
      method: 'GET',
      url: '/v1/tokens',
      headers: { authorization: `Bearer ${BOOTSTRAP}` },
    });
    expect(listed.json().items[0]).toMatchObject({ name: 'release-bot', createdBy: 'api-token' });
  });

  it('keeps reads open', async () => {
    expect((await t.app.inject({ method: 'GET', url: '/v1/projects' })).statusCode).toBe(200);
  });
});

describe('a token limited to a project', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('gets the same 404 on another project as on a project that does not exist', async () => {
    const mine = await givenProject(t.stores);
    const theirs = await givenProject(t.stores);
    const { bearer } = await givenToken(t.stores, { scope: 'admin', project: mine.slug });
    for (const path of ['', '/issues', '/history', '/plan', '/events']) {
      const other = await t.app.inject({
        method: 'GET',
        url: `/v1/projects/${theirs.slug}${path}`,
        headers: bearer,
      });
      const missing = await t.app.inject({
        method: 'GET',
        url: `/v1/projects/no-such-project${path}`,
        headers: bearer,
      });
      expect(other.statusCode, path).toBe(404);
      const { instance: _a, ...otherBody } = other.json();
      const { instance: _b, ...missingBody } = missing.json();
      expect(otherBody, path).toEqual({
        ...missingBody,
        detail: `project '${theirs.slug}' does not exist`,
        id: theirs.slug,
      });
    }
    const own = await t.app.inject({
      method: 'GET',
      url: `/v1/projects/${mine.slug}/issues`,
      headers: bearer,
    });
    expect(own.statusCode).toBe(200);
  });

  it('sees only its own project in the list, and may not create projects or manage tokens', async () => {
    const mine = await givenProject(t.stores);
    await givenProject(t.stores);
    const { bearer } = await givenToken(t.stores, { scope: 'admin', project: mine.slug });
    const list = await t.app.inject({ method: 'GET', url: '/v1/projects', headers: bearer });
    expect(list.json()).toEqual({ items: [expect.objectContaining({ slug: mine.slug })], nextCursor: null });
    const create = await t.app.inject({
      method: 'POST',
      url: '/v1/projects',
      headers: bearer,
      payload: { slug: 'elsewhere', name: 'E' },
    });
    expect(create.statusCode).toBe(403);
    expect(create.json().type).toBe(`${PROBLEM_BASE}token-limited-to-project`);
    expect((await t.app.inject({ method: 'GET', url: '/v1/tokens', headers: bearer })).statusCode).toBe(403);
  });

  it('is revoked with its project, so that a project made later under the same slug stays out of its reach', async () => {
    const { slug } = await givenProject(t.stores);
    const admin = await givenToken(t.stores, { scope: 'admin' });
    const { bearer } = await givenToken(t.stores, { scope: 'admin', project: slug });
    expect(
      (await t.app.inject({ method: 'DELETE', url: `/v1/projects/${slug}`, headers: admin.bearer }))
        .statusCode,
    ).toBe(204);
    await givenProject(t.stores, { slug });
    const res = await t.app.inject({ method: 'GET', url: `/v1/projects/${slug}/issues`, headers: bearer });
    expect(res.statusCode).toBe(401);
    expect(res.json().detail).toBe('the bearer token has been revoked');
  });

  it('is revoked with its project by the actor that deleted it, as the token list says', async () => {
    const { slug } = await givenProject(t.stores);
    const admin = await givenToken(t.stores, { scope: 'admin' });
    const limited = await givenToken(t.stores, { scope: 'read', project: slug });
    await t.app.inject({ method: 'DELETE', url: `/v1/projects/${slug}`, headers: admin.bearer });
    const { items } = await t.stores.tokens.list({ limit: 500 });
    expect(items.find((token) => token.id === limited.token.id)?.revokedBy).toBe(admin.token.name);
  });
});

describe('ISOPLAN_PUBLIC_READ=0', () => {
  let t: TestApp;
  let base: string;
  beforeAll(async () => {
    t = await createTestApp({ publicRead: false });
    await t.app.listen({ host: '127.0.0.1', port: 0 });
    base = `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}`;
  });
  afterAll(() => t.close());

  it("refuses every read without a token, the dashboard's data and the event stream included", async () => {
    const project = await givenProject(t.stores);
    for (const path of [
      '/v1/projects',
      `/v1/projects/${project.slug}`,
      `/v1/projects/${project.slug}/plan`,
      '/v1/sim/catalog',
    ]) {
      const res = await fetch(`${base}${path}`);
      expect(res.status, path).toBe(401);
    }
    const stream = await fetch(`${base}/v1/projects/${project.slug}/events`);
    expect(stream.status).toBe(401);
    expect(stream.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    const whatIf = await fetch(`${base}/v1/projects/${project.slug}/plan/what-if`, {
      method: 'POST',
      headers: json,
      body: JSON.stringify({ done: [] }),
    });
    expect(whatIf.status).toBe(401);
  });

  it('closes anonymous writes too, even before any token exists', async () => {
    const res = await fetch(`${base}/v1/projects`, {
      method: 'POST',
      headers: json,
      body: '{"slug":"w","name":"W"}',
    });
    expect(res.status).toBe(401);
  });

  it('serves reads, and the event stream, to a read token', async () => {
    const project = await givenProject(t.stores);
    const { bearer } = await givenToken(t.stores, { scope: 'read' });
    expect((await fetch(`${base}/v1/projects/${project.slug}/plan`, { headers: bearer })).status).toBe(200);
    const controller = new AbortController();
    const stream = await fetch(`${base}/v1/projects/${project.slug}/events`, {
      headers: bearer,
      signal: controller.signal,
    });
    expect(stream.status).toBe(200);
    expect(stream.headers.get('content-type')).toBe('text/event-stream; charset=utf-8');
    controller.abort();
  });

  it('still serves the dashboard page, its files, the probes and the API document', async () => {
    for (const path of [
      '/',
      '/projects/x',
      '/assets/app.js',
      '/healthz',
      '/readyz',
      '/openapi.json',
      '/docs/',
    ]) {
      const res = await fetch(`${base}${path}`);
      expect(res.status, path).toBe(200);
    }
  });
});

describe('a GitHub webhook route', () => {
  let t: TestApp | undefined;
  afterEach(async () => {
    await t?.close();
  });

  it('asks for no token and writes as `github`, whatever token is sent', async () => {
    t = await createTestApp({ apiToken: BOOTSTRAP, publicRead: false });
    const stores = t.stores;
    t.app.post('/test/github-webhook', { config: { scope: 'github-webhook' } }, async (request, reply) => {
      await stores.projects.create({ slug: 'from-github', name: 'G' }, actorOf(request));
      return reply.code(204).send();
    });
    const res = await t.app.inject({
      method: 'POST',
      url: '/test/github-webhook',
      headers: { authorization: 'Bearer not-a-token', 'x-actor': 'octocat' },
    });
    expect(res.statusCode).toBe(204);
    expect((await historyOf(t, 'from-github'))[0]).toMatchObject({ actor: 'github', onBehalfOf: 'octocat' });
  });
});

describe('a route without a scope decision', () => {
  it('keeps the app from starting, naming the route', async () => {
    const t = await createTestApp();
    t.app.get('/test/undecided', async () => 'open?');
    await expect(t.app.ready()).rejects.toThrow(
      'routes without a scope decision: GET /test/undecided; HEAD /test/undecided.',
    );
    await t.close().catch(() => {});
  });
});

describe('whom the caller acted for (X-Actor)', () => {
  let open: TestApp;
  let port: number;
  beforeAll(async () => {
    open = await createTestApp();
    port = await listenOnLoopback(open.app);
  });
  afterAll(() => open.close());

  /** Creates a project over a real socket with `actor` as the X-Actor header's bytes; answers what the history keeps of it. */
  async function storedActor(slug: string, actor: Buffer): Promise<string> {
    const body = JSON.stringify({ slug, name: slug });
    const head = `POST /v1/projects HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: ${body.length}\r\nX-Actor: `;
    const res = await rawRequest(port, [
      Buffer.concat([Buffer.from(head), actor, Buffer.from(`\r\n\r\n${body}`)]),
    ]);
    expect(res.status).toBe(201);
    const history = await open.stores.audit.list(slug, { limit: 1 });
    return history.items[0]?.onBehalfOf as string;
  }

  it('keeps UTF-8 text exactly as the client sent it', async () => {
    const text = 'ÿþ Zoë Ørsted 🚀 名前';
    expect(await storedActor('utf8-actor', Buffer.from(text, 'utf8'))).toBe(text);
  });

  it('drops the invisible characters that would make a name display as another (bidi overrides, zero-width space)', async () => {
    const spoof = 'ali\u202Eecil\u202C\u200B';
    expect(await storedActor('bidi-actor', Buffer.from(spoof, 'utf8'))).toBe('aliecil');
  });

  it('reads bytes that are not UTF-8 as latin1', async () => {
    expect(await storedActor('latin1-actor', Buffer.from([0xff, 0xfe, 0x41]))).toBe('ÿþA');
  });

  it('shortens a long actor to 200 characters without splitting a character', async () => {
    const actor = await storedActor('long-actor', Buffer.from(`a${'🚀'.repeat(150)}`, 'utf8'));
    expect(actor.length).toBeLessThanOrEqual(200);
    expect(actor).toBe(`a${'🚀'.repeat(99)}`);
  });
});
