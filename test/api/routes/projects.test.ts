import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROBLEM_BASE } from '../../../src/domain/errors.js';
import { etagOf } from '../../../src/store/etag.js';
import { createTestApp, givenIssue, givenProject, PROBLEM_JSON, type TestApp } from '../test-app.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

describe('POST /v1/projects', () => {
  it('creates a project and answers 201 with its Location and ETag', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/v1/projects',
      payload: { slug: 'gil', name: 'Per-interpreter GIL', description: 'one GIL per interpreter' },
    });
    expect(res.statusCode).toBe(201);
    expect(res.headers.location).toBe('/v1/projects/gil');
    expect(res.headers.etag).toMatch(/^"r\d+-[0-9a-z]+"$/);
    expect(res.json()).toMatchObject({
      slug: 'gil',
      name: 'Per-interpreter GIL',
      description: 'one GIL per interpreter',
      goal: [],
      createdAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
    });
  });

  it('refuses a duplicate slug with 409', async () => {
    await givenProject(t.stores, { slug: 'taken' });
    const res = await t.app.inject({
      method: 'POST',
      url: '/v1/projects',
      payload: { slug: 'taken', name: 'X' },
    });
    expect(res.statusCode).toBe(409);
    expect(res.headers['content-type']).toBe(PROBLEM_JSON);
  });

  it('lists each bad field of the body and creates nothing', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/v1/projects',
      payload: { slug: 'Bad Slug', name: '', defaultEstimateDays: -1, colour: 'red' },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().type).toBe(`${PROBLEM_BASE}validation-error`);
    expect(
      res
        .json()
        .errors.map((e: { path: string }) => e.path)
        .sort(),
    ).toEqual(['body.colour', 'body.defaultEstimateDays', 'body.name', 'body.slug']);
    const list = await t.stores.projects.list({ limit: 500 });
    expect(list.items.map((p) => p.slug)).not.toContain('Bad Slug');
  });
});

describe('GET /v1/projects', () => {
  it('pages through every project exactly once', async () => {
    for (let i = 0; i < 5; i++) await givenProject(t.stores);
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const query: string = cursor === null ? '' : `&cursor=${encodeURIComponent(cursor)}`;
      const res = await t.app.inject({ method: 'GET', url: `/v1/projects?limit=2${query}` });
      expect(res.statusCode).toBe(200);
      const page = res.json() as { items: Array<{ slug: string }>; nextCursor: string | null };
      expect(page.items.length).toBeLessThanOrEqual(2);
      seen.push(...page.items.map((p) => p.slug));
      cursor = page.nextCursor;
    } while (cursor !== null);
    const all = await t.stores.projects.list({ limit: 500 });
    expect(seen.sort()).toEqual(all.items.map((p) => p.slug).sort());
    expect(new Set(seen).size).toBe(seen.length);
  });

  it("refuses another list's cursor with 400 instead of paging from it", async () => {
    const project = await givenProject(t.stores);
    await givenIssue(t.stores, project.slug, { key: 'a' });
    await givenIssue(t.stores, project.slug, { key: 'b' });
    const issues = await t.app.inject({ url: `/v1/projects/${project.slug}/issues?limit=1` });
    const foreign = issues.json().nextCursor as string;
    expect(foreign).toEqual(expect.any(String));
    const res = await t.app.inject({ url: `/v1/projects?cursor=${encodeURIComponent(foreign)}` });
    expect(res.statusCode).toBe(400);
    expect(res.json().errors).toEqual([{ path: 'querystring.cursor', message: expect.any(String) }]);
  });

  it('refuses a limit out of 1..500', async () => {
    for (const limit of ['0', '501', 'many']) {
      const res = await t.app.inject({ method: 'GET', url: `/v1/projects?limit=${limit}` });
      expect(res.statusCode).toBe(400);
      expect(res.json().errors[0].path).toBe('querystring.limit');
    }
  });
});

