import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROBLEM_BASE } from '../../../src/domain/errors.js';
import type { Project } from '../../../src/domain/model.js';
import { etagOf } from '../../../src/store/etag.js';
import {
  createTestApp,
  givenEdge,
  givenIssue,
  givenProject,
  PROBLEM_JSON,
  type TestApp,
} from '../test-app.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

type IssueBody = { key: string; status: string; labels: string[]; parent: string | null };
type Page = { items: IssueBody[]; nextCursor: string | null };

async function listKeys(project: string, query: string): Promise<string[]> {
  const res = await t.app.inject({ method: 'GET', url: `/v1/projects/${project}/issues?${query}` });
  expect(res.statusCode, res.body).toBe(200);
  return (res.json() as Page).items.map((i) => i.key).sort();
}

describe('POST /v1/projects/:project/issues', () => {
  it('creates an issue and answers 201 with Location, ETag and the full representation', async () => {
    const project = await givenProject(t.stores);
    const res = await t.app.inject({
      method: 'POST',
      url: `/v1/projects/${project.slug}/issues`,
      payload: {
        key: 'bpo-39511',
        title: 'Per-interpreter singletons',
        status: 'in_progress',
        estimateDays: 3,
        estimateHighDays: 5,
        assignee: 'eric',
        priority: 'p1',
        url: 'https://bugs.python.org/issue39511',
        labels: ['singletons'],
      },
    });
    expect(res.statusCode).toBe(201);
    expect(res.headers.location).toBe(`/v1/projects/${project.slug}/issues/bpo-39511`);
    expect(res.headers.etag).toMatch(/^"r\d+-[0-9a-z]+"$/);
    expect(res.json()).toEqual({
      key: 'bpo-39511',
      title: 'Per-interpreter singletons',
      body: '',
      status: 'in_progress',
      estimateDays: 3,
      estimateLowDays: null,
      estimateHighDays: 5,
      assignee: 'eric',
      priority: 'p1',
      parent: null,
      url: 'https://bugs.python.org/issue39511',
      labels: ['singletons'],
      claims: [],
      checks: [],
      blockedBy: [],
      blocks: [],
      revision: expect.any(Number),
      createdAt: expect.any(String),
      updatedAt: expect.any(String),
    });
  });

  it('lists every bad field: key, title, status, estimate, url, labels', async () => {
    const project = await givenProject(t.stores);
    const res = await t.app.inject({
      method: 'POST',
      url: `/v1/projects/${project.slug}/issues`,
      payload: {
        key: 'has space',
        title: '',
        status: 'closed',
        estimateDays: -2,
        url: 'not a url',
        labels: [1],
      },
    });
    expect(res.statusCode).toBe(400);
    expect(res.headers['content-type']).toBe(PROBLEM_JSON);
    expect(
      res
        .json()
        .errors.map((e: { path: string }) => e.path)
        .sort(),
    ).toEqual(['body.estimateDays', 'body.key', 'body.labels[0]', 'body.status', 'body.title', 'body.url']);
    expect((await t.stores.issues.listAll(project.slug)).length).toBe(0);
  });

  it('refuses a duplicate key with 409', async () => {
    const project = await givenProject(t.stores);
    await givenIssue(t.stores, project.slug, { key: 'dup' });
    const res = await t.app.inject({
      method: 'POST',
      url: `/v1/projects/${project.slug}/issues`,
      payload: { key: 'dup', title: 'again' },
    });
    expect(res.statusCode).toBe(409);
  });

  it('refuses a javascript: URL with a 400 naming body.url', async () => {
    const project = await givenProject(t.stores);
    const res = await t.app.inject({
      method: 'POST',
      url: `/v1/projects/${project.slug}/issues`,
      payload: { key: 'x', title: 'x', url: 'javascript:alert(1)' },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().errors).toEqual([{ path: 'body.url', message: 'must be an http or https URL' }]);
  });

  it('refuses an unknown parent with a 400 naming body.parent', async () => {
    const project = await givenProject(t.stores);
    const res = await t.app.inject({
      method: 'POST',
      url: `/v1/projects/${project.slug}/issues`,
      payload: { key: 'child', title: 'c', parent: 'ghost' },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().errors).toEqual([{ path: 'body.parent', message: expect.stringContaining("'ghost'") }]);
  });

  it('names the body field of a claim the simulator does not know', async () => {
    const project = await givenProject(t.stores);
    const res = await t.app.inject({
      method: 'POST',
      url: `/v1/projects/${project.slug}/issues`,
      payload: { key: 'k', title: 't', claims: [{ component: 'no.such.component', placement: 'shared' }] },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().errors[0].path).toBe('body.claims[0].component');
  });

  it('answers 404 for an unknown project', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/v1/projects/unknown-project/issues',
      payload: { key: 'a', title: 'a' },
    });
    expect(res.statusCode).toBe(404);
  });
});

