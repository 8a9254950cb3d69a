import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { FakeGithub } from '../../integrations/github/fake-github.js';
import { ELSEWHERE, givenMetaIssue, HOME, META } from '../../integrations/github/meta-issue.js';
import { testGithubClient } from '../../integrations/github/test-client.js';
import { createTestApp, givenProject, givenToken, PROBLEM_JSON, type TestApp } from '../test-app.js';

const TOKEN = 'ghp_token-of-the-links-test';
let fake: FakeGithub;
let t: TestApp;
let counter = 0;
const slug = () => `gh-${++counter}`;
const LINK = { repository: HOME, issue: META };

beforeAll(async () => {
  fake = await FakeGithub.start({ tokens: [TOKEN] });
  t = await createTestApp({}, { github: testGithubClient(fake, { kind: 'token', token: TOKEN }) });
});
afterAll(async () => {
  await t.close();
  await fake.close();
});
beforeEach(() => givenMetaIssue(fake));

const sync = (project: string, body?: Record<string, unknown>) =>
  t.app.inject({
    method: 'POST',
    url: `/v1/projects/${project}/github/sync`,
    ...(body === undefined ? {} : { payload: body }),
  });

describe('the link: /v1/projects/:project/github', () => {
  it('links a project, reads the link back, relinks idempotently and unlinks', async () => {
    const { slug: project } = await givenProject(t.stores);
    const url = `/v1/projects/${project}/github`;
    const put = await t.app.inject({ method: 'PUT', url, payload: { ...LINK, document: 'project.json' } });
    expect(put.statusCode).toBe(201);
    expect(put.json()).toEqual({ repository: HOME, issue: META, document: 'project.json' });
    expect(
      (await t.app.inject({ method: 'PUT', url, payload: { ...LINK, document: 'project.json' } })).statusCode,
    ).toBe(200);
    expect((await t.app.inject({ method: 'GET', url })).json()).toMatchObject({
      repository: HOME,
      issue: META,
    });
    expect((await t.app.inject({ method: 'DELETE', url })).statusCode).toBe(204);
    const gone = await t.app.inject({ method: 'GET', url });
    expect(gone.statusCode).toBe(404);
    expect(gone.headers['content-type']).toBe(PROBLEM_JSON);
  });

  it('is part of the export, and audited', async () => {
    const { slug: project } = await givenProject(t.stores);
    await t.app.inject({
      method: 'PUT',
      url: `/v1/projects/${project}/github`,
      payload: LINK,
      headers: { 'x-actor': 'alice' },
    });
    const exported = (await t.app.inject({ method: 'GET', url: `/v1/projects/${project}/export` })).json();
    expect(exported.project.github).toEqual({ ...LINK, document: null });
    const history = (await t.app.inject({ method: 'GET', url: `/v1/projects/${project}/history` })).json();
    // No token exists here: the actor stays anonymous, and X-Actor is whom it acted for.
    expect(history.items[0]).toMatchObject({
      action: 'github.link',
      actor: 'anonymous',
      onBehalfOf: 'alice',
    });
  });

  it('refuses a malformed repository or issue with a 400 naming each field, and changes nothing', async () => {
    const { slug: project } = await givenProject(t.stores);
    const response = await t.app.inject({
      method: 'PUT',
      url: `/v1/projects/${project}/github`,
      payload: { repository: 'cpython', issue: 0 },
    });
    expect(response.statusCode).toBe(400);
    expect(
      response
        .json()
        .errors.map((e: { path: string }) => e.path)
        .sort(),
    ).toEqual(['body.issue', 'body.repository']);
    expect((await t.app.inject({ method: 'GET', url: `/v1/projects/${project}/github` })).statusCode).toBe(
      404,
    );
  });
});