describe('GET /v1/projects/:project', () => {
  it('answers the project with its ETag, and 304 to a current If-None-Match', async () => {
    const project = await givenProject(t.stores);
    const res = await t.app.inject({ method: 'GET', url: `/v1/projects/${project.slug}` });
    expect(res.statusCode).toBe(200);
    expect(res.headers.etag).toBe(etagOf(project));

    const again = await t.app.inject({
      method: 'GET',
      url: `/v1/projects/${project.slug}`,
      headers: { 'if-none-match': res.headers.etag as string },
    });
    expect(again.statusCode).toBe(304);
    expect(again.body).toBe('');
    expect(again.headers.etag).toBe(res.headers.etag);
  });

  it('answers 200 again once the project changed', async () => {
    const project = await givenProject(t.stores);
    const etag = etagOf(project);
    await givenIssue(t.stores, project.slug);
    const res = await t.app.inject({
      method: 'GET',
      url: `/v1/projects/${project.slug}`,
      headers: { 'if-none-match': etag },
    });
    expect(res.statusCode).toBe(200);
    expect(res.headers.etag).not.toBe(etag);
  });

  it('answers 404 problem+json to an unknown project', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/v1/projects/nope' });
    expect(res.statusCode).toBe(404);
    expect(res.headers['content-type']).toBe(PROBLEM_JSON);
    expect(res.json()).toMatchObject({ type: `${PROBLEM_BASE}not-found`, instance: '/v1/projects/nope' });
  });
});

describe('PATCH /v1/projects/:project', () => {
  it('changes the given fields and answers the new ETag', async () => {
    const project = await givenProject(t.stores, { description: 'old' });
    const res = await t.app.inject({
      method: 'PATCH',
      url: `/v1/projects/${project.slug}`,
      payload: { name: 'Renamed' },
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ name: 'Renamed', description: 'old' });
    expect(res.headers.etag).toBe(etagOf(res.json()));
    expect(res.headers.etag).not.toBe(etagOf(project));
  });

  it('honours a matching If-Match and refuses a stale one with 412', async () => {
    const project = await givenProject(t.stores);
    const current = etagOf(project);
    const ok = await t.app.inject({
      method: 'PATCH',
      url: `/v1/projects/${project.slug}`,
      headers: { 'if-match': current },
      payload: { name: 'First' },
    });
    expect(ok.statusCode).toBe(200);

    const stale = await t.app.inject({
      method: 'PATCH',
      url: `/v1/projects/${project.slug}`,
      headers: { 'if-match': current },
      payload: { name: 'Second' },
    });
    expect(stale.statusCode).toBe(412);
    expect(stale.json()).toMatchObject({
      type: `${PROBLEM_BASE}precondition-failed`,
      currentETag: ok.headers.etag,
    });
    expect((await t.stores.projects.get(project.slug)).name).toBe('First');
  });

  it('lets If-Match: * through for an existing project', async () => {
    const project = await givenProject(t.stores);
    const res = await t.app.inject({
      method: 'PATCH',
      url: `/v1/projects/${project.slug}`,
      headers: { 'if-match': '*' },
      payload: { description: 'any' },
    });
    expect(res.statusCode).toBe(200);
  });
});

describe('DELETE /v1/projects/:project', () => {
  it('deletes the project and its issues', async () => {
    const project = await givenProject(t.stores);
    await givenIssue(t.stores, project.slug);
    const res = await t.app.inject({ method: 'DELETE', url: `/v1/projects/${project.slug}` });
    expect(res.statusCode).toBe(204);
    const gone = await t.app.inject({ method: 'GET', url: `/v1/projects/${project.slug}` });
    expect(gone.statusCode).toBe(404);
  });

  it('never lets an ETag of a deleted project match the project re-created under its slug', async () => {
    const slug = (await givenProject(t.stores)).slug;
    await givenIssue(t.stores, slug, { key: 'a' });
    const old = await t.app.inject({ url: `/v1/projects/${slug}` });
    const oldIssue = await t.app.inject({ url: `/v1/projects/${slug}/issues/a` });
    expect((await t.app.inject({ method: 'DELETE', url: `/v1/projects/${slug}` })).statusCode).toBe(204);

    await givenProject(t.stores, { slug });
    await givenIssue(t.stores, slug, { key: 'a' });
    const stale = await t.app.inject({
      method: 'DELETE',
      url: `/v1/projects/${slug}/issues/a`,
      headers: { 'if-match': oldIssue.headers.etag as string },
    });
    expect(stale.statusCode).toBe(412);
    const gone = await t.app.inject({
      method: 'DELETE',
      url: `/v1/projects/${slug}`,
      headers: { 'if-match': old.headers.etag as string },
    });
    expect(gone.statusCode).toBe(412);
    expect((await t.app.inject({ url: `/v1/projects/${slug}/issues/a` })).statusCode).toBe(200);
  });

  it('refuses a stale If-Match with 412 and keeps the project', async () => {
    const project = await givenProject(t.stores);
    await givenIssue(t.stores, project.slug);
    const res = await t.app.inject({
      method: 'DELETE',
      url: `/v1/projects/${project.slug}`,
      headers: { 'if-match': etagOf(project) },
    });
    expect(res.statusCode).toBe(412);
    expect((await t.stores.projects.get(project.slug)).slug).toBe(project.slug);
  });
});