describe('GET /v1/projects/:project/issues', () => {
  let project: Project;
  beforeAll(async () => {
    project = await givenProject(t.stores);
    const p = project.slug;
    await givenIssue(t.stores, p, { key: 'meta', status: 'open', labels: ['goal'] });
    await givenIssue(t.stores, p, { key: 'a', status: 'done', labels: ['freelist'], parent: 'meta' });
    await givenIssue(t.stores, p, {
      key: 'b',
      status: 'in_progress',
      labels: ['freelist', 'gc'],
      parent: 'meta',
    });
    await givenIssue(t.stores, p, { key: 'c', status: 'wont_do', labels: [] });
    await givenIssue(t.stores, p, { key: 'd', status: 'open', labels: ['gc'], parent: 'b' });
  });

  it('lists every issue without filters', async () => {
    expect(await listKeys(project.slug, '')).toEqual(['a', 'b', 'c', 'd', 'meta']);
  });

  it('filters by status, repeated or comma-separated', async () => {
    expect(await listKeys(project.slug, 'status=open')).toEqual(['d', 'meta']);
    expect(await listKeys(project.slug, 'status=done&status=wont_do')).toEqual(['a', 'c']);
    expect(await listKeys(project.slug, 'status=done,in_progress')).toEqual(['a', 'b']);
  });

  it('filters by label', async () => {
    expect(await listKeys(project.slug, 'label=freelist')).toEqual(['a', 'b']);
    expect(await listKeys(project.slug, 'label=gc&status=open')).toEqual(['d']);
  });

  it('filters by parent key, and by null or empty for top-level issues', async () => {
    expect(await listKeys(project.slug, 'parent=meta')).toEqual(['a', 'b']);
    expect(await listKeys(project.slug, 'parent=null')).toEqual(['c', 'meta']);
    expect(await listKeys(project.slug, 'parent=')).toEqual(['c', 'meta']);
  });

  it('pages with limit and cursor, each issue once', async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const suffix: string = cursor === null ? '' : `&cursor=${encodeURIComponent(cursor)}`;
      const res = await t.app.inject({
        method: 'GET',
        url: `/v1/projects/${project.slug}/issues?limit=2${suffix}`,
      });
      const page = res.json() as Page;
      expect(page.items.length).toBeLessThanOrEqual(2);
      seen.push(...page.items.map((i) => i.key));
      cursor = page.nextCursor;
      pages++;
    } while (cursor !== null && pages < 10);
    expect(pages).toBe(3);
    expect(seen.sort()).toEqual(['a', 'b', 'c', 'd', 'meta']);
  });

  it('refuses a cursor it did not hand out with 400 naming the query parameter', async () => {
    const res = await t.app.inject({ method: 'GET', url: `/v1/projects/${project.slug}/issues?cursor=WzFd` });
    expect(res.statusCode).toBe(400);
    expect(res.headers['content-type']).toBe(PROBLEM_JSON);
    expect(res.json().errors).toEqual([{ path: 'querystring.cursor', message: expect.any(String) }]);
  });

  it('refuses an unknown status with the failing query parameter', async () => {
    const res = await t.app.inject({
      method: 'GET',
      url: `/v1/projects/${project.slug}/issues?status=open,closed`,
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().errors[0].path).toMatch(/^querystring\.status/);
  });

  it('answers 404 for an unknown project', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/v1/projects/no-such/issues' });
    expect(res.statusCode).toBe(404);
  });
});

