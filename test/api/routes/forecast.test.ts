import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../../src/api/app.js';
import { ForecastSchema, NextListSchema } from '../../../src/api/schemas/forecast.js';
import {
  createInProcessForecastRunner,
  type ForecastRunner,
} from '../../../src/services/forecast-runners.js';
import { generatedProject } from '../../web/dashboard-server.js';
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

/**
 * A project that starts on Monday 2030-01-07 (a start after today: day 0 is that date, whatever the
 * clock): a (3 days, 2..6) holds c (2 days); b (4 days) stands alone; d is done.
 */
async function givenForecastProject(team: number | { name: string; capacity: number }[] = 2) {
  const project = await givenProject(t.stores, { team, start: '2030-01-07' });
  const slug = project.slug;
  await givenIssue(t.stores, slug, { key: 'a', estimateDays: 3, estimateLowDays: 2, estimateHighDays: 6 });
  await givenIssue(t.stores, slug, { key: 'b', estimateDays: 4, priority: 'p1' });
  await givenIssue(t.stores, slug, { key: 'c', estimateDays: 2 });
  await givenIssue(t.stores, slug, { key: 'd', estimateDays: 1, status: 'done' });
  await givenEdge(t.stores, slug, 'c', 'a');
  return slug;
}

describe('GET /v1/projects/:project/forecast', () => {
  it("answers the levelled schedule with the project's team, the quantiles, criticality and history", async () => {
    const slug = await givenForecastProject(2);
    const res = await t.app.inject({ method: 'GET', url: `/v1/projects/${slug}/forecast?trials=500&seed=3` });
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(ForecastSchema.safeParse(body).error).toBeUndefined();
    expect(body.start).toBe('2030-01-07');
    expect(body.team).toEqual([
      { name: 'person 1', capacity: 1 },
      { name: 'person 2', capacity: 1 },
    ]);
    expect(body.levelled).toEqual({
      finishDays: 5,
      finishDate: '2030-01-11',
      criticalChain: ['a', 'c'],
      schedule: [
        {
          key: 'a',
          person: 'person 1',
          startDay: 0,
          finishDay: 3,
          start: '2030-01-07',
          finish: '2030-01-09',
        },
        {
          key: 'b',
          person: 'person 2',
          startDay: 0,
          finishDay: 4,
          start: '2030-01-07',
          finish: '2030-01-10',
        },
        {
          key: 'c',
          person: 'person 1',
          startDay: 3,
          finishDay: 5,
          start: '2030-01-10',
          finish: '2030-01-11',
        },
      ],
    });
    expect(body.unlimited).toEqual({ days: 5, date: '2030-01-11' });
    expect(body.trials).toBe(500);
    expect(body.quantiles.p50.days).toBeLessThanOrEqual(body.quantiles.p85.days);
    expect(body.quantiles.p85.days).toBeLessThanOrEqual(body.quantiles.p95.days);
    expect(body.criticality.d).toBeUndefined();
    expect(body.history.summary).toBe(
      'no issue has been finished here yet: the forecast rests on the estimates alone',
    );
  });

  it('computes a forecast once per revision and query, and again after a change', async () => {
    const slug = await givenForecastProject();
    const url = `/v1/projects/${slug}/forecast?trials=200`;
    const first = await t.app.inject({ method: 'GET', url });
    const computed = t.app.services.forecasts.computed;
    const again = await t.app.inject({ method: 'GET', url });
    expect(again.body).toBe(first.body);
    expect(t.app.services.forecasts.computed).toBe(computed);
    await t.app.inject({ method: 'GET', url: `${url}&seed=9` });
    expect(t.app.services.forecasts.computed).toBe(computed + 1);
    await givenIssue(t.stores, slug, { key: 'e', estimateDays: 1 });
    const changed = await t.app.inject({ method: 'GET', url });
    expect(t.app.services.forecasts.computed).toBe(computed + 2);
    expect(changed.json().levelled.schedule.map((e: { key: string }) => e.key)).toContain('e');
  });

  it('answers 304 to If-None-Match while the revision and the day are unchanged, and 200 after either moves', async () => {
    let now = new Date('2026-12-07T23:59:00Z');
    const clocked = await createTestApp({}, { now: () => now });
    try {
      const project = await givenProject(clocked.stores, { team: 1 });
      await givenIssue(clocked.stores, project.slug, { key: 'a', estimateDays: 2 });
      const url = `/v1/projects/${project.slug}/forecast?trials=100`;
      const get = (etag?: string) =>
        clocked.app.inject({
          method: 'GET',
          url,
          headers: etag === undefined ? {} : { 'if-none-match': etag },
        });
      const first = await get();
      const etag = first.headers.etag as string;
      expect(etag).toMatch(/^"r\d+-[0-9a-z]+-v2026-12-07\.q[0-9a-f]{12}"$/);
      const again = await get(etag);
      expect(again.statusCode).toBe(304);
      expect(again.headers.etag).toBe(etag);
      expect(again.body).toBe('');

      now = new Date('2026-12-08T00:01:00Z'); // past midnight UTC: day 0 is another date
      const nextDay = await get(etag);
      expect(nextDay.statusCode).toBe(200);
      expect(nextDay.json().start).toBe('2026-12-08');
      const dayTag = nextDay.headers.etag as string;
      expect(dayTag).not.toBe(etag);

      await givenIssue(clocked.stores, project.slug, { key: 'b', estimateDays: 1 });
      const changed = await get(dayTag);
      expect(changed.statusCode).toBe(200);
      expect(changed.json().levelled.schedule).toHaveLength(2);
    } finally {
      await clocked.close();
    }
  });

  it("answers another query in full to a client that sends one query's ETag with it", async () => {
    const slug = await givenForecastProject();
    const url = `/v1/projects/${slug}/forecast`;
    const etag = (await t.app.inject({ method: 'GET', url: `${url}?trials=100&seed=5` })).headers
      .etag as string;
    const others = [
      'trials=100&seed=9',
      'trials=200&seed=5',
      'target=a',
      'people=5',
      'holidays=2030-01-08',
      '',
    ];
    await expectAnsweredInFull(t.app, url, etag, others);
    // The same query spelled otherwise is the same forecast: the same tag, a 304.
    const spelled = await t.app.inject({
      method: 'GET',
      url: `${url}?seed=5&trials=100`,
      headers: { 'if-none-match': etag },
    });
    expect(spelled.statusCode).toBe(304);
  });

  it('refuses a query it cannot answer whatever If-None-Match says: no 304 before the query is checked', async () => {
    const slug = await givenForecastProject();
    const url = `/v1/projects/${slug}/forecast`;
    const etag = (await t.app.inject({ method: 'GET', url })).headers.etag as string;
    for (const query of ['target=nope', 'holidays=2030-02-30']) {
      for (const header of [etag, '*']) {
        const res = await t.app.inject({
          method: 'GET',
          url: `${url}?${query}`,
          headers: { 'if-none-match': header },
        });
        expect(res.statusCode, `${query} with ${header}`).toBe(400);
        expect(res.headers.etag).toBeUndefined();
      }
    }
    const any = await t.app.inject({ method: 'GET', url, headers: { 'if-none-match': '*' } });
    expect(any.statusCode).toBe(304);
  });

  it('answers 304 to the ETag of a forecast it never made without running its trials (another replica, a restart)', async () => {
    const slug = await givenForecastProject();
    const url = `/v1/projects/${slug}/forecast?trials=300&seed=5`;
    const etag = (await t.app.inject({ method: 'GET', url })).headers.etag as string;
    const replica = await buildApp({ apiToken: undefined, rateLimit: 0 }, { database: t.database });
    try {
      const res = await replica.inject({ method: 'GET', url, headers: { 'if-none-match': etag } });
      expect(res.statusCode).toBe(304);
      expect(res.headers.etag).toBe(etag);
      expect(replica.services.forecasts.computed).toBe(0);
      const full = await replica.inject({ method: 'GET', url });
      expect(full.statusCode).toBe(200);
      expect(replica.services.forecasts.computed).toBe(1);
    } finally {
      await replica.close();
    }
  });

  it('makes a forecast for one day, its history included, when the computation runs past midnight UTC', async () => {
    // Sunday 2026-12-13, just before midnight; the trials end on Monday the 14th.
    let now = new Date('2026-12-13T23:59:59.990Z');
    const inProcess = createInProcessForecastRunner();
    const forecastRunner: ForecastRunner = {
      run(job) {
        now = new Date('2026-12-14T00:00:00.500Z');
        return inProcess.run(job);
      },
    };
    const clocked = await createTestApp({}, { now: () => now, forecastRunner });
    try {
      const project = await givenProject(clocked.stores, { team: 1 });
      await givenIssue(clocked.stores, project.slug, { key: 'a', estimateDays: 2 });
      const res = await clocked.app.inject({
        method: 'GET',
        url: `/v1/projects/${project.slug}/forecast?trials=10`,
      });
      expect(res.statusCode, res.body).toBe(200);
      const body = res.json();
      expect(res.headers.etag).toMatch(/-v2026-12-13\.q[0-9a-f]{12}"$/);
      // The history runs to the day the forecast was made for (its ETag's): its burn-up ends on it.
      const dates = body.history.burnUp.map((p: { date: string }) => p.date).sort();
      expect(dates.at(-1)).toBe('2026-12-13');
    } finally {
      await clocked.close();
    }
  });

  it('answers the same seed byte for byte, through the cache or not', async () => {
    const slug = await givenForecastProject();
    const url = `/v1/projects/${slug}/forecast?trials=300&seed=42`;
    const first = await t.app.inject({ method: 'GET', url });
    await givenIssue(t.stores, slug, { key: 'z', estimateDays: 0, status: 'wont_do' });
    const recomputed = await t.app.inject({ method: 'GET', url });
    expect(recomputed.json().quantiles).toEqual(first.json().quantiles);
    expect(recomputed.json().criticality).toEqual(first.json().criticality);
  });

  it('takes another team size, and one issue as the target', async () => {
    const slug = await givenForecastProject(1);
    const one = (await t.app.inject({ method: 'GET', url: `/v1/projects/${slug}/forecast?trials=0` })).json();
    expect(one.levelled.finishDays).toBe(9);
    const three = (
      await t.app.inject({ method: 'GET', url: `/v1/projects/${slug}/forecast?trials=0&people=3` })
    ).json();
    expect(three.levelled.finishDays).toBe(5);
    expect(three.team).toHaveLength(3);
    const target = (
      await t.app.inject({ method: 'GET', url: `/v1/projects/${slug}/forecast?trials=0&target=a` })
    ).json();
    expect(target.target).toBe('a');
    expect(target.quantiles.p85).toEqual({ days: 3, date: '2030-01-09' });
  });

  it('says the project has no team and assumes one person', async () => {
    const project = await givenProject(t.stores);
    await givenIssue(t.stores, project.slug, { key: 'x', estimateDays: 2 });
    const body = (
      await t.app.inject({ method: 'GET', url: `/v1/projects/${project.slug}/forecast?trials=0` })
    ).json();
    expect(body.assumptions).toEqual([{ kind: 'default-team', people: 1 }]);
    expect(body.team).toEqual([{ name: 'person 1', capacity: 1 }]);
  });

  it('refuses an unknown target, too many trials and a bad number, naming the query field', async () => {
    const slug = await givenForecastProject();
    const unknown = await t.app.inject({ method: 'GET', url: `/v1/projects/${slug}/forecast?target=nope` });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.headers['content-type']).toBe(PROBLEM_JSON);
    expect(unknown.json().errors).toEqual([{ path: 'querystring.target', message: "unknown issue 'nope'" }]);
    const many = await t.app.inject({ method: 'GET', url: `/v1/projects/${slug}/forecast?trials=100001` });
    expect(many.json().errors.map((e: { path: string }) => e.path)).toEqual(['querystring.trials']);
    const nan = await t.app.inject({ method: 'GET', url: `/v1/projects/${slug}/forecast?people=none` });
    expect(nan.statusCode).toBe(400);
    expect(nan.json().errors.map((e: { path: string }) => e.path)).toEqual(['querystring.people']);
    expect((await t.app.inject({ method: 'GET', url: '/v1/projects/no-such/forecast' })).statusCode).toBe(
      404,
    );
  });

  it("counts every date of a repeated or comma-separated holidays parameter, besides the project's own", async () => {
    // Working days from Monday 2030-01-07; the project's holiday is Thursday the 10th: day 4 is the 14th.
    const project = await givenProject(t.stores, { team: 1, start: '2030-01-07', holidays: ['2030-01-10'] });
    await givenIssue(t.stores, project.slug, { key: 'a', estimateDays: 5 });
    const url = `/v1/projects/${project.slug}/forecast?trials=0`;
    const finish = async (query: string) => {
      const res = await t.app.inject({ method: 'GET', url: `${url}${query}` });
      expect(res.statusCode, res.body).toBe(200);
      return res.json().levelled.finishDate;
    };
    expect(await finish('')).toBe('2030-01-14');
    expect(await finish('&holidays=2030-01-08&holidays=2030-01-09')).toBe('2030-01-16');
    expect(await finish('&holidays=2030-01-08,2030-01-09')).toBe('2030-01-16');
    expect(await finish('&holidays=2030-01-08')).toBe('2030-01-15');
    expect(await finish('')).toBe('2030-01-14');
  });

  it('refuses a target given twice, saying so, as it refuses a number given twice', async () => {
    const slug = await givenForecastProject();
    const res = await t.app.inject({ method: 'GET', url: `/v1/projects/${slug}/forecast?target=a&target=b` });
    expect(res.statusCode).toBe(400);
    expect(res.headers['content-type']).toBe(PROBLEM_JSON);
    expect(res.json().errors).toEqual([
      { path: 'querystring.target', message: 'is given 2 times: give it once' },
    ]);
  });

  it('refuses a holiday that is not a date, naming it in the query, and computes nothing', async () => {
    const slug = await givenForecastProject();
    const computed = t.app.services.forecasts.computed;
    const url = `/v1/projects/${slug}/forecast`;
    const bad = await t.app.inject({ method: 'GET', url: `${url}?holidays=2030-01-08,2030-02-30` });
    expect(bad.statusCode).toBe(400);
    expect(bad.headers['content-type']).toBe(PROBLEM_JSON);
    expect(bad.json().errors).toEqual([
      { path: 'querystring.holidays[1]', message: "'2030-02-30' is not an ISO date (YYYY-MM-DD)" },
    ]);
    const text = await t.app.inject({ method: 'GET', url: `${url}?holidays=2030-01-08&holidays=friday` });
    expect(text.statusCode).toBe(400);
    expect(text.json().errors).toEqual([
      { path: 'querystring.holidays[1]', message: 'must be an ISO date, YYYY-MM-DD' },
    ]);
    expect(t.app.services.forecasts.computed).toBe(computed);
  });

  it('answers /healthz while a large forecast runs on a worker thread', async () => {
    // 1,000 issues with ranges, 10,000 trials: most of a second of Monte Carlo, on the pool.
    const slug = 'forecast-large';
    const document = generatedProject(slug, 1000);
    for (const issue of document.issues)
      Object.assign(issue, { estimateLowDays: 0.5, estimateHighDays: (issue.estimateDays ?? 1) * 3 });
    await t.stores.documents.import(slug, document, { actor: 'test' });
    const pool = t.app.services.simPool;
    let settled = false;
    const forecast = t.app
      .inject({ method: 'GET', url: `/v1/projects/${slug}/forecast?trials=10000` })
      .finally(() => {
        settled = true;
      });
    while (pool.busy === 0 && !settled) await new Promise((resolve) => setTimeout(resolve, 5));
    const health = await t.app.inject({ method: 'GET', url: '/healthz' });
    expect(health.statusCode).toBe(200);
    expect(settled).toBe(false); // answered while the forecast was still on its worker
    const res = await forecast;
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().trials).toBe(10_000);
  });

  it('refuses a forecast whose end would pass 9999-12-31 with a problem naming the last date', async () => {
    const project = await givenProject(t.stores, { team: 1, start: '9999-01-04' });
    await givenIssue(t.stores, project.slug, { key: 'long', estimateDays: 3650 });
    const res = await t.app.inject({ method: 'GET', url: `/v1/projects/${project.slug}/forecast?trials=10` });
    expect(res.statusCode).toBe(422);
    expect(res.headers['content-type']).toBe(PROBLEM_JSON);
    expect(res.json()).toMatchObject({
      type: 'https://isoplan.dev/problems/forecast-beyond-calendar',
      lastDate: '9999-12-31',
    });
    expect(res.json().detail).toMatch(/falls after 9999-12-31/);
  });

  it('reports the history: weekly throughput and actual days where an issue went in_progress -> done', async () => {
    const slug = await givenForecastProject();
    for (const status of ['in_progress', 'done'])
      await t.app.inject({ method: 'PATCH', url: `/v1/projects/${slug}/issues/b`, payload: { status } });
    const { history } = (
      await t.app.inject({ method: 'GET', url: `/v1/projects/${slug}/forecast?trials=0` })
    ).json();
    expect(history.finished).toEqual({ issues: 1, estimateDays: 4 });
    expect(history.actuals).toEqual([expect.objectContaining({ key: 'b', estimateDays: 4 })]);
    expect(history.burnUp.at(-1)).toMatchObject({ scope: 4, done: 2, scopeDays: 10, doneDays: 5 });
  });
});

