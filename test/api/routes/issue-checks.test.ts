import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, givenIssue, givenProject, type TestApp } from '../test-app.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

const putChecks = (project: string, key: string, checks: unknown) =>
  t.app.inject({
    method: 'PUT',
    url: `/v1/projects/${project}/issues/${key}/checks`,
    payload: checks as object,
  });

describe('PUT /v1/projects/:project/issues/:key/checks', () => {
  it('replaces the checks of an issue, workloads and programs alike', async () => {
    const project = (await givenProject(t.stores)).slug;
    const { key } = await givenIssue(t.stores, project);
    const checks = [
      { name: 'churn', workload: 'tuple-churn' },
      { name: 'mine', program: [{ op: 'repeat', times: 3, body: [{ op: 'gc' }] }] },
    ];
    const res = await putChecks(project, key, checks);
    expect(res.statusCode).toBe(200);
    expect(res.json().checks).toEqual(checks);
  });

  it('refuses unknown workloads and invalid programs with a 400 naming each', async () => {
    const project = (await givenProject(t.stores)).slug;
    const { key } = await givenIssue(t.stores, project);
    const res = await putChecks(project, key, [
      { name: 'a', workload: 'no-such-workload' },
      { name: 'b', program: [{ op: 'import', module: 'nope_module' }] },
    ]);
    expect(res.statusCode).toBe(400);
    const paths = (res.json().errors as { path: string }[]).map((e) => e.path);
    expect(paths).toEqual(['body[0].workload', 'body[1].program[0].module']);
  });

  it('answers 404 for an unknown issue', async () => {
    const project = (await givenProject(t.stores)).slug;
    const missing = await putChecks(project, 'nope', []);
    expect(missing.statusCode).toBe(404);
  });
});
