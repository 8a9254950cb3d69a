import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, givenProject, type TestApp } from '../test-app.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

const putGoal = (project: string, goal: unknown, headers: Record<string, string> = {}) =>
  t.app.inject({ method: 'PUT', url: `/v1/projects/${project}/goal`, payload: goal as object, headers });

describe('PUT /v1/projects/:project/goal', () => {
  it('replaces the goal of the project', async () => {
    const project = (await givenProject(t.stores)).slug;
    const goal = [{ name: 'gc', workload: 'gc' }];
    const res = await putGoal(project, goal);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ slug: project, goal });
    expect((await t.stores.projects.get(project)).goal).toEqual(goal);
  });

  it('refuses an unknown workload with a 400 naming it', async () => {
    const project = (await givenProject(t.stores)).slug;
    const goal = await putGoal(project, [{ name: 'g', workload: 'touch:nowhere' }]);
    expect(goal.statusCode).toBe(400);
    expect(goal.json().errors).toEqual([
      { path: 'body[0].workload', message: expect.stringContaining('touch:nowhere') },
    ]);
  });

  it('answers a stale If-Match with 412 before looking at the content (RFC 9110 §13.2.1)', async () => {
    const project = (await givenProject(t.stores)).slug;
    const goal = await putGoal(project, [{ name: 'g', workload: 'nope' }], { 'if-match': '"r0"' });
    expect(goal.statusCode).toBe(412);
  });
});