describe('POST /v1/projects/:project/github/sync', () => {
  it("imports the meta issue's tree and blockers into a new project whose plan is GitHub's graph", async () => {
    const project = slug();
    const response = await sync(project, LINK);
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({
      project,
      created: true,
      added: ['ericsnowcurrently:lib:gh-9', 'gh-1', 'gh-2', 'gh-3', 'gh-4', 'gh-5', 'gh-6'],
      refused: [],
    });
    const issues = await t.stores.issues.listAll(project);
    expect(issues.map((i) => [i.key, i.parent, i.status, i.estimateDays])).toEqual([
      ['ericsnowcurrently:lib:gh-9', null, 'open', null],
      ['gh-1', null, 'open', null],
      ['gh-2', 'gh-1', 'done', 2],
      ['gh-3', 'gh-1', 'open', 5],
      ['gh-4', 'gh-3', 'in_progress', null],
      ['gh-5', 'gh-4', 'open', null],
      ['gh-6', 'gh-1', 'wont_do', null],
    ]);
    expect(await t.stores.dependencies.list(project)).toEqual([
      { issue: 'gh-3', blockedBy: 'ericsnowcurrently:lib:gh-9' },
      { issue: 'gh-3', blockedBy: 'gh-2' },
      { issue: 'gh-5', blockedBy: 'gh-4' },
    ]);
    const plan = (await t.app.inject({ method: 'GET', url: `/v1/projects/${project}/plan` })).json();
    expect(plan.blocked.map((b: { key: string }) => b.key)).toEqual(['gh-3', 'gh-5']);
    expect((await t.stores.projects.get(project)).name).toBe('One GIL per interpreter');
    expect((await t.stores.issues.get(project, 'gh-3')).url).toBe(
      'https://github.com/python/cpython/issues/3',
    );
  });

  it('changes nothing when nothing changed on GitHub: no revision, no audit event', async () => {
    const project = slug();
    await sync(project, LINK);
    const before = await t.stores.projects.get(project);
    const history = (await t.stores.audit.list(project, { limit: 500 })).items.length;
    const again = await sync(project);
    expect(again.json()).toMatchObject({
      created: false,
      added: [],
      changed: [],
      removed: [],
      dependencies: { added: [], removed: [] },
    });
    expect((await t.stores.projects.get(project)).revision).toBe(before.revision);
    expect((await t.stores.audit.list(project, { limit: 500 })).items).toHaveLength(history);
  });

  it('brings in exactly what changed on GitHub, as the caller, keeping claims, checks and the goal', async () => {
    const project = slug();
    await sync(project, LINK);
    await t.stores.issues.update(
      project,
      'gh-3',
      { claims: [{ component: 'freelist.tuple', placement: 'per-interpreter' }] },
      { actor: 'alice' },
    );
    await t.stores.projects.update(
      project,
      { goal: [{ name: 'goal', workload: 'tuple-churn' }] },
      { actor: 'alice' },
    );

    fake.issue(HOME, 4, { title: 'Isolate the obmalloc state' }); // a changed title
    fake.issue(HOME, 5, { state: 'closed' }); // a closed issue
    fake.setBlockedBy([HOME, 5], []); // a removed edge
    fake.issue('octo/other', 7, { title: 'A blocker elsewhere' });
    fake.setBlockedBy([HOME, 4], [['octo/other', 7]]); // a new cross-repository blocker
    fake.setParent([HOME, 5], [HOME, 6]); // a nested sub-issue moved to another parent

    const summary = (await sync(project)).json();
    expect(summary).toMatchObject({
      added: ['octo:other:gh-7'],
      changed: ['gh-4', 'gh-5'],
      removed: [],
      dependencies: {
        added: [{ issue: 'gh-4', blockedBy: 'octo:other:gh-7' }],
        removed: [{ issue: 'gh-5', blockedBy: 'gh-4' }],
      },
    });
    expect(await t.stores.issues.get(project, 'gh-5')).toMatchObject({ status: 'done', parent: 'gh-6' });
    expect((await t.stores.issues.get(project, 'gh-3')).claims).toEqual([
      { component: 'freelist.tuple', placement: 'per-interpreter' },
    ]);
    expect((await t.stores.projects.get(project)).goal).toHaveLength(1);
    const events = (await t.stores.audit.list(project, { limit: 5 })).items;
    expect(events.length).toBeGreaterThan(0);
    expect(events.every((e) => e.actor === 'anonymous')).toBe(true); // no token exists here
  });

  it("fills each issue's assignee with its first GitHub assignee, and follows GitHub's changes to it", async () => {
    const project = slug();
    await sync(project, LINK);
    expect(await t.stores.issues.get(project, 'gh-4')).toMatchObject({ assignee: 'ericsnowcurrently' });
    expect(await t.stores.issues.get(project, 'gh-5')).toMatchObject({ assignee: null });

    fake.issue(HOME, 4, { assignees: [] });
    fake.issue(HOME, 5, { assignees: ['colesbury', 'vstinner'] });
    const summary = (await sync(project)).json();
    expect(summary.changed).toEqual(['gh-4', 'gh-5']);
    expect(await t.stores.issues.get(project, 'gh-4')).toMatchObject({ assignee: null, status: 'open' });
    expect(await t.stores.issues.get(project, 'gh-5')).toMatchObject({
      assignee: 'colesbury',
      status: 'in_progress',
    });
  });

  it('removes an issue taken out of the tree, and a blocker from elsewhere that blocks nothing any more', async () => {
    const project = slug();
    await sync(project, LINK);
    fake.setParent([HOME, 3], null);
    const summary = (await sync(project)).json();
    expect(summary.removed).toEqual(['ericsnowcurrently:lib:gh-9', 'gh-3', 'gh-4', 'gh-5']);
  });

  it('stores no edge from GitHub that would close a cycle, reports its path and applies the rest', async () => {
    const project = slug();
    await sync(project, LINK);
    fake.setBlockedBy([HOME, 2], [[HOME, 5]]); // 5 <- 4 <- 3 <- 2 <- 5 with the stored edges... 3 <- 2 already
    fake.setBlockedBy([HOME, 4], [[HOME, 3]]);
    fake.issue(HOME, 6, { title: 'Immortal singletons, renamed' });
    const summary = (await sync(project)).json();
    expect(summary.refused).toEqual([
      { issue: 'gh-4', blockedBy: 'gh-3', cycle: ['gh-4', 'gh-3', 'gh-2', 'gh-5', 'gh-4'] },
    ]);
    expect(summary.changed).toEqual(['gh-6']);
    expect(await t.stores.dependencies.list(project)).toContainEqual({ issue: 'gh-2', blockedBy: 'gh-5' });
  });

  it("announces issue.unblocked on the project's event stream when a sync finishes an issue's last open blocker", async () => {
    const project = slug();
    await sync(project, LINK);
    const seen: unknown[] = [];
    const stop = t.app.events.subscribe(project, (event) => seen.push(event));
    fake.issue(ELSEWHERE, 9, { state: 'closed' }); // gh-2 is closed already: gh-3's last open blocker
    const summary = (await sync(project)).json();
    expect(summary.unblocked).toEqual([{ key: 'gh-3', finishedBlockers: ['ericsnowcurrently:lib:gh-9'] }]);
    // Events travel through the database's change feed (on PostgreSQL, a NOTIFY that arrives a moment later).
    await vi.waitFor(() =>
      expect(seen).toContainEqual(
        expect.objectContaining({
          type: 'issue.unblocked',
          project,
          issue: 'gh-3',
          title: 'Per-interpreter allocator',
          finishedBlockers: ['ericsnowcurrently:lib:gh-9'],
        }),
      ),
    );
    stop();
  });

  it('keeps the GitHub token out of the database', async () => {
    const project = slug();
    await sync(project, LINK);
    const files = (await readdir(t.dir)).map((f) => join(t.dir, f));
    const bytes = await Promise.all(files.map((f) => readFile(f)));
    expect(bytes.some((b) => b.includes(TOKEN))).toBe(false);
  });

  it('follows its meta issue transferred to another repository (GitHub answers 301): the link, the keys, nothing lost', async () => {
    const project = slug();
    expect((await sync(project, LINK)).statusCode).toBe(200);
    const claims = [{ component: 'freelist.tuple', placement: 'per-interpreter' as const }];
    await t.stores.issues.update(project, 'gh-5', { claims }, { actor: 'alice' });
    await t.stores.issues.update(project, 'gh-1', { claims }, { actor: 'alice' });
    const issues = `/v1/projects/${project}/issues`;
    expect(
      (await t.app.inject({ method: 'POST', url: issues, payload: { key: 'own', title: 'Own' } })).statusCode,
    ).toBe(201);
    expect((await t.app.inject({ method: 'PUT', url: `${issues}/own/blocked-by/gh-5` })).statusCode).toBe(
      201,
    );
    // Moved while no webhook told isoplan: the old address answers 301 to the new one, under a new id.
    fake.transferIssue([HOME, META], ['python/meta', 7]);
    const synced = await sync(project);
    expect(synced.statusCode).toBe(200);
    expect(synced.json().link).toMatchObject({ repository: 'python/meta', issue: 7 });
    // The meta issue is the one the project knew, renamed with its claims, not removed and added anew.
    expect(synced.json().renamed).toContainEqual({ from: 'gh-1', to: 'gh-7' });
    expect(synced.json()).toMatchObject({ added: [], removed: [] });
    expect((await t.stores.issues.get(project, 'gh-7')).claims).toEqual(claims);
    expect(fake.received('GET', `/repos/${HOME}/issues/${META}`).length).toBeGreaterThan(0);
    expect(await t.stores.githubLinks.get(project)).toMatchObject({ repository: 'python/meta', issue: 7 });
    // Keys are the new home's: the meta issue is gh-7, the sub-issues left behind name their repository.
    const keys = (await t.stores.issues.listAll(project)).map((i) => i.key);
    expect(keys).toEqual(
      expect.arrayContaining(['gh-7', 'python:cpython:gh-2', 'python:cpython:gh-5', 'own']),
    );
    expect(keys).not.toContain('gh-1');
    expect((await t.stores.issues.get(project, 'python:cpython:gh-5')).claims).toEqual(claims);
    expect(await t.stores.dependencies.list(project)).toContainEqual({
      issue: 'own',
      blockedBy: 'python:cpython:gh-5',
    });
    const audit = (await t.stores.audit.list(project, { limit: 100 })).items;
    expect(audit).toContainEqual(
      expect.objectContaining({
        action: 'github.link',
        after: expect.objectContaining({ repository: 'python/meta' }),
      }),
    );
    // And it stays followed: the next sync reads the new address and finds nothing new.
    expect((await sync(project)).json()).toMatchObject({ added: [], removed: [], renamed: [] });
  });

  it("gives a key the meta issue's move frees to the new home's issue, not the history of the one that held it", async () => {
    const project = slug();
    expect((await sync(project, LINK)).statusCode).toBe(200);
    const claims = [{ component: 'freelist.tuple', placement: 'per-interpreter' as const }];
    await t.stores.issues.update(project, 'gh-5', { claims }, { actor: 'alice' });
    const leftBehind = Number(fake.issue(HOME, 5).id);
    // The meta issue moves to python/meta, where issue #5 is another issue, then made a sub-issue of it.
    fake.transferIssue([HOME, META], ['python/meta', 7]);
    const newcomer = Number(fake.issue('python/meta', 5, { title: 'Another issue, numbered 5 too' }).id);
    fake.setParent(['python/meta', 5], ['python/meta', 7]);
    const synced = (await sync(project)).json();
    // gh-5 left for python:cpython:gh-5 (its history, claims and id with it); python/meta#5 is new as gh-5.
    expect(synced.renamed).toContainEqual({ from: 'gh-5', to: 'python:cpython:gh-5' });
    expect(synced.added).toEqual(['gh-5']);
    expect(synced.changed).not.toContain('gh-5');
    const issues = (await t.stores.documents.export(project)).issues;
    expect(issues.find((i) => i.key === 'python:cpython:gh-5')).toMatchObject({
      githubId: leftBehind,
      claims,
    });
    expect(issues.find((i) => i.key === 'gh-5')).toMatchObject({
      githubId: newcomer,
      title: 'Another issue, numbered 5 too',
      claims: [],
    });
    const history = async (key: string) =>
      (
        await t.app.inject({
          method: 'GET',
          url: `/v1/projects/${project}/history?issue=${encodeURIComponent(key)}&limit=100`,
        })
      ).json().items as Array<{ action: string; before: { key?: string } | null; after: unknown }>;
    expect(await history('python:cpython:gh-5')).toContainEqual(
      expect.objectContaining({
        action: 'issue.rename',
        before: expect.objectContaining({ key: 'gh-5', claims }),
      }),
    );
    // The key's history from the move on is the newcomer's: created, not an update of the issue it replaced.
    const sinceTheMove = (await history('gh-5')).filter((e) => e.action.startsWith('issue.')).at(0);
    expect(sinceTheMove).toMatchObject({ action: 'issue.create', after: { githubId: newcomer, claims: [] } });
    // And the next sync finds nothing new.
    expect((await sync(project)).json()).toMatchObject({ added: [], removed: [], renamed: [], changed: [] });
  });

  it('follows the repositories of its issues renamed on GitHub (301 from the old name): the link, the keys, nothing lost', async () => {
    const project = slug();
    expect((await sync(project, LINK)).statusCode).toBe(200);
    const claims = [{ component: 'freelist.tuple', placement: 'per-interpreter' as const }];
    await t.stores.issues.update(project, 'gh-5', { claims }, { actor: 'alice' });
    await t.stores.issues.update(project, 'ericsnowcurrently:lib:gh-9', { claims }, { actor: 'alice' });
    fake.renameRepository(HOME, 'python/cpython-renamed');
    fake.renameRepository(ELSEWHERE, 'ericsnowcurrently/helpers');
    const synced = await sync(project);
    expect(synced.statusCode).toBe(200);
    expect(synced.json()).toMatchObject({
      link: { repository: 'python/cpython-renamed', issue: META },
      relinked: { to: { repository: 'python/cpython-renamed', issue: META } },
      added: [],
      removed: [],
      renamed: [{ from: 'ericsnowcurrently:lib:gh-9', to: 'ericsnowcurrently:helpers:gh-9' }],
    });
    expect((await t.stores.issues.get(project, 'gh-5')).claims).toEqual(claims);
    expect((await t.stores.issues.get(project, 'ericsnowcurrently:helpers:gh-9')).claims).toEqual(claims);
    expect((await t.stores.issues.get(project, 'gh-5')).url).toBe(
      'https://github.com/python/cpython-renamed/issues/5',
    );
    expect((await sync(project)).json()).toMatchObject({ added: [], removed: [], renamed: [], changed: [] });
  });

  it('follows a sub-issue transferred to another repository when no delivery said so, keeping its claims', async () => {
    const project = slug();
    expect((await sync(project, LINK)).statusCode).toBe(200);
    const claims = [{ component: 'freelist.tuple', placement: 'per-interpreter' as const }];
    await t.stores.issues.update(project, 'gh-5', { claims }, { actor: 'alice' });
    // GitHub gives it a new id: its old address answers 301 to the new one.
    fake.transferIssue([HOME, 5], ['python/arenas', 1]);
    const synced = (await sync(project)).json();
    expect(synced).toMatchObject({
      renamed: [{ from: 'gh-5', to: 'python:arenas:gh-1' }],
      added: [],
      removed: [],
    });
    const moved = (await t.stores.documents.export(project)).issues.find(
      (i) => i.key === 'python:arenas:gh-1',
    );
    expect(moved).toMatchObject({ claims, githubId: Number(fake.issue('python/arenas', 1).id) });
    const audit = (await t.stores.audit.list(project, { limit: 100 })).items;
    expect(audit).toContainEqual(expect.objectContaining({ action: 'issue.rename' }));
  });

  it('reads no old address when the tree holds no issue the project does not know', async () => {
    const project = slug();
    expect((await sync(project, LINK)).statusCode).toBe(200);
    fake.deleteIssue(HOME, 6);
    const before = fake.requests.length;
    expect((await sync(project)).json()).toMatchObject({ removed: ['gh-6'], added: [] });
    expect(fake.requests.slice(before).filter((r) => r.path === `/repos/${HOME}/issues/6`)).toEqual([]);
  });

  it('reads every page of a meta issue with 101 sub-issues', async () => {
    const project = slug();
    fake.issue('octo/big', 1);
    for (let n = 2; n <= 102; n++) {
      fake.issue('octo/big', n);
      fake.setParent(['octo/big', n], ['octo/big', 1]);
    }
    const summary = (await sync(project, { repository: 'octo/big', issue: 1 })).json();
    expect(summary.added).toHaveLength(102);
    expect(fake.received('GET', '/repos/octo/big/issues/1/sub_issues')).toHaveLength(2);
  });

  it('waits out rate limits in the middle of a sync and finishes it', async () => {
    const project = slug();
    fake.rateLimit('primary', 'secondary');
    const response = await sync(project, LINK);
    expect(response.statusCode).toBe(200);
    expect(response.json().added).toHaveLength(7);
  });

  it('is a 404 problem when GitHub has no such meta issue, and creates no project', async () => {
    const project = slug();
    const response = await sync(project, { repository: HOME, issue: 404 });
    expect(response.statusCode).toBe(404);
    expect(response.json()).toMatchObject({ type: 'https://isoplan.dev/problems/github-not-found' });
    expect(response.json().detail).toContain('python/cpython#404');
    expect((await t.app.inject({ method: 'GET', url: `/v1/projects/${project}` })).statusCode).toBe(404);
  });

  /**
   * A linked project's sync after #2's title changed on GitHub, its read of #4's sub-issues (#4 is listed
   * under #3) held while `meanwhile` changes GitHub; its answer.
   */
  async function syncWhileReadingIssue4(project: string, meanwhile: () => void) {
    expect((await sync(project, LINK)).statusCode).toBe(200);
    fake.issue(HOME, 2, { title: 'Changed meanwhile' });
    const held = fake.hold(`/repos/${HOME}/issues/4/sub_issues`);
    const pending = sync(project);
    await held.reached;
    meanwhile();
    held.release();
    return pending;
  }

  it('takes a sub-issue deleted on GitHub while the sync reads the tree as gone, and finishes the sync', async () => {
    const project = slug();
    // #4 deleted (with #5 under it) before its own sub-issues are read.
    const response = await syncWhileReadingIssue4(project, () => {
      fake.deleteIssue(HOME, 4);
      fake.deleteIssue(HOME, 5);
    });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ changed: ['gh-2'], removed: ['gh-4', 'gh-5'] });
  });

  it('fails the sync, dropping nothing, when a sub-issue that GitHub still has refuses its list', async () => {
    const project = slug();
    // The held request's answer is a 404: #4 itself still answers.
    const response = await syncWhileReadingIssue4(project, () => fake.fail(404));
    expect(response.statusCode).toBe(404);
    const issues = await t.app.inject({ method: 'GET', url: `/v1/projects/${project}/issues?limit=100` });
    const keys = (issues.json().items as Array<{ key: string; title: string }>).map((i) => i.key);
    expect(keys).toEqual(expect.arrayContaining(['gh-4', 'gh-5']));
    expect(issues.json().items.find((i: { key: string }) => i.key === 'gh-2').title).not.toBe(
      'Changed meanwhile',
    );
  });

  it('is a 403 problem when GitHub refuses the token, naming what to check, and changes nothing', async () => {
    const bad = await createTestApp(
      {},
      { github: testGithubClient(fake, { kind: 'token', token: 'ghp_not-valid' }) },
    );
    try {
      const response = await bad.app.inject({
        method: 'POST',
        url: '/v1/projects/refused/github/sync',
        payload: LINK,
      });
      expect(response.statusCode).toBe(403);
      expect(response.json()).toMatchObject({ type: 'https://isoplan.dev/problems/github-forbidden' });
      expect(response.json().detail).toContain('GITHUB_TOKEN');
      expect(response.body).not.toContain('ghp_not-valid');
      expect((await bad.app.inject({ method: 'GET', url: '/v1/projects/refused' })).statusCode).toBe(404);
    } finally {
      await bad.close();
    }
  });

  it('is a 503 with Retry-After when a rate limit lifts too late, and changes nothing', async () => {
    const project = slug();
    await sync(project, LINK);
    fake.issue(HOME, 2, { title: 'Changed meanwhile' });
    fake.rateLimit('primary', 'primary-long');
    const response = await sync(project);
    expect(response.statusCode).toBe(503);
    expect(Number(response.headers['retry-after'])).toBeGreaterThan(3000);
    expect((await t.stores.issues.get(project, 'gh-2')).title).toBe('Move the tuple free list');
  });

  it('is a 502 problem when GitHub answers 5xx past its retries, and changes nothing', async () => {
    const project = slug();
    await sync(project, LINK);
    fake.issue(HOME, 2, { title: 'Changed meanwhile' });
    fake.fail(503, 503, 503, 503);
    const response = await sync(project);
    expect(response.statusCode).toBe(502);
    expect(response.headers['content-type']).toBe(PROBLEM_JSON);
    expect(response.json()).toMatchObject({ type: 'https://isoplan.dev/problems/github-unavailable' });
    expect((await t.stores.issues.get(project, 'gh-2')).title).toBe('Move the tuple free list');
  });

  it('is a 502 problem, not a request that hangs, when GitHub stops answering a sync', async () => {
    const slow = await createTestApp(
      {},
      { github: testGithubClient(fake, { kind: 'token', token: TOKEN }, { timeoutMs: 200 }) },
    );
    try {
      // GitHub answers neither the first read nor its three retries.
      fake.fail(...Array.from({ length: 4 }, () => 'no-answer' as const));
      const response = await slow.app.inject({
        method: 'POST',
        url: '/v1/projects/stalled/github/sync',
        payload: LINK,
      });
      expect(response.statusCode).toBe(502);
      expect(response.json()).toMatchObject({
        type: 'https://isoplan.dev/problems/github-unavailable',
        detail: expect.stringContaining('did not answer'),
      });
      expect((await slow.app.inject({ method: 'GET', url: '/v1/projects/stalled' })).statusCode).toBe(404);
    } finally {
      await slow.close();
    }
  });

  it('is a 409 for a project that is not linked', async () => {
    const { slug: project } = await givenProject(t.stores);
    const response = await sync(project);
    expect(response.statusCode).toBe(409);
    expect(response.json().detail).toContain(`PUT /v1/projects/${project}/github`);
  });
});