describe('POST /v1/projects/:project/forecast/what-if', () => {
  it('forecasts with some issues taken as done and another team, changing nothing', async () => {
    const slug = await givenForecastProject(1);
    const res = await t.app.inject({
      method: 'POST',
      url: `/v1/projects/${slug}/forecast/what-if`,
      payload: {
        done: ['a'],
        team: [
          { name: 'eric', capacity: 1 },
          { name: 'petr', capacity: 1 },
        ],
        trials: 0,
      },
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().levelled.finishDays).toBe(4);
    expect(res.json().team.map((p: { name: string }) => p.name)).toEqual(['eric', 'petr']);
    const now = (await t.app.inject({ method: 'GET', url: `/v1/projects/${slug}/forecast?trials=0` })).json();
    expect(now.levelled.finishDays).toBe(9);
  });

  it('takes more holidays for this answer, writing nothing, and names a date that is not one', async () => {
    const slug = await givenForecastProject(2);
    const whatIf = (payload: object) =>
      t.app.inject({ method: 'POST', url: `/v1/projects/${slug}/forecast/what-if`, payload });
    const res = await whatIf({ holidays: ['2030-01-08', '2030-01-09'], trials: 0 });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().levelled.finishDate).toBe('2030-01-15');
    const now = (await t.app.inject({ method: 'GET', url: `/v1/projects/${slug}/forecast?trials=0` })).json();
    expect(now.levelled.finishDate).toBe('2030-01-11');
    const bad = await whatIf({ holidays: ['2030-02-30'] });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors).toEqual([
      { path: 'body.holidays[0]', message: "'2030-02-30' is not an ISO date (YYYY-MM-DD)" },
    ]);
  });

  it('names unknown keys and a bad team in the body', async () => {
    const slug = await givenForecastProject();
    const res = await t.app.inject({
      method: 'POST',
      url: `/v1/projects/${slug}/forecast/what-if`,
      payload: { done: ['ghost'], team: [{ name: 'x' }, { name: 'x' }] },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().errors).toEqual([{ path: 'body.done[0]', message: "unknown issue 'ghost'" }]);
    const team = await t.app.inject({
      method: 'POST',
      url: `/v1/projects/${slug}/forecast/what-if`,
      payload: { team: [{ name: 'x' }, { name: 'x' }], trials: 0 },
    });
    expect(team.json().errors).toEqual([{ path: 'body.team[1].name', message: "'x' is named twice" }]);
  });

  it('takes trials and seed in the body as JSON numbers only, not as text to read', async () => {
    const slug = await givenForecastProject();
    const res = await t.app.inject({
      method: 'POST',
      url: `/v1/projects/${slug}/forecast/what-if`,
      payload: { trials: '0x10', seed: null },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().errors.map((e: { path: string }) => e.path)).toEqual(['body.trials', 'body.seed']);
  });
});

describe("GET /v1/projects/:project/next and the plan's ready list", () => {
  it('ranks the ready issues with their reasons, criticality among them', async () => {
    const slug = await givenForecastProject(2);
    const res = await t.app.inject({ method: 'GET', url: `/v1/projects/${slug}/next?limit=5` });
    expect(res.statusCode, res.body).toBe(200);
    expect(NextListSchema.safeParse(res.json()).error).toBeUndefined();
    const { items } = res.json();
    // b has a priority; a is on the critical chain.
    expect(items.map((i: { key: string }) => i.key)).toEqual(['b', 'a']);
    expect(items[1].reasons[0]).toMatch(/^on the critical chain in (every trial|\d+% of trials)$/);
    expect(items[0].reasons[0]).toBe('p1');
    const one = await t.app.inject({ method: 'GET', url: `/v1/projects/${slug}/next?limit=1` });
    expect(one.json().items).toHaveLength(1);
  });

  it('ranks the ready issues of a project whose forecast runs past 9999-12-31: it names no date', async () => {
    const project = await givenProject(t.stores, { start: '9999-12-29', team: 1 });
    await givenIssue(t.stores, project.slug, { key: 'a', estimateDays: 3, priority: 'p1' });
    await givenIssue(t.stores, project.slug, { key: 'b', estimateDays: 2 });
    const forecast = await t.app.inject({ method: 'GET', url: `/v1/projects/${project.slug}/forecast` });
    expect(forecast.statusCode).toBe(422);
    const res = await t.app.inject({ method: 'GET', url: `/v1/projects/${project.slug}/next` });
    expect(res.statusCode, res.body).toBe(200);
    const { items } = res.json();
    expect(items.map((i: { key: string; criticality: number }) => [i.key, i.criticality])).toEqual([
      ['a', 1],
      ['b', 1],
    ]);
  });

  it('ranks the ready issues of a project whose work outlasts every four-digit year', async () => {
    // 36 issues of ten years each for a twentieth of a person: 2.6 million working days, more than
    // there are from 1000-01-01 to 9999-12-31.
    const project = await givenProject(t.stores, { team: [{ name: 'slow', capacity: 0.05 }] });
    for (let i = 1; i <= 36; i++)
      await givenIssue(t.stores, project.slug, { key: `k${String(i).padStart(2, '0')}`, estimateDays: 3650 });
    const res = await t.app.inject({ method: 'GET', url: `/v1/projects/${project.slug}/next?limit=2` });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().items.map((i: { key: string }) => i.key)).toEqual(['k01', 'k02']);
  });

  it('computes a forecast that runs past 9999-12-31 once per revision and day, as any forecast', async () => {
    const project = await givenProject(t.stores, { start: '9999-12-29', team: 1 });
    await givenIssue(t.stores, project.slug, { key: 'a', estimateDays: 5 });
    const url = `/v1/projects/${project.slug}/forecast`;
    expect((await t.app.inject({ method: 'GET', url })).statusCode).toBe(422);
    const computed = t.app.services.forecasts.computed;
    const again = await t.app.inject({ method: 'GET', url });
    expect(again.statusCode).toBe(422);
    expect(again.json().type).toMatch(/forecast-beyond-calendar$/);
    expect(t.app.services.forecasts.computed).toBe(computed);
  });

  it('sends an ETag of the revision and the limit, answers 304 to it, and the new list after a write', async () => {
    const slug = await givenForecastProject();
    const url = `/v1/projects/${slug}/next?limit=5`;
    const first = await t.app.inject({ method: 'GET', url });
    const etag = first.headers.etag as string;
    expect(etag).toMatch(/^"r\d+-[0-9a-z]+-vq[0-9a-f]{12}"$/);
    const again = await t.app.inject({ method: 'GET', url, headers: { 'if-none-match': etag } });
    expect(again.statusCode).toBe(304);
    expect(again.headers.etag).toBe(etag);
    expect(again.body).toBe('');
    const fewer = await t.app.inject({
      method: 'GET',
      url: `/v1/projects/${slug}/next?limit=1`,
      headers: { 'if-none-match': etag },
    });
    expect(fewer.statusCode).toBe(200);
    expect(fewer.json().items).toHaveLength(1);
    await givenIssue(t.stores, slug, { key: 'e', estimateDays: 1, priority: 'p0' });
    const changed = await t.app.inject({ method: 'GET', url, headers: { 'if-none-match': etag } });
    expect(changed.statusCode).toBe(200);
    expect(changed.json().items[0].key).toBe('e');
  });

  it('lists the ready issues in the same order', async () => {
    const slug = await givenForecastProject();
    const ready = (await t.app.inject({ method: 'GET', url: `/v1/projects/${slug}/ready` })).json();
    expect(ready.items.map((i: { key: string }) => i.key)).toEqual(['b', 'a']);
  });
});
