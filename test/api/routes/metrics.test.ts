import parsePrometheusTextFormat, { type ParsedFamily } from 'parse-prometheus-text-format';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Plan } from '../../../src/domain/plan/types.js';
import type { ValidationRun } from '../../../src/domain/validation/types.js';
import { createInProcessRunner } from '../../../src/services/check-runners.js';
import { loadDemoIfEmpty } from '../../../src/store/demo.js';
import { DEMO } from '../../services/demo-fixture.js';
import { createTestApp, givenEdge, givenIssue, givenProject, givenToken, type TestApp } from '../test-app.js';

let t: TestApp;
let small: string;

// small: a (done, 1 day) <- b (open, 3 days) <- c (open, unestimated: 2 days); d (wont_do, 5 days).
beforeAll(async () => {
  t = await createTestApp({}, { checkRunner: createInProcessRunner() });
  await loadDemoIfEmpty(t.database);
  small = (await givenProject(t.stores, { defaultEstimateDays: 2 })).slug;
  await givenIssue(t.stores, small, { key: 'a', status: 'done', estimateDays: 1 });
  await givenIssue(t.stores, small, { key: 'b', estimateDays: 3 });
  await givenIssue(t.stores, small, { key: 'c' });
  await givenIssue(t.stores, small, { key: 'd', status: 'wont_do', estimateDays: 5 });
  await givenEdge(t.stores, small, 'b', 'a');
  await givenEdge(t.stores, small, 'c', 'b');
});
afterAll(() => t.close());

async function scrape(): Promise<ParsedFamily[]> {
  const res = await t.app.inject({ method: 'GET', url: '/metrics' });
  expect(res.statusCode, res.body).toBe(200);
  expect(res.headers['content-type']).toBe('text/plain; version=0.0.4; charset=utf-8');
  return parsePrometheusTextFormat(res.body);
}

/** The value of one series of `name` whose labels include `labels`, as a number; undefined when absent. */
function sample(families: ParsedFamily[], name: string, labels: Record<string, string>): number | undefined {
  const family = families.find((f) => f.name === name);
  const found = family?.metrics.find((m) => Object.entries(labels).every(([k, v]) => m.labels?.[k] === v));
  return found?.value === undefined ? undefined : Number(found.value);
}

