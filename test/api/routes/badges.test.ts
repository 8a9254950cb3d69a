import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createInProcessRunner } from '../../../src/services/check-runners.js';
import {
  createTestApp,
  givenEdge,
  givenIssue,
  givenProject,
  PROBLEM_JSON,
  type TestApp,
} from '../test-app.js';

let t: TestApp;
let slug: string;

// a (done) <- b (open) <- c (open); d (open): 1 of 4 finished, b and d ready.
beforeAll(async () => {
  t = await createTestApp({}, { checkRunner: createInProcessRunner() });
  slug = (await givenProject(t.stores)).slug;
  await givenIssue(t.stores, slug, { key: 'a', status: 'done' });
  await givenIssue(t.stores, slug, { key: 'b' });
  await givenIssue(t.stores, slug, { key: 'c' });
  await givenIssue(t.stores, slug, { key: 'd' });
  await givenEdge(t.stores, slug, 'b', 'a');
  await givenEdge(t.stores, slug, 'c', 'b');
});
afterAll(() => t.close());

const badge = (name: string, query = '', headers: Record<string, string> = {}, project = slug) =>
  t.app.inject({ method: 'GET', url: `/v1/projects/${project}/badges/${name}.svg${query}`, headers });

/** A project starting on Wednesday 9999-12-29 with a week of open work: its forecast runs past 9999-12-31. */
async function givenLateProject(): Promise<string> {
  const late = (await givenProject(t.stores, { start: '9999-12-29', team: 1 })).slug;
  await givenIssue(t.stores, late, { key: 'a', estimateDays: 3 });
  await givenIssue(t.stores, late, { key: 'b', estimateDays: 2 });
  return late;
}

/** The badge's accessible text (its `<title>`), as badge-maker writes it. */
const titleOf = (svg: string) => /<title>([^<]*)<\/title>/.exec(svg)?.[1];