describe('who links and syncs, in the audit trail', () => {
  let closed: TestApp;
  beforeAll(async () => {
    closed = await createTestApp(
      { publicRead: false },
      { github: testGithubClient(fake, { kind: 'token', token: TOKEN }) },
    );
  });
  afterAll(() => closed.close());

  it('names the admin token that links and the write token that syncs, X-Actor only as whom they acted for', async () => {
    const lead = await givenToken(closed.stores, { name: 'lead', scope: 'admin' });
    const ci = await givenToken(closed.stores, { name: 'ci-sync', scope: 'write' });
    const { slug: project } = await givenProject(closed.stores);
    const link = await closed.app.inject({
      method: 'PUT',
      url: `/v1/projects/${project}/github`,
      payload: LINK,
      headers: { ...lead.bearer, 'x-actor': 'alice' },
    });
    expect(link.statusCode).toBe(201);
    const synced = await closed.app.inject({
      method: 'POST',
      url: `/v1/projects/${project}/github/sync`,
      headers: { ...ci.bearer, 'x-actor': 'bob' },
    });
    expect(synced.statusCode, synced.body).toBe(200);

    const events = (await closed.stores.audit.list(project, { limit: 100 })).items;
    expect(events.find((e) => e.action === 'github.link')).toMatchObject({
      actor: 'lead',
      onBehalfOf: 'alice',
    });
    const fromSync = events.filter((e) => e.action !== 'github.link' && e.action !== 'project.create');
    expect(fromSync.length).toBeGreaterThan(0);
    for (const event of fromSync) expect(event).toMatchObject({ actor: 'ci-sync', onBehalfOf: 'bob' });
  });

  it("lets a write token's sync follow the meta issue GitHub moved (GitHub's redirect picks the address), reporting the move", async () => {
    const lead = await givenToken(closed.stores, { name: 'lead-2', scope: 'admin' });
    const ci = await givenToken(closed.stores, { name: 'ci-sync-2', scope: 'write' });
    const { slug: project } = await givenProject(closed.stores);
    const url = `/v1/projects/${project}/github`;
    expect(
      (await closed.app.inject({ method: 'PUT', url, payload: LINK, headers: lead.bearer })).statusCode,
    ).toBe(201);
    const sync = () => closed.app.inject({ method: 'POST', url: `${url}/sync`, headers: ci.bearer });
    expect((await sync()).json()).toMatchObject({ relinked: null });
    fake.transferIssue([HOME, META], ['python/meta', 7]);
    const moved = await sync();
    expect(moved.statusCode, moved.body).toBe(200);
    const to = { repository: 'python/meta', issue: 7, document: null };
    expect(moved.json()).toMatchObject({ link: to, relinked: { from: { ...LINK, document: null }, to } });
    expect(await closed.stores.githubLinks.get(project)).toEqual(to);
    const events = (await closed.stores.audit.list(project, { limit: 100 })).items;
    expect(events.filter((e) => e.action === 'github.link')[0]).toMatchObject({
      actor: 'ci-sync-2',
      after: to,
    });
    // Its old address is still the same meta issue: a writer's script that names it keeps working…
    const atOldAddress = await closed.app.inject({
      method: 'POST',
      url: `${url}/sync`,
      payload: LINK,
      headers: ci.bearer,
    });
    expect(atOldAddress.statusCode, atOldAddress.body).toBe(200);
    expect(atOldAddress.json()).toMatchObject({ link: to, relinked: null });
    // …but the writer still cannot point the project at another issue.
    const elsewhere = await closed.app.inject({
      method: 'POST',
      url: `${url}/sync`,
      payload: { repository: HOME, issue: 3 },
      headers: ci.bearer,
    });
    expect(elsewhere.statusCode).toBe(403);
    expect(await closed.stores.githubLinks.get(project)).toEqual(to);
  });

  it('lets no write token link, and no read token sync', async () => {
    const writer = await givenToken(closed.stores, { scope: 'write' });
    const reader = await givenToken(closed.stores, { scope: 'read' });
    const { slug: project } = await givenProject(closed.stores);
    const link = await closed.app.inject({
      method: 'PUT',
      url: `/v1/projects/${project}/github`,
      payload: LINK,
      headers: writer.bearer,
    });
    expect(link.statusCode).toBe(403);
    const synced = await closed.app.inject({
      method: 'POST',
      url: `/v1/projects/${project}/github/sync`,
      payload: LINK,
      headers: reader.bearer,
    });
    expect(synced.statusCode).toBe(403);
    expect(await closed.stores.githubLinks.get(project)).toBeNull();
  });
});