describe('GET /v1/projects/:project/issues/:key', () => {
  it('answers the issue with blockedBy, blocks and ETag; 304 when current', async () => {
    const project = await givenProject(t.stores);
    await givenIssue(t.stores, project.slug, { key: 'x' });
    await givenIssue(t.stores, project.slug, { key: 'y' });
    await givenEdge(t.stores, project.slug, 'y', 'x');
    const res = await t.app.inject({ method: 'GET', url: `/v1/projects/${project.slug}/issues/x` });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ key: 'x', blockedBy: [], blocks: ['y'] });
    const etag = res.headers.etag as string;
    expect(etag).toBe(etagOf(res.json()));

    const again = await t.app.inject({
      method: 'GET',
      url: `/v1/projects/${project.slug}/issues/x`,
      headers: { 'if-none-match': etag },
    });
    expect(again.statusCode).toBe(304);
  });

  it('answers 404 problem+json naming an unknown issue', async () => {
    const project = await givenProject(t.stores);
    const res = await t.app.inject({ method: 'GET', url: `/v1/projects/${project.slug}/issues/ghost` });
    expect(res.statusCode).toBe(404);
    expect(res.json()).toMatchObject({ type: `${PROBLEM_BASE}not-found` });
    expect(res.json().detail).toContain('ghost');
  });
});

