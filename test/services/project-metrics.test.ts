// The project gauges' forecasts within a scrape's budget: every forecast moves at midnight UTC and costs
// ~0.1 s, so a scrape starts them only within its budget (one at least) and a project not reached keeps
// its previous forecast series until a later scrape reaches it.
import { Registry } from 'prom-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createForecastService } from '../../src/services/forecast-service.js';
import { createPlanService } from '../../src/services/plan-service.js';
import { createProjectMetrics } from '../../src/services/project-metrics.js';
import { givenIssue, givenProject } from '../api/test-app.js';
import { createTempDatabase, type TempDatabase } from '../store/temp-database.js';

let temp: TempDatabase;
let now = new Date('2026-12-07T12:00:00Z');
const clock = () => now;

beforeAll(async () => {
  temp = await createTempDatabase();
});
afterAll(() => temp.cleanup());

/** The projects with a forecast series, and the day their P50 names (as Unix times). */
async function forecastSeries(registry: Registry): Promise<Map<string, number>> {
  const gauge = registry.getSingleMetric('isoplan_project_forecast_finish_timestamp_seconds')!;
  const { values } = await gauge.get();
  return new Map(
    values.filter((v) => v.labels.quantile === '0.5').map((v) => [String(v.labels.project), v.value]),
  );
}

/**
 * Three projects of one open issue (team of one) in `stores`, and the gauges over them with a budget of 0:
 * each scrape starts one forecast.
 */
async function gaugesOverThreeProjects(stores: TempDatabase['db']['stores']) {
  const slugs: string[] = [];
  for (let i = 0; i < 3; i++) {
    const project = await givenProject(stores, { team: 1 });
    await givenIssue(stores, project.slug, { key: 'a', estimateDays: 2 });
    slugs.push(project.slug);
  }
  const plans = createPlanService({
    projects: stores.projects,
    issues: stores.issues,
    commits: stores.commits,
  });
  const forecasts = createForecastService({ plans, audit: stores.audit, now: clock });
  const registry = new Registry();
  const metrics = createProjectMetrics({
    projects: stores.projects,
    plans,
    validations: stores.validations,
    forecasts,
    now: clock,
    registry,
    forecastBudgetMs: 0,
  });
  return { slugs, registry, metrics };
}

describe('the forecast gauges of GET /metrics', () => {
  it('start forecasts only within the budget, one at least, and keep the last ones of projects not reached', async () => {
    const { slugs, registry, metrics } = await gaugesOverThreeProjects(temp.db.stores);

    for (let scrape = 1; scrape <= 3; scrape++) {
      await metrics.refresh();
      expect((await forecastSeries(registry)).size).toBe(scrape);
      expect(metrics.forecastsBehind).toBe(3 - scrape);
    }
    const yesterday = await forecastSeries(registry);

    now = new Date('2026-12-08T12:00:00Z'); // every forecast's day 0 moves
    await metrics.refresh();
    const today = await forecastSeries(registry);
    expect(today.size).toBe(3); // none left without a series
    const moved = slugs.filter((slug) => today.get(slug) !== yesterday.get(slug));
    expect(moved).toHaveLength(1);
    expect(today.get(moved[0]!)! - yesterday.get(moved[0]!)!).toBe(86_400);
    expect(metrics.forecastsBehind).toBe(2);
  });

  it('reach every project in turn, however often the first ones are written to', async () => {
    const own = await createTempDatabase();
    try {
      const { stores } = own.db;
      const { registry, metrics } = await gaugesOverThreeProjects(stores);

      for (let scrape = 1; scrape <= 3; scrape++) {
        await metrics.refresh();
        // Busy projects: each one with a forecast is written to before the next scrape.
        for (const slug of (await forecastSeries(registry)).keys())
          await givenIssue(stores, slug, { key: `written-${scrape}`, estimateDays: 1 });
      }
      expect((await forecastSeries(registry)).size).toBe(3);
    } finally {
      await own.cleanup();
    }
  });
});
