import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { buildApp } from '../../../src/api/app.js';
import { ForecastTrendSchema } from '../../../src/api/schemas/forecast.js';
import { expectAnsweredInFull } from '../conditional-get.js';
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
// The trail's instants and the service's today are the clock's: each test moves it through its weeks.
afterEach(() => {
  vi.useRealTimers();
});

const by = { actor: 'fixture' };

/**
 * Created on Monday 2026-11-16 with one person: a (2 days) blocks b (3 days). On Tuesday 2026-11-24 a is
 * done and c (4 days) comes in; on Wednesday 2026-12-02 b is re-estimated to 5 days. Today is Monday
 * 2026-12-07, 09:00 UTC.
 */
async function givenThreeWeeks(): Promise<string> {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(new Date('2026-11-16T10:00:00Z'));
  const { slug } = await givenProject(t.stores, { team: 1 });
  await givenIssue(t.stores, slug, { key: 'a', estimateDays: 2 });
  await givenIssue(t.stores, slug, { key: 'b', estimateDays: 3 });
  await givenEdge(t.stores, slug, 'b', 'a');
  vi.setSystemTime(new Date('2026-11-24T10:00:00Z'));
  await t.stores.issues.update(slug, 'a', { status: 'done' }, by);
  await givenIssue(t.stores, slug, { key: 'c', estimateDays: 4 });
  vi.setSystemTime(new Date('2026-12-02T10:00:00Z'));
  await t.stores.issues.update(slug, 'b', { estimateDays: 5 }, by);
  vi.setSystemTime(new Date('2026-12-07T09:00:00Z'));
  return slug;
}

