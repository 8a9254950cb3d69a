import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, givenIssue, givenProject, PROBLEM_JSON, type TestApp } from './test-app.js';

describe('claims, checks and goal API', () => {
  let t: TestApp;
  let project: string;
  let key: string;
  let revision: number;

  beforeEach(async () => {
    t = await createTestApp();
    project = (await givenProject(t.stores)).slug;
    ({ key, revision } = await givenIssue(t.stores, project));
  });
  afterEach(async () => {
    await t.close();
  });

  const put = (url: string, payload: unknown, headers: Record<string, string> = {}) =>
    t.app.inject({ method: 'PUT', url, payload: payload as object, headers });

  it('replaces the claims of an issue, bumps its revision and audits the change', async () => {
    const claims = [
      { component: 'freelist.tuple', placement: 'per-interpreter' },
      { component: 'ext:_decimal', placement: 'multi-phase' },
    ];
    const res = await put(`/v1/projects/${project}/issues/${key}/claims`, claims);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ key, claims, revision: revision + 1 });
    expect(res.headers.etag).toBe(`"r${revision + 1}"`);
    expect((await t.stores.issues.get(project, key)).claims).toEqual(claims);
    const history = await t.stores.audit.list(project, { limit: 1 });
    expect(history.items[0]).toMatchObject({ action: 'issue.update', target: key });
  });

  it('replaces the checks of an issue, workloads and programs alike', async () => {
    const checks = [
      { name: 'churn', workload: 'tuple-churn' },
      { name: 'mine', program: [{ op: 'repeat', times: 3, body: [{ op: 'gc' }] }] },
    ];
    const res = await put(`/v1/projects/${project}/issues/${key}/checks`, checks);
    expect(res.statusCode).toBe(200);
    expect(res.json().checks).toEqual(checks);
  });

  it('replaces the goal of the project', async () => {
    const goal = [{ name: 'gc', workload: 'gc' }];
    const res = await put(`/v1/projects/${project}/goal`, goal);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ slug: project, goal });
    expect((await t.stores.projects.get(project)).goal).toEqual(goal);
  });

  it('refuses unknown components and placements with a 400 naming each, and changes nothing', async () => {
    const res = await put(`/v1/projects/${project}/issues/${key}/claims`, [
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

  it('refuses unknown workloads and invalid programs with a 400 naming each', async () => {
    const res = await put(`/v1/projects/${project}/issues/${key}/checks`, [
      { name: 'a', workload: 'no-such-workload' },
      { name: 'b', program: [{ op: 'import', module: 'nope_module' }] },
    ]);
    expect(res.statusCode).toBe(400);
    const paths = (res.json().errors as { path: string }[]).map((e) => e.path);
    expect(paths).toEqual(['body[0].workload', 'body[1].program[0].module']);
    const goal = await put(`/v1/projects/${project}/goal`, [{ name: 'g', workload: 'touch:nowhere' }]);
    expect(goal.statusCode).toBe(400);
    expect(goal.json().errors).toEqual([
      { path: 'body[0].workload', message: expect.stringContaining('touch:nowhere') },
    ]);
  });

  it('refuses a body that is not a list of claims by its shape', async () => {
    const res = await put(`/v1/projects/${project}/issues/${key}/claims`, [{ component: 'gc' }]);
    expect(res.statusCode).toBe(400);
  });

  it('honours If-Match and answers 404 for an unknown issue', async () => {
    const stale = await put(`/v1/projects/${project}/issues/${key}/claims`, [], {
      'if-match': `"r${revision + 5}"`,
    });
    expect(stale.statusCode).toBe(412);
    const fresh = await put(`/v1/projects/${project}/issues/${key}/claims`, [], {
      'if-match': `"r${revision}"`,
    });
    expect(fresh.statusCode).toBe(200);
    const missing = await put(`/v1/projects/${project}/issues/nope/checks`, []);
    expect(missing.statusCode).toBe(404);
  });

  it('answers a stale If-Match with 412 before looking at the content (RFC 9110 §13.2.1)', async () => {
    const res = await put(
      `/v1/projects/${project}/issues/${key}/claims`,
      [{ component: 'nope', placement: 'x' }],
      {
        'if-match': `"r${revision + 5}"`,
      },
    );
    expect(res.statusCode).toBe(412);
    const goal = await put(`/v1/projects/${project}/goal`, [{ name: 'g', workload: 'nope' }], {
      'if-match': '"r0"',
    });
    expect(goal.statusCode).toBe(412);
  });
});