describe("a project's forecast settings: team, start, working week, holidays", () => {
  it('patches them and answers them', async () => {
    const project = await givenProject(t.stores);
    const url = `/v1/projects/${project.slug}`;
    expect((await t.app.inject({ method: 'GET', url })).json()).toMatchObject({
      team: null,
      start: null,
      workdays: [1, 2, 3, 4, 5],
      holidays: [],
    });
    const team = [
      { name: 'eric', capacity: 1 },
      { name: 'petr', capacity: 0.5 },
    ];
    const res = await t.app.inject({
      method: 'PATCH',
      url,
      payload: { team, start: '2025-06-02', workdays: [1, 2, 3, 4], holidays: ['2025-06-09'] },
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({
      team,
      start: '2025-06-02',
      workdays: [1, 2, 3, 4],
      holidays: ['2025-06-09'],
    });
    const three = await t.app.inject({ method: 'PATCH', url, payload: { team: 3, start: null } });
    expect(three.json()).toMatchObject({ team: 3, start: null });
  });

  it('refuses a capacity below a twentieth of a person, a start before year 1000 and a weekday given twice', async () => {
    const project = await givenProject(t.stores);
    const url = `/v1/projects/${project.slug}`;
    const patch = (payload: object) => t.app.inject({ method: 'PATCH', url, payload });
    const capacity = await patch({ team: [{ name: 'eric', capacity: 0.01 }] });
    expect(capacity.statusCode).toBe(400);
    expect(capacity.headers['content-type']).toBe(PROBLEM_JSON);
    expect(capacity.json().errors).toEqual([
      { path: 'body.team[0].capacity', message: 'Too small: expected number to be >=0.05' },
    ]);
    const calendar = await patch({ start: '0999-06-01', workdays: [1, 2, 1] });
    expect(calendar.statusCode).toBe(400);
    expect(calendar.json().errors).toEqual([
      { path: 'body.start', message: "'0999-06-01' is not from 1000-01-01 to 9999-12-31" },
      { path: 'body.workdays[2]', message: 'weekday 1 is listed twice' },
    ]);
    expect((await t.app.inject({ method: 'GET', url })).json().revision).toBe(project.revision);
  });

  it('refuses a team with a name given twice and a date that does not exist, naming each, and changes nothing', async () => {
    const project = await givenProject(t.stores);
    const url = `/v1/projects/${project.slug}`;
    const res = await t.app.inject({
      method: 'PATCH',
      url,
      payload: {
        team: [
          { name: 'eric', capacity: 1 },
          { name: 'eric', capacity: 1 },
        ],
        start: '2025-02-30',
        holidays: ['2025-13-01'],
      },
    });
    expect(res.statusCode).toBe(400);
    expect(res.headers['content-type']).toBe(PROBLEM_JSON);
    expect(res.json().errors).toEqual([
      { path: 'body.team[1].name', message: "'eric' is named twice" },
      { path: 'body.start', message: "'2025-02-30' is not an ISO date (YYYY-MM-DD)" },
      { path: 'body.holidays[0]', message: "'2025-13-01' is not an ISO date (YYYY-MM-DD)" },
    ]);
    const shape = await t.app.inject({ method: 'PATCH', url, payload: { team: 0, workdays: [8] } });
    expect(shape.statusCode).toBe(400);
    expect(
      shape
        .json()
        .errors.map((e: { path: string }) => e.path)
        .sort(),
    ).toEqual(['body.team', 'body.workdays[0]']);
    expect((await t.app.inject({ method: 'GET', url })).json()).toMatchObject({
      team: null,
      start: null,
      revision: project.revision,
    });
  });
});
