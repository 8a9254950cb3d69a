import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../test-app.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

type Event = {
  actor: string;
  onBehalfOf: string | null;
  action: string;
  target: string | null;
  before: unknown;
  after: unknown;
  at: string;
};

describe('GET /v1/projects/:project/history', () => {
  it('records every change with its actor, whom it acted for, action, before and after', async () => {
    const headers = { 'x-actor': 'alice' };
    await t.app.inject({
      method: 'POST',
      url: '/v1/projects',
      headers,
      payload: { slug: 'h', name: 'History' },
    });
    await t.app.inject({
      method: 'POST',
      url: '/v1/projects/h/issues',
      headers,
      payload: { key: 'a', title: 'A' },
    });
    await t.app.inject({
      method: 'POST',
      url: '/v1/projects/h/issues',
      headers,
      payload: { key: 'b', title: 'B' },
    });
    await t.app.inject({
      method: 'PATCH',
      url: '/v1/projects/h/issues/a',
      headers,
      payload: { title: 'A2' },
    });
    await t.app.inject({ method: 'PUT', url: '/v1/projects/h/issues/b/blocked-by/a' });

    const res = await t.app.inject({ method: 'GET', url: '/v1/projects/h/history?limit=50' });
    expect(res.statusCode).toBe(200);
    const events = res.json().items as Event[];
    expect(events.map((e) => e.action).sort()).toEqual(
      ['dependency.add', 'issue.create', 'issue.create', 'issue.update', 'project.create'].sort(),
    );
    const update = events.find((e) => e.action === 'issue.update') as Event;
    // Without a token the actor is anonymous; X-Actor is only whom it said it acted for.
    expect(update).toMatchObject({ actor: 'anonymous', onBehalfOf: 'alice', target: 'a' });
    expect(JSON.stringify(update.before)).toContain('"A"');
    expect(JSON.stringify(update.after)).toContain('"A2"');
    expect(events.find((e) => e.action === 'dependency.add')).toMatchObject({
      actor: 'anonymous',
      onBehalfOf: null,
    });
    for (const e of events) expect(Number.isNaN(Date.parse(e.at))).toBe(false);
  });

  it('pages with limit and cursor', async () => {
    const first = await t.app.inject({ method: 'GET', url: '/v1/projects/h/history?limit=2' });
    const page = first.json();
    expect(page.items).toHaveLength(2);
    expect(page.nextCursor).toEqual(expect.any(String));
    const second = await t.app.inject({
      method: 'GET',
      url: `/v1/projects/h/history?limit=2&cursor=${encodeURIComponent(page.nextCursor)}`,
    });
    const ids = [...page.items, ...second.json().items].map((e: { id: number }) => e.id);
    expect(new Set(ids).size).toBe(4);
  });

  it("refuses another list's cursor with 400 naming the query parameter", async () => {
    const issues = await t.app.inject({ method: 'GET', url: '/v1/projects/h/issues?limit=1' });
    const foreign = issues.json().nextCursor as string;
    const res = await t.app.inject({
      method: 'GET',
      url: `/v1/projects/h/history?cursor=${encodeURIComponent(foreign)}`,
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().errors).toEqual([{ path: 'querystring.cursor', message: expect.any(String) }]);
  });

  it("filters by issue: the issue's own events and its dependencies' either way, nothing else", async () => {
    await t.app.inject({ method: 'POST', url: '/v1/projects', payload: { slug: 'hi', name: 'By issue' } });
    // `a_b` and `axb`: a key with SQL's one-character wildcard must not match a key it would LIKE-match.
    for (const key of ['a_b', 'axb', 'c']) {
      await t.app.inject({ method: 'POST', url: '/v1/projects/hi/issues', payload: { key, title: key } });
    }
    await t.app.inject({ method: 'PUT', url: '/v1/projects/hi/issues/a_b/blocked-by/c' });
    await t.app.inject({ method: 'PUT', url: '/v1/projects/hi/issues/c/blocked-by/axb' });
    await t.app.inject({ method: 'PATCH', url: '/v1/projects/hi/issues/axb', payload: { title: 'x' } });

    const of = async (issue: string) => {
      const res = await t.app.inject({ method: 'GET', url: `/v1/projects/hi/history?issue=${issue}` });
      expect(res.statusCode).toBe(200);
      return (res.json().items as Event[]).map((e) => `${e.action} ${e.target}`);
    };
    expect(await of('a_b')).toEqual(['dependency.add a_b<-c', 'issue.create a_b']);
    expect(await of('axb')).toEqual(['issue.update axb', 'dependency.add c<-axb', 'issue.create axb']);
    expect(await of('c')).toEqual(['dependency.add c<-axb', 'dependency.add a_b<-c', 'issue.create c']);
  });

  it('answers 404 for an unknown project', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/v1/projects/none-such/history' });
    expect(res.statusCode).toBe(404);
  });
});