describe('GET /v1/projects/:project/badges/:badge.svg', () => {
  it('draws progress as the percent of finished issues, in the colour for it', async () => {
    const res = await badge('progress');
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toBe('image/svg+xml; charset=utf-8');
    expect(titleOf(res.body)).toBe('progress: 25%');
    expect(res.body).toContain('fill="#ea7233"'); // badge-maker's orange: 20% to 39%
  });

  it("draws the forecast's P85 end, as the forecast gives it", async () => {
    const forecast = (await t.app.inject({ method: 'GET', url: `/v1/projects/${slug}/forecast` })).json();
    const res = await badge('forecast');
    expect(res.statusCode, res.body).toBe(200);
    expect(titleOf(res.body)).toBe(`forecast: P85 ${forecast.quantiles.p85.date}`);
    expect(res.headers.etag).toMatch(new RegExp(`^"r\\d+-[0-9a-z]+-v${forecast.start}\\.q[0-9a-f]{12}"$`));
  });

  it('draws a forecast that runs past 9999-12-31 as such: an image, never a problem', async () => {
    const late = await givenLateProject();
    const res = await badge('forecast', '', {}, late);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toBe('image/svg+xml; charset=utf-8');
    expect(titleOf(res.body)).toBe('forecast: runs past 9999-12-31');
    const again = await badge('forecast', '', { 'if-none-match': String(res.headers.etag) }, late);
    expect(again.statusCode).toBe(304);
  });

  it('draws a finished project as done even when its start lies past the last working day of 9999', async () => {
    // Mondays only from Friday 9999-12-31: day 0 would fall in the year 10000.
    const done = (await givenProject(t.stores, { start: '9999-12-31', workdays: [1] })).slug;
    await givenIssue(t.stores, done, { key: 'a', status: 'done' });
    const res = await badge('forecast', '', {}, done);
    expect(res.statusCode, res.body).toBe(200);
    expect(titleOf(res.body)).toBe('forecast: done');
  });

  it('draws how many issues are ready', async () => {
    expect(titleOf((await badge('ready')).body)).toBe('ready: 2 issues');
  });

  it('draws the goal from the latest validation run, and "not set" without goal checks', async () => {
    expect(titleOf((await badge('goal')).body)).toBe('goal: not set');
    const withGoal = (
      await givenProject(t.stores, { goal: [{ name: 'gc', program: [{ op: 'workload', name: 'gc' }] }] })
    ).slug;
    expect(titleOf((await badge('goal', '', {}, withGoal)).body)).toBe('goal: not validated');
    const before = (await badge('goal', '', {}, withGoal)).headers.etag;

    const run = await t.app.inject({ method: 'POST', url: `/v1/projects/${withGoal}/validations` });
    expect(run.statusCode, run.body).toBe(201);
    const after = await badge('goal', '', {}, withGoal);
    expect(titleOf(after.body)).toMatch(/^goal: (holds|does not hold)$/);
    expect(titleOf(after.body)).toBe(run.json().goal.holds ? 'goal: holds' : 'goal: does not hold');
    expect(after.headers.etag).not.toBe(before);
  });

  it("answers 304 to the project's current ETag, and a new badge once the project changes", async () => {
    const first = await badge('progress');
    expect(first.headers.etag).toMatch(/^"r\d+-[0-9a-z]+-vq[0-9a-f]{12}"$/);
    expect(first.headers['cache-control']).toBe('no-cache');
    const again = await badge('progress', '', { 'if-none-match': first.headers.etag as string });
    expect(again.statusCode).toBe(304);
    expect(again.body).toBe('');

    const patched = await t.app.inject({
      method: 'PATCH',
      url: `/v1/projects/${slug}/issues/d`,
      payload: { status: 'done' },
    });
    expect(patched.statusCode).toBe(200);
    const changed = await badge('progress', '', { 'if-none-match': first.headers.etag as string });
    expect(changed.statusCode).toBe(200);
    expect(titleOf(changed.body)).toBe('progress: 50%');
    await t.app.inject({
      method: 'PATCH',
      url: `/v1/projects/${slug}/issues/d`,
      payload: { status: 'open' },
    });
  });

  it('draws another style or label in full to a client that holds the badge of another query', async () => {
    const flat = await badge('ready');
    const etag = flat.headers.etag as string;
    for (const query of ['?style=flat-square', '?label=open']) {
      const other = await badge('ready', query, { 'if-none-match': etag });
      expect(other.statusCode, query).toBe(200);
      expect(other.headers.etag, query).not.toBe(etag);
    }
    expect((await badge('ready', '?style=flat', { 'if-none-match': etag })).statusCode).toBe(304);
  });

  it('draws flat-square on request, with square corners', async () => {
    const flat = (await badge('ready')).body;
    const square = (await badge('ready', '?style=flat-square')).body;
    expect(flat).toContain('rx="3"');
    expect(square).not.toContain('rx=');
    expect(titleOf(square)).toBe(titleOf(flat));
  });

  it('escapes a custom label', async () => {
    const res = await badge('ready', `?label=${encodeURIComponent('<script>alert(1)</script> & "x"')}`);
    expect(res.statusCode).toBe(200);
    expect(res.body).not.toContain('<script');
    expect(titleOf(res.body)).toBe('&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;x&quot;: 2 issues');
  });

  it("carries the dashboard's Content-Security-Policy", async () => {
    const res = await badge('progress');
    expect(res.headers['content-security-policy']).toContain("default-src 'none'");
    expect(res.headers['x-content-type-options']).toBe('nosniff');
  });

  it('refuses an unknown badge or style with a problem naming it, and answers 404 for an unknown project', async () => {
    const unknown = await badge('coverage');
    expect(unknown.statusCode).toBe(400);
    expect(unknown.headers['content-type']).toBe(PROBLEM_JSON);
    expect(unknown.json().errors[0].path).toBe('params.badge');
    const style = await badge('ready', '?style=plastic');
    expect(style.statusCode).toBe(400);
    expect(style.json().errors[0].path).toBe('querystring.style');
    expect((await badge('ready', '', {}, 'no-such-project')).statusCode).toBe(404);
  });

  it('refuses a label or style given twice, saying so, as it refuses any repeated one-value parameter', async () => {
    for (const query of ['?label=a&label=b', '?style=flat&style=flat-square']) {
      const res = await badge('ready', query);
      expect(res.statusCode, query).toBe(400);
      expect(res.headers['content-type']).toBe(PROBLEM_JSON);
      const name = query.slice(1, query.indexOf('='));
      expect(res.json().errors).toEqual([
        { path: `querystring.${name}`, message: 'is given 2 times: give it once' },
      ]);
    }
  });
});