describe('GET /v1/projects/:project/forecast/trend', () => {
  it('answers the forecast at the end of each of the last weeks, and what changed between them', async () => {
    const slug = await givenThreeWeeks();
    const res = await t.app.inject({
      method: 'GET',
      url: `/v1/projects/${slug}/forecast/trend?weeks=5&trials=0`,
    });
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(ForecastTrendSchema.safeParse(body).error).toBeUndefined();
    expect(res.headers.etag).toMatch(/^"r\d+-[0-9a-z]+-v2026-12-07\.q[0-9a-f]{12}"$/);
    // Sunday 11-15 is before the project: four points, and a note saying why.
    expect(body.notes).toEqual(['the project was created at 2026-11-16T10:00:00.000Z: no earlier week']);
    expect(
      body.points.map((p: { date: string; openIssues: number; p50: string }) => [
        p.date,
        p.openIssues,
        p.p50,
      ]),
    ).toEqual([
      ['2026-11-22', 2, '2026-11-27'], // 5 days from Monday 11-23
      ['2026-11-29', 2, '2026-12-08'], // 7 days from Monday 11-30
      ['2026-12-06', 2, '2026-12-17'], // 9 days from Monday 12-07
      ['2026-12-07', 2, '2026-12-17'],
    ]);
    expect(body.points[1].change).toMatchObject({ added: ['c'], finished: ['a'], causes: ['scope-added'] });
    expect(body.points[2].change).toMatchObject({
      reestimated: [{ key: 'b', fromDays: 3, toDays: 5 }],
      p50ShiftDays: 9,
      causes: ['estimates-raised'],
    });
    expect(body.points[3].change.summary).toBe('P50 unchanged: nothing changed');
  });

  it('answers 304 to If-None-Match without running a trial, and a new trend after a write', async () => {
    const slug = await givenThreeWeeks();
    const url = `/v1/projects/${slug}/forecast/trend?weeks=3&trials=50`;
    const first = await t.app.inject({ method: 'GET', url });
    const etag = first.headers.etag as string;
    const computed = t.app.services.forecasts.computed;
    const again = await t.app.inject({ method: 'GET', url, headers: { 'if-none-match': etag } });
    expect(again.statusCode).toBe(304);
    expect(again.headers.etag).toBe(etag);
    expect((await t.app.inject({ method: 'GET', url })).body).toBe(first.body);
    expect(t.app.services.forecasts.computed).toBe(computed);
    // A replica (or this one after a restart) that never made the trend: still no trial.
    const replica = await buildApp({ apiToken: undefined, rateLimit: 0 }, { database: t.database });
    try {
      const res = await replica.inject({ method: 'GET', url, headers: { 'if-none-match': etag } });
      expect(res.statusCode).toBe(304);
      expect(replica.services.forecasts.computed).toBe(0);
    } finally {
      await replica.close();
    }

    await givenIssue(t.stores, slug, { key: 'd', estimateDays: 1 });
    const changed = await t.app.inject({ method: 'GET', url, headers: { 'if-none-match': etag } });
    expect(changed.statusCode).toBe(200);
    expect(changed.json().points.at(-1).change.added).toEqual(['d']);
    expect(t.app.services.forecasts.computed).toBe(computed + 1);
  });

  it("answers another query in full to a client that sends one query's ETag with it", async () => {
    const slug = await givenThreeWeeks();
    const url = `/v1/projects/${slug}/forecast/trend`;
    const etag = (await t.app.inject({ method: 'GET', url: `${url}?weeks=3&trials=50` })).headers
      .etag as string;
    const others = ['weeks=2&trials=50', 'weeks=3&trials=60', 'weeks=3&trials=50&seed=2'];
    await expectAnsweredInFull(t.app, url, etag, others);
  });

  it('starts after the latest import and says so', async () => {
    const { slug } = await givenProject(t.stores, { team: 1 });
    await t.stores.documents.import(
      slug,
      {
        version: 1,
        project: { slug, name: 'imported', description: '', goal: [], defaultEstimateDays: 1 },
        issues: [
          {
            key: 'x',
            title: 'x',
            body: '',
            status: 'open',
            estimateDays: 2,
            parent: null,
            url: null,
            labels: [],
            claims: [],
            checks: [],
          },
        ],
        dependencies: [],
      },
      by,
    );
    const res = await t.app.inject({ method: 'GET', url: `/v1/projects/${slug}/forecast/trend?trials=0` });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ weeks: 8, startsAfterImport: true, points: [{ openIssues: 1 }] });
    expect(res.json().notes[0]).toMatch(/^the trail starts at the import of .*, which kept only counts/);
  });

  it('refuses bad weeks, trials past the work bound and an unknown project, naming the parameter', async () => {
    const slug = await givenThreeWeeks();
    const url = `/v1/projects/${slug}/forecast/trend`;
    for (const [query, path] of [
      ['weeks=0', 'querystring.weeks'],
      ['weeks=53', 'querystring.weeks'],
      ['weeks=many', 'querystring.weeks'],
      ['trials=-1', 'querystring.trials'],
      ['seed=1&seed=2', 'querystring.seed'],
    ]) {
      const res = await t.app.inject({ method: 'GET', url: `${url}?${query}` });
      expect(res.statusCode, query).toBe(400);
      expect(res.headers['content-type']).toBe(PROBLEM_JSON);
      expect(res.json().errors.map((e: { path: string }) => e.path)).toEqual([path]);
    }
    const unknown = await t.app.inject({ method: 'GET', url: '/v1/projects/no-such/forecast/trend' });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.headers['content-type']).toBe(PROBLEM_JSON);
  });

  it('refuses more trials than one forecast’s work over all the points, naming trials', async () => {
    const { slug } = await givenProject(t.stores, { team: 1 });
    const issues = Array.from({ length: 2000 }, (_, i) => ({
      key: `k${i}`,
      title: 'k',
      body: '',
      status: 'open',
      estimateDays: 1,
      parent: null,
      url: null,
      labels: [],
      claims: [],
      checks: [],
    }));
    const document = {
      version: 1,
      project: { slug, name: 'big', description: '', goal: [], defaultEstimateDays: 1 },
      issues,
      dependencies: [],
    };
    await t.stores.documents.import(slug, document, by);
    // One point (the trail starts at the import) of 2,000 open issues: at most 10,000 trials.
    const res = await t.app.inject({
      method: 'GET',
      url: `/v1/projects/${slug}/forecast/trend?trials=20000`,
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().errors).toEqual([
      {
        path: 'querystring.trials',
        message:
          'at most 10000 trials per point here (2000 open issues over 1 point; trials x open issues <= 20000000)',
      },
    ]);
  });
});