describe('GET /metrics', () => {
  it("carries each project's plan figures, equal to its plan", async () => {
    const families = await scrape();
    for (const project of [small, DEMO]) {
      const plan = (await t.app.inject({ method: 'GET', url: `/v1/projects/${project}/plan` })).json<Plan>();
      const summary = plan.progress.project;
      for (const [status, n] of Object.entries(summary.counts)) {
        expect(sample(families, 'isoplan_project_issues', { project, status }), status).toBe(n);
      }
      expect(sample(families, 'isoplan_project_ready_issues', { project })).toBe(plan.ready.length);
      expect(sample(families, 'isoplan_project_blocked_issues', { project })).toBe(plan.blocked.length);
      expect(sample(families, 'isoplan_project_critical_path_days', { project })).toBe(
        plan.criticalPath.lengthDays,
      );
      expect(sample(families, 'isoplan_project_progress_ratio', { project, by: 'count' })).toBeCloseTo(
        summary.finished / summary.total,
        12,
      );
      expect(sample(families, 'isoplan_project_progress_ratio', { project, by: 'estimate' })).toBeCloseTo(
        summary.finishedEstimateDays / summary.estimateDays,
        12,
      );
    }
  });

  it("carries each project's forecast end at P50, P85 and P95 as Unix times, equal to its forecast", async () => {
    const families = await scrape();
    for (const project of [small, DEMO]) {
      const { quantiles } = (
        await t.app.inject({ method: 'GET', url: `/v1/projects/${project}/forecast` })
      ).json();
      for (const [quantile, at] of [
        ['0.5', quantiles.p50],
        ['0.85', quantiles.p85],
        ['0.95', quantiles.p95],
      ]) {
        const unix = sample(families, 'isoplan_project_forecast_finish_timestamp_seconds', {
          project,
          quantile,
        });
        expect(
          unix === undefined ? undefined : new Date(unix * 1000).toISOString().slice(0, 10),
          quantile,
        ).toBe(at.date);
      }
    }
  });

  it('leaves out the forecast of a project that runs past the calendar, one forecast on a worker too', async () => {
    // 30 issues × 10,000 trials: enough work for the forecast to run on the worker pool, whose refusal
    // crosses the thread boundary as data.
    const late = (await givenProject(t.stores, { team: 1, start: '9999-01-04' })).slug;
    for (let i = 0; i < 30; i++) await givenIssue(t.stores, late, { key: `k${i}`, estimateDays: 3650 });
    const forecast = await t.app.inject({ method: 'GET', url: `/v1/projects/${late}/forecast` });
    expect(forecast.json().type).toMatch(/forecast-beyond-calendar$/);
    const families = await scrape();
    expect(sample(families, 'isoplan_project_forecast_finish_timestamp_seconds', { project: late })).toBe(
      undefined,
    );
    expect(
      sample(families, 'isoplan_project_forecast_finish_timestamp_seconds', { project: DEMO }),
    ).toBeDefined();
    await t.app.inject({ method: 'DELETE', url: `/v1/projects/${late}` });
  });

  it('leaves out the forecast of a project with nothing left to do, as its badge says done', async () => {
    // Its forecast's end is day 0, today: a finish time that would move a day later every day, as a
    // project that slips does.
    const finished = (await givenProject(t.stores)).slug;
    await givenIssue(t.stores, finished, { key: 'a', status: 'done', estimateDays: 2 });
    await givenIssue(t.stores, finished, { key: 'b', status: 'wont_do' });
    const empty = (await givenProject(t.stores)).slug;
    const families = await scrape();
    for (const project of [finished, empty]) {
      const badge = await t.app.inject({ url: `/v1/projects/${project}/badges/forecast.svg` });
      expect(badge.body).toContain('forecast: done');
      expect(
        sample(families, 'isoplan_project_forecast_finish_timestamp_seconds', { project }),
        project,
      ).toBeUndefined();
      expect(sample(families, 'isoplan_project_issues', { project, status: 'open' })).toBe(0);
    }
    for (const project of [finished, empty]) {
      await t.app.inject({ method: 'DELETE', url: `/v1/projects/${project}` });
    }
  });

  it('counts estimate-days by status with the default estimate for unestimated issues', async () => {
    const families = await scrape();
    const days = (status: string) =>
      sample(families, 'isoplan_project_estimate_days', { project: small, status });
    expect([days('open'), days('in_progress'), days('done'), days('wont_do')]).toEqual([5, 0, 1, 5]);
    expect(sample(families, 'isoplan_project_critical_path_days', { project: small })).toBe(5);
    expect(sample(families, 'isoplan_project_progress_ratio', { project: small, by: 'count' })).toBe(0.5);
    expect(
      sample(families, 'isoplan_project_progress_ratio', { project: small, by: 'estimate' }),
    ).toBeCloseTo(1 / 6, 12);
  });

  it("carries the latest validation's verdicts, violations and goal once a project has a run", async () => {
    expect(sample(await scrape(), 'isoplan_project_goal_holds', { project: DEMO })).toBeUndefined();
    const run = (
      await t.app.inject({ method: 'POST', url: `/v1/projects/${DEMO}/validations` })
    ).json<ValidationRun>();

    const families = await scrape();
    for (const verdict of ['verified', 'failing', 'untested']) {
      expect(sample(families, 'isoplan_project_validation_issues', { project: DEMO, verdict }), verdict).toBe(
        run.issues.filter((i) => i.verdict === verdict).length,
      );
    }
    const issueViolations = run.issues.reduce((n, i) => n + i.violations.length, 0);
    expect(issueViolations).toBeGreaterThan(0);
    expect(
      sample(families, 'isoplan_project_validation_violations', { project: DEMO, scope: 'issues' }),
    ).toBe(issueViolations);
    expect(sample(families, 'isoplan_project_validation_violations', { project: DEMO, scope: 'goal' })).toBe(
      run.goal.violations.length,
    );
    expect(sample(families, 'isoplan_project_goal_holds', { project: DEMO })).toBe(0);
    const validation = families.find((f) => f.name === 'isoplan_validation_duration_seconds');
    expect(Number(validation?.metrics[0]?.count)).toBe(1);
  });

  it('times each CI check', async () => {
    const checked = await t.app.inject({
      method: 'POST',
      url: `/v1/projects/${small}/checks`,
      payload: { done: ['b'], sha: 'abcdef1' },
    });
    expect(checked.statusCode, checked.body).toBe(201);
    const family = (await scrape()).find((f) => f.name === 'isoplan_ci_check_duration_seconds');
    expect(Number(family?.metrics[0]?.count)).toBe(1);
    expect(Number(family?.metrics[0]?.sum)).toBeGreaterThan(0);
  });

  it('follows a change at the next scrape and re-plans only the changed project', async () => {
    await scrape();
    const computedBefore = t.app.services.projectMetrics.computed;
    await scrape();
    expect(t.app.services.projectMetrics.computed).toBe(computedBefore);

    const patched = await t.app.inject({
      method: 'PATCH',
      url: `/v1/projects/${small}/issues/b`,
      payload: { status: 'done' },
    });
    expect(patched.statusCode, patched.body).toBe(200);
    const families = await scrape();
    expect(t.app.services.projectMetrics.computed).toBe(computedBefore + 1);
    expect(sample(families, 'isoplan_project_issues', { project: small, status: 'done' })).toBe(2);
    expect(sample(families, 'isoplan_project_ready_issues', { project: small })).toBe(1);
  });

  it("drops a deleted project's series", async () => {
    const gone = (await givenProject(t.stores)).slug;
    expect(sample(await scrape(), 'isoplan_project_ready_issues', { project: gone })).toBe(0);
    expect((await t.app.inject({ method: 'DELETE', url: `/v1/projects/${gone}` })).statusCode).toBe(204);
    expect(sample(await scrape(), 'isoplan_project_ready_issues', { project: gone })).toBeUndefined();
  });

  it('records requests by route pattern and status, never by raw URL', async () => {
    await t.app.inject({ method: 'GET', url: `/v1/projects/${small}/issues/a` });
    await t.app.inject({ method: 'GET', url: '/v1/projects/no-such-project/issues/a' });
    await t.app.inject({ method: 'GET', url: '/no/such/route' });
    const families = await scrape();
    const family = families.find((f) => f.name === 'isoplan_http_requests_total');
    const routes = family?.metrics.map(
      (m) => `${m.labels?.method} ${m.labels?.route} ${m.labels?.status_code}`,
    );
    expect(routes).toContain('GET /v1/projects/:project/issues/:key 200');
    expect(routes).toContain('GET /v1/projects/:project/issues/:key 404');
    expect(routes).toContain('GET unmatched 404');
    expect(routes?.some((r) => r.includes(small) || r.includes('no-such'))).toBe(false);
    const durations = families.find((f) => f.name === 'isoplan_http_request_duration_seconds');
    expect(durations?.type).toBe('HISTOGRAM');
  });

  it('carries the service and process metrics', async () => {
    const names = new Set((await scrape()).map((f) => f.name));
    for (const name of [
      'isoplan_event_stream_clients',
      'isoplan_sim_queue_depth',
      'isoplan_sim_task_duration_seconds',
      'isoplan_ci_check_duration_seconds',
      'isoplan_database_busy_errors_total',
      'process_cpu_seconds_total',
      'nodejs_eventloop_lag_seconds',
    ]) {
      expect(names, name).toContain(name);
    }
  });

  it('answers OpenMetrics when the scraper asks for it', async () => {
    const res = await t.app.inject({
      method: 'GET',
      url: '/metrics',
      headers: { accept: 'application/openmetrics-text;version=1.0.0,text/plain;version=0.0.4;q=0.5' },
    });
    expect(res.headers['content-type']).toBe('application/openmetrics-text; version=1.0.0; charset=utf-8');
    expect(res.body.endsWith('# EOF\n')).toBe(true);
    expect(res.body).toContain(
      '# TYPE isoplan_database_busy_errors counter\nisoplan_database_busy_errors_total 0',
    );
    // and the Prometheus text that follows keeps its counters' names
    expect((await t.app.inject({ method: 'GET', url: '/metrics' })).body).toContain(
      '\nisoplan_database_busy_errors_total 0',
    );
  });
});