describe('PATCH /v1/projects/:project/issues/:key', () => {
  it('changes the given fields only', async () => {
    const project = await givenProject(t.stores);
    await givenIssue(t.stores, project.slug, { key: 'p', title: 'Before', labels: ['keep'] });
    const res = await t.app.inject({
      method: 'PATCH',
      url: `/v1/projects/${project.slug}/issues/p`,
      payload: { status: 'done', estimateDays: null },
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      key: 'p',
      title: 'Before',
      status: 'done',
      estimateDays: null,
      labels: ['keep'],
    });
  });

  it('refuses a key change, which is not a patchable field', async () => {
    const project = await givenProject(t.stores);
    await givenIssue(t.stores, project.slug, { key: 'k' });
    const res = await t.app.inject({
      method: 'PATCH',
      url: `/v1/projects/${project.slug}/issues/k`,
      payload: { key: 'other' },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().errors).toEqual([{ path: 'body.key', message: 'unknown field' }]);
  });

  it('honours If-Match: 412 on a stale ETag, and nothing changes', async () => {
    const project = await givenProject(t.stores);
    const issue = await givenIssue(t.stores, project.slug, { key: 'm', title: 'Original' });
    const stale = etagOf(issue);
    const first = await t.app.inject({
      method: 'PATCH',
      url: `/v1/projects/${project.slug}/issues/m`,
      headers: { 'if-match': stale },
      payload: { title: 'First' },
    });
    expect(first.statusCode).toBe(200);
    const second = await t.app.inject({
      method: 'PATCH',
      url: `/v1/projects/${project.slug}/issues/m`,
      headers: { 'if-match': stale },
      payload: { title: 'Second' },
    });
    expect(second.statusCode).toBe(412);
    expect(second.headers['content-type']).toBe(PROBLEM_JSON);
    expect((await t.stores.issues.get(project.slug, 'm')).title).toBe('First');
  });

  it('lets one of two concurrent writes with the same If-Match through and refuses the other with 412', async () => {
    const project = await givenProject(t.stores);
    const issue = await givenIssue(t.stores, project.slug, { key: 'raced' });
    const patch = (title: string) =>
      t.app.inject({
        method: 'PATCH',
        url: `/v1/projects/${project.slug}/issues/raced`,
        headers: { 'if-match': etagOf(issue) },
        payload: { title },
      });
    const codes = (await Promise.all([patch('One'), patch('Two')])).map((r) => r.statusCode);
    expect(codes.sort()).toEqual([200, 412]);
  });

  it('answers 404 for an unknown issue', async () => {
    const project = await givenProject(t.stores);
    const res = await t.app.inject({
      method: 'PATCH',
      url: `/v1/projects/${project.slug}/issues/ghost`,
      payload: { title: 'x' },
    });
    expect(res.statusCode).toBe(404);
  });
});

describe('DELETE /v1/projects/:project/issues/:key', () => {
  it('deletes the issue and its edges', async () => {
    const project = await givenProject(t.stores);
    await givenIssue(t.stores, project.slug, { key: 'gone' });
    await givenIssue(t.stores, project.slug, { key: 'stays' });
    await givenEdge(t.stores, project.slug, 'stays', 'gone');
    const res = await t.app.inject({ method: 'DELETE', url: `/v1/projects/${project.slug}/issues/gone` });
    expect(res.statusCode).toBe(204);
    expect((await t.stores.issues.get(project.slug, 'stays')).blockedBy).toEqual([]);
    const again = await t.app.inject({ method: 'DELETE', url: `/v1/projects/${project.slug}/issues/gone` });
    expect(again.statusCode).toBe(404);
  });

  it('deletes a parent issue and makes its sub-issues top-level, as the API reference says: no 409', async () => {
    const project = await givenProject(t.stores);
    await givenIssue(t.stores, project.slug, { key: 'parent' });
    await givenIssue(t.stores, project.slug, { key: 'child', parent: 'parent' });
    const res = await t.app.inject({ method: 'DELETE', url: `/v1/projects/${project.slug}/issues/parent` });
    expect(res.statusCode).toBe(204);
    expect((await t.stores.issues.get(project.slug, 'child')).parent).toBeNull();
    const doc = (await t.app.inject({ method: 'GET', url: '/openapi.json' })).json();
    const operation = doc.paths['/v1/projects/{project}/issues/{key}'].delete;
    expect(Object.keys(operation.responses)).not.toContain('409');
    expect(operation.description).toContain('its sub-issues become top-level');
  });

  it('refuses a stale If-Match with 412', async () => {
    const project = await givenProject(t.stores);
    const issue = await givenIssue(t.stores, project.slug, { key: 'keep' });
    await t.stores.issues.update(project.slug, 'keep', { title: 'changed' }, { actor: 'fixture' });
    const res = await t.app.inject({
      method: 'DELETE',
      url: `/v1/projects/${project.slug}/issues/keep`,
      headers: { 'if-match': etagOf(issue) },
    });
    expect(res.statusCode).toBe(412);
    expect((await t.stores.issues.get(project.slug, 'keep')).title).toBe('changed');
  });
});

describe('the forecast fields of an issue: estimate range, assignee, priority', () => {
  it('patches one end of the range against the stored estimate, naming both when it is wrong, and changes nothing', async () => {
    const project = await givenProject(t.stores);
    await givenIssue(t.stores, project.slug, { key: 'r', estimateDays: 3 });
    const url = `/v1/projects/${project.slug}/issues/r`;
    const ok = await t.app.inject({
      method: 'PATCH',
      url,
      payload: { estimateLowDays: 2, estimateHighDays: 8 },
    });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({ estimateLowDays: 2, estimateDays: 3, estimateHighDays: 8 });
    const bad = await t.app.inject({ method: 'PATCH', url, payload: { estimateLowDays: 4 } });
    expect(bad.statusCode).toBe(400);
    expect(bad.headers['content-type']).toBe(PROBLEM_JSON);
    expect(bad.json().errors).toEqual([
      { path: 'body.estimateLowDays', message: 'estimateLowDays (4) is above estimateDays (3)' },
    ]);
    const lower = await t.app.inject({ method: 'PATCH', url, payload: { estimateDays: 9 } });
    expect(lower.json().errors).toEqual([
      { path: 'body.estimateHighDays', message: 'estimateHighDays (8) is below estimateDays (9)' },
    ]);
    expect((await t.app.inject({ method: 'GET', url })).json()).toMatchObject({
      estimateLowDays: 2,
      estimateDays: 3,
      estimateHighDays: 8,
      revision: ok.json().revision,
    });
  });

  it('refuses a range without its most likely estimate, and an unknown priority', async () => {
    const project = await givenProject(t.stores);
    const res = await t.app.inject({
      method: 'POST',
      url: `/v1/projects/${project.slug}/issues`,
      payload: { key: 'x', title: 'X', estimateHighDays: 5 },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().errors).toEqual([
      {
        path: 'body.estimateHighDays',
        message: 'estimateHighDays needs estimateDays, the most likely estimate',
      },
    ]);
    const priority = await t.app.inject({
      method: 'POST',
      url: `/v1/projects/${project.slug}/issues`,
      payload: { key: 'y', title: 'Y', priority: 'urgent' },
    });
    expect(priority.statusCode).toBe(400);
    expect(priority.json().errors.map((e: { path: string }) => e.path)).toEqual(['body.priority']);
  });

  it('sets and clears the assignee and the priority', async () => {
    const project = await givenProject(t.stores);
    await givenIssue(t.stores, project.slug, { key: 'a' });
    const url = `/v1/projects/${project.slug}/issues/a`;
    const set = await t.app.inject({ method: 'PATCH', url, payload: { assignee: 'eric', priority: 'p0' } });
    expect(set.json()).toMatchObject({ assignee: 'eric', priority: 'p0' });
    const cleared = await t.app.inject({ method: 'PATCH', url, payload: { assignee: null, priority: null } });
    expect(cleared.json()).toMatchObject({ assignee: null, priority: null });
  });
});
