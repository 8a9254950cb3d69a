import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROBLEM_BASE } from '../../../src/domain/errors.js';
import { createTestApp, givenEdge, givenIssue, givenProject, type TestApp } from '../test-app.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

async function projectWith(...keys: string[]): Promise<string> {
  const project = await givenProject(t.stores);
  for (const key of keys) await givenIssue(t.stores, project.slug, { key });
  return project.slug;
}

const put = (project: string, key: string, blocker: string) =>
  t.app.inject({ method: 'PUT', url: `/v1/projects/${project}/issues/${key}/blocked-by/${blocker}` });

describe('PUT /v1/projects/:project/issues/:key/blocked-by/:blocker', () => {
  it('answers 201 when the edge is new and 200 when it existed', async () => {
    const p = await projectWith('a', 'b');
    const first = await put(p, 'a', 'b');
    expect(first.statusCode).toBe(201);
    expect(first.json()).toEqual({ issue: 'a', blockedBy: 'b' });
    const second = await put(p, 'a', 'b');
    expect(second.statusCode).toBe(200);
    const issue = await t.app.inject({ method: 'GET', url: `/v1/projects/${p}/issues/a` });
    expect(issue.json().blockedBy).toEqual(['b']);
  });

  it('refuses an edge that closes a cycle with 409 and the cycle in order', async () => {
    const p = await projectWith('a', 'b', 'c');
    await givenEdge(t.stores, p, 'a', 'b');
    await givenEdge(t.stores, p, 'b', 'c');
    const res = await put(p, 'c', 'a');
    expect(res.statusCode).toBe(409);
    const body = res.json();
    expect(body.type).toBe(`${PROBLEM_BASE}dependency-cycle`);
    // The cycle's keys, in order along the blocked-by edges, first key repeated last.
    expect(body.cycle[0]).toBe(body.cycle.at(-1));
    expect(new Set(body.cycle)).toEqual(new Set(['a', 'b', 'c']));
    const edges = (await t.stores.dependencies.list(p)).map((e) => `${e.issue}<-${e.blockedBy}`).sort();
    expect(edges).toEqual(['a<-b', 'b<-c']);
    for (let i = 0; i + 1 < body.cycle.length; i++) {
      const step = `${body.cycle[i]}<-${body.cycle[i + 1]}`;
      const reversed = `${body.cycle[i + 1]}<-${body.cycle[i]}`;
      expect([...edges, 'c<-a'].includes(step) || [...edges, 'c<-a'].includes(reversed)).toBe(true);
    }
  });

  it('refuses a self-dependency with a 400 that says so', async () => {
    const p = await projectWith('a');
    const res = await put(p, 'a', 'a');
    expect(res.statusCode).toBe(400);
    expect(res.json().detail).toMatch(/itself|self/i);
  });

  it('refuses unknown keys with a 400 naming the key and its path parameter', async () => {
    const p = await projectWith('a');
    for (const [key, blocker, ghost, param] of [
      ['a', 'ghost', 'ghost', 'params.blocker'],
      ['phantom', 'a', 'phantom', 'params.key'],
    ]) {
      const res = await put(p, key as string, blocker as string);
      expect(res.statusCode, res.body).toBe(400);
      expect(res.json()).toMatchObject({
        type: `${PROBLEM_BASE}invalid-input`,
        errors: [{ path: param, message: expect.stringContaining(`'${ghost}'`) }],
      });
    }
  });

  it("refuses another project's issue as a blocker", async () => {
    const p = await projectWith('a');
    const other = await projectWith('foreign');
    expect(other).not.toBe(p);
    const res = await put(p, 'a', 'foreign');
    expect(res.statusCode).toBeGreaterThanOrEqual(400);
    expect(res.statusCode).toBeLessThan(500);
    expect(res.body).toContain('foreign');
    expect(await t.stores.dependencies.list(p)).toEqual([]);
  });

  it('refuses malformed keys in the path with 400', async () => {
    const p = await projectWith('a');
    const res = await put(p, 'a', '%20bad');
    expect(res.statusCode).toBe(400);
    expect(res.json().errors[0].path).toBe('params.blocker');
  });
});

describe('DELETE /v1/projects/:project/issues/:key/blocked-by/:blocker', () => {
  it('answers 204 when the edge existed and 404 when it is absent', async () => {
    const p = await projectWith('a', 'b');
    await givenEdge(t.stores, p, 'a', 'b');
    const url = `/v1/projects/${p}/issues/a/blocked-by/b`;
    expect((await t.app.inject({ method: 'DELETE', url })).statusCode).toBe(204);
    expect(await t.stores.dependencies.list(p)).toEqual([]);
    const again = await t.app.inject({ method: 'DELETE', url });
    expect(again.statusCode).toBe(404);
    expect(again.headers['content-type']).toMatch(/^application\/problem\+json/);
  });
});

describe('GET /v1/projects/:project/dependencies', () => {
  it('lists every edge of the project', async () => {
    const p = await projectWith('a', 'b', 'c');
    await givenEdge(t.stores, p, 'a', 'b');
    await givenEdge(t.stores, p, 'a', 'c');
    await givenEdge(t.stores, p, 'b', 'c');
    const res = await t.app.inject({ method: 'GET', url: `/v1/projects/${p}/dependencies` });
    expect(res.statusCode).toBe(200);
    const items = (res.json().items as Array<{ issue: string; blockedBy: string }>)
      .map((e) => `${e.issue}<-${e.blockedBy}`)
      .sort();
    expect(items).toEqual(['a<-b', 'a<-c', 'b<-c']);
  });

  it('answers 404 for an unknown project', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/v1/projects/none-such/dependencies' });
    expect(res.statusCode).toBe(404);
  });
});