describe('GET /metrics behind closed reads', () => {
  let closed: TestApp;
  let project: string;
  beforeAll(async () => {
    closed = await createTestApp({ publicRead: false, rateLimit: 3 });
    project = (await givenProject(closed.stores)).slug;
  });
  afterAll(() => closed.close());

  const scrapeWith = (headers: Record<string, string> = {}) =>
    closed.app.inject({ method: 'GET', url: '/metrics', headers });

  it('needs a read token, refuses one limited to a project (it would show the others), and is never rate limited', async () => {
    const reader = await givenToken(closed.stores, { scope: 'read' });
    const limited = await givenToken(closed.stores, { scope: 'admin', project });
    expect((await scrapeWith()).statusCode).toBe(401);
    const refused = await scrapeWith(limited.bearer);
    expect(refused.statusCode).toBe(403);
    expect(refused.json()).toMatchObject({ type: expect.stringMatching(/token-limited-to-project$/) });
    for (let scrape = 0; scrape < 5; scrape++) expect((await scrapeWith(reader.bearer)).statusCode).toBe(200);
  });

  it("counts the access checks' refusals: 401, 403 and 429", async () => {
    const reader = await givenToken(closed.stores, { scope: 'read' });
    const scraper = await givenToken(closed.stores, { scope: 'read' });
    await closed.app.inject({ method: 'GET', url: `/v1/projects/${project}` });
    await closed.app.inject({
      method: 'PATCH',
      url: `/v1/projects/${project}`,
      headers: reader.bearer,
      payload: { name: 'x' },
    });
    for (let call = 0; call < 3; call++) {
      await closed.app.inject({ method: 'GET', url: `/v1/projects/${project}`, headers: reader.bearer });
    }
    const res = await scrapeWith(scraper.bearer);
    const family = parsePrometheusTextFormat(res.body).find((f) => f.name === 'isoplan_http_requests_total');
    const routes = family?.metrics.map(
      (m) => `${m.labels?.method} ${m.labels?.route} ${m.labels?.status_code}`,
    );
    expect(routes).toContain('GET /v1/projects/:project 401');
    expect(routes).toContain('PATCH /v1/projects/:project 403');
    expect(routes).toContain('GET /v1/projects/:project 429');
  });
});
