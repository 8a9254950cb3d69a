// Projects and links are admin's (src/domain/access/scope.ts), also where a write route's body would
// create or reshape one: an import and a sync with a link.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { FakeGithub } from '../integrations/github/fake-github.js';
import { givenMetaIssue, HOME, META } from '../integrations/github/meta-issue.js';
import { testGithubClient } from '../integrations/github/test-client.js';
import { createTestApp, givenProject, givenToken, PROBLEM_JSON, type TestApp } from './test-app.js';

const GITHUB_TOKEN = 'ghp_token-of-the-scope-by-body-test';
let fake: FakeGithub;
let t: TestApp;
let counter = 0;

beforeAll(async () => {
  fake = await FakeGithub.start({ tokens: [GITHUB_TOKEN] });
  t = await createTestApp({}, { github: testGithubClient(fake, { kind: 'token', token: GITHUB_TOKEN }) });
});
afterAll(async () => {
  await t.close();
  await fake.close();
});
beforeEach(() => givenMetaIssue(fake));

async function exported(project: string) {
  return (await t.app.inject({ method: 'GET', url: `/v1/projects/${project}/export` })).json();
}

async function importAs(bearer: { authorization: string }, project: string, document: object) {
  return t.app.inject({
    method: 'POST',
    url: `/v1/projects/${project}/import`,
    headers: bearer,
    payload: document,
  });
}

function expectInsufficientScope(res: {
  statusCode: number;
  headers: Record<string, unknown>;
  json(): unknown;
}) {
  expect(res.statusCode).toBe(403);
  expect(res.headers['content-type']).toBe(PROBLEM_JSON);
  expect(res.json()).toMatchObject({ requiredScope: 'admin', tokenScope: 'write' });
}

describe('an import with a write token', () => {
  it('replaces the issues, dependencies and goal of the project as exported', async () => {
    const { slug } = await givenProject(t.stores);
    const writer = await givenToken(t.stores, { scope: 'write' });
    const doc = await exported(slug);
    doc.issues.push({ key: 'added-by-import', title: 'Added by import' });
    const res = await importAs(writer.bearer, slug, doc);
    expect(res.statusCode).toBe(200);
    expect((await exported(slug)).issues.map((i: { key: string }) => i.key)).toContain('added-by-import');
  });

  it("is refused when it would change the project's own fields, and changes nothing", async () => {
    const { slug } = await givenProject(t.stores);
    const writer = await givenToken(t.stores, { scope: 'write' });
    const before = await exported(slug);
    const res = await importAs(writer.bearer, slug, {
      ...before,
      project: { ...before.project, name: 'Renamed by a writer' },
      issues: [],
    });
    expectInsufficientScope(res);
    expect(res.json().detail).toContain("changes the project's name");
    expect(await exported(slug)).toEqual(before);
  });

  it('is refused when it would link the project to a meta issue', async () => {
    const { slug } = await givenProject(t.stores);
    const writer = await givenToken(t.stores, { scope: 'write' });
    const before = await exported(slug);
    const res = await importAs(writer.bearer, slug, {
      ...before,
      project: { ...before.project, github: { repository: 'elsewhere/repo', issue: 7, document: null } },
    });
    expectInsufficientScope(res);
    expect((await t.app.inject({ method: 'GET', url: `/v1/projects/${slug}/github` })).statusCode).toBe(404);
  });

  it('is refused when it would create the project', async () => {
    const { slug } = await givenProject(t.stores);
    const writer = await givenToken(t.stores, { scope: 'write' });
    const fresh = `created-by-import-${++counter}`;
    expectInsufficientScope(await importAs(writer.bearer, fresh, await exported(slug)));
    expect((await t.app.inject({ method: 'GET', url: `/v1/projects/${fresh}` })).statusCode).toBe(404);
  });

  it('is allowed to an admin token', async () => {
    const { slug } = await givenProject(t.stores);
    const admin = await givenToken(t.stores, { scope: 'admin' });
    const before = await exported(slug);
    const res = await importAs(admin.bearer, slug, {
      ...before,
      project: { ...before.project, name: 'Renamed' },
    });
    expect(res.statusCode).toBe(200);
    expect((await exported(slug)).project.name).toBe('Renamed');
  });
});

describe('a sync with a write token', () => {
  const LINK = { repository: HOME, issue: META };
  const sync = (project: string, bearer: { authorization: string }, body?: object) =>
    t.app.inject({
      method: 'POST',
      url: `/v1/projects/${project}/github/sync`,
      headers: bearer,
      ...(body === undefined ? {} : { payload: body }),
    });

  it('is refused when its body would link the project, and links nothing', async () => {
    const { slug } = await givenProject(t.stores);
    const writer = await givenToken(t.stores, { scope: 'write' });
    expectInsufficientScope(await sync(slug, writer.bearer, LINK));
    expect((await t.app.inject({ method: 'GET', url: `/v1/projects/${slug}/github` })).statusCode).toBe(404);
  });

  it("syncs when its body is the project's current link, or when it has none", async () => {
    const { slug } = await givenProject(t.stores);
    const admin = await givenToken(t.stores, { scope: 'admin' });
    const writer = await givenToken(t.stores, { scope: 'write' });
    expect((await sync(slug, admin.bearer, LINK)).statusCode).toBe(200);
    expect((await sync(slug, writer.bearer, { ...LINK, document: null })).statusCode).toBe(200);
    expect((await sync(slug, writer.bearer)).statusCode).toBe(200);
  });

  it('is a conflict, linking nothing back, when an admin linked the project elsewhere while it read GitHub', async () => {
    const { slug } = await givenProject(t.stores);
    const admin = await givenToken(t.stores, { scope: 'admin' });
    const writer = await givenToken(t.stores, { scope: 'write' });
    expect((await sync(slug, admin.bearer, LINK)).statusCode).toBe(200);
    const held = fake.hold(`/repos/${HOME}/issues/${META}`);
    // Its body is the project's link as the sync begins: allowed to a write token, then.
    const racing = sync(slug, writer.bearer, LINK);
    await held.reached;
    const elsewhere = { repository: HOME, issue: 3, document: null };
    const relink = await t.app.inject({
      method: 'PUT',
      url: `/v1/projects/${slug}/github`,
      headers: admin.bearer,
      payload: elsewhere,
    });
    expect(relink.statusCode).toBe(200);
    held.release();
    const res = await racing;
    expect(res.statusCode).toBe(409);
    expect(res.headers['content-type']).toBe(PROBLEM_JSON);
    expect(await t.stores.githubLinks.get(slug)).toEqual(elsewhere);
  });
});
