// The project gauges of GET /metrics, labelled by project slug: each project's plan figures, its latest
// validation's and its forecast's end, refreshed before every scrape. Figures are kept per project version
// (revision and creation time; the newest validation run's id; for the forecast, whose day 0 is today, the
// date too), so a scrape reads the versions of every project in one read and touches only the projects
// that changed since the last scrape (or, for the forecast, since yesterday): their figures from the plan
// and forecast services' caches (never re-planning an unchanged project), their series replaced in one
// synchronous step (a concurrent scrape sees a project's old series or its new ones, never a mix), and a
// deleted project's series removed. Forecasts cost ~0.1 s each and every one moves at midnight UTC: a scrape
// starts them only within FORECAST_BUDGET_MS (at least one), and a project not reached keeps its previous
// forecast series until a later scrape reaches it (each scrape starts where the last one stopped). With
// every forecast in the scrape, the first scrape after a start or a midnight took 10 s for 100 projects
// (bench metrics), past Prometheus's timeout from about 200 projects on.
import { Gauge, type Registry } from 'prom-client';
import { BeyondCalendarError, NotFoundError } from '../domain/errors.js';
import { nothingLeft } from '../domain/figures/badge-content.js';
import {
  type PlanFigures,
  planFigures,
  type ValidationFigures,
  validationFigures,
} from '../domain/figures/project-figures.js';
import { dayNumberOf, formatIsoDate } from '../domain/forecast/iso-date.js';
import type { ProjectStore, ProjectVersion, ValidationStore } from '../store/types.js';
import type { ForecastService } from './forecast-service.js';
import type { PlanService } from './plan-service.js';

export interface ProjectMetricsDeps {
  projects: Pick<ProjectStore, 'listVersions'>;
  plans: Pick<PlanService, 'plan'>;
  validations: Pick<ValidationStore, 'latest'>;
  forecasts: Pick<ForecastService, 'forecast'>;
  /** The clock that says when a day has passed (a forecast's day 0 is today); default the system's. */
  now?: () => Date;
  /** Where the gauges are registered. */
  registry: Registry;
  /** How long a scrape may spend starting forecasts (one at least); default FORECAST_BUDGET_MS. */
  forecastBudgetMs?: number;
}

/** A scrape's time for forecasts: well within Prometheus's default 10 s timeout. */
export const FORECAST_BUDGET_MS = 3000;

export interface ProjectMetrics {
  /** Brings every gauge up to date with the stored projects; concurrent calls share one refresh. */
  refresh(): Promise<void>;
  /** How many projects' plan figures were computed (not served from the cache): for tests and benchmarks. */
  readonly computed: number;
  /** Projects whose forecast series are not yet those of today and their revision (left for a later scrape). */
  readonly forecastsBehind: number;
}

interface Cached {
  createdAt: number;
  revision: number;
  plan: PlanFigures;
  validationId: string | null;
  validation: ValidationFigures | null;
  /** The day and revision the forecast was computed for ('' and -1 before the first), and its P50/P85/P95 end as Unix times (00:00 UTC of the date). */
  forecastDay: string;
  forecastRevision: number;
  /** Empty when nothing is left to do or the forecast runs past the calendar (BeyondCalendarError): no series for it. */
  forecast: Partial<Record<'0.5' | '0.85' | '0.95', number>>;
  /** The series set for the project: what to remove when it changes or goes. */
  series: Series[];
}

type Series = [Gauge<string>, Record<string, string>];

export function createProjectMetrics(deps: ProjectMetricsDeps): ProjectMetrics {
  const registers = [deps.registry];
  const gauge = <L extends string>(name: string, help: string, labels: L[]) =>
    new Gauge<L | 'project'>({ name, help, labelNames: ['project', ...labels], registers });
  const issues = gauge('isoplan_project_issues', 'Issues by status', ['status']);
  const estimate = gauge(
    'isoplan_project_estimate_days',
    "Days of work by status (the project's default estimate for unestimated issues)",
    ['status'],
  );
  const ready = gauge('isoplan_project_ready_issues', 'Open issues whose blockers are all finished', []);
  const blocked = gauge('isoplan_project_blocked_issues', 'Open issues with an open blocker', []);
  const criticalPath = gauge(
    'isoplan_project_critical_path_days',
    'Length of the critical path: the least number of days the remaining work can take',
    [],
  );
  const progress = gauge(
    'isoplan_project_progress_ratio',
    'Finished work (0..1) by issue count, or by estimate (wont_do left out); absent for an empty project',
    ['by'],
  );
  const verdicts = gauge(
    'isoplan_project_validation_issues',
    "Issues by the latest validation run's verdict",
    ['verdict'],
  );
  const violations = gauge(
    'isoplan_project_validation_violations',
    "Violations the latest validation run found, in the issues' checks or the goal's",
    ['scope'],
  );
  const goal = gauge(
    'isoplan_project_goal_holds',
    "1 when the latest validation run found the project's goal holding, else 0; absent before the first run",
    [],
  );

  const finish = gauge(
    'isoplan_project_forecast_finish_timestamp_seconds',
    "The forecast's end in 50, 85 and 95% of its trials (quantile), as a Unix time (00:00 UTC of the date); absent when nothing is left to do or the forecast runs past 9999-12-31",
    ['quantile'],
  );
  const now = deps.now ?? (() => new Date());
  const forecastBudgetMs = deps.forecastBudgetMs ?? FORECAST_BUDGET_MS;

  const cache = new Map<string, Cached>();
  let refreshing: Promise<void> | null = null;
  /** The first project whose forecast the last scrape's budget did not reach: where the next one starts. */
  let resumeAt: string | undefined;
  let computed = 0;

  /**
   * Brings the project's series to its version: figures computed again only where the version moved; the
   * forecast only when `forecastAllowed` says this scrape still may (else the previous one stays).
   */
  async function update(version: ProjectVersion, forecastAllowed: () => boolean): Promise<void> {
    const project = version.slug;
    const createdAt = version.createdAt.getTime();
    const today = formatIsoDate(dayNumberOf(now()));
    const cached = cache.get(project);
    const planMoved =
      cached === undefined || cached.createdAt !== createdAt || cached.revision !== version.revision;
    const validationMoved = planMoved || cached.validationId !== version.latestValidationId;
    // The forecast is of a revision and a day (forecastDay: '' for none made yet).
    const forecastMoved =
      planMoved || cached.forecastDay !== today || cached.forecastRevision !== version.revision;
    if (!validationMoved && !forecastMoved) return;
    let next: Omit<Cached, 'series'>;
    try {
      // A new project: its plan and validation figures are filled in below (both have moved).
      next = cached ?? ({ forecastDay: '', forecastRevision: -1, forecast: {} } as Omit<Cached, 'series'>);
      if (planMoved) {
        const { revision, plan, input } = await deps.plans.plan(project);
        computed++;
        next = { ...next, createdAt, revision, plan: planFigures(input, plan) };
      }
      if (validationMoved) {
        const run = version.latestValidationId === null ? null : await deps.validations.latest(project);
        next = {
          ...next,
          validationId: run?.id ?? null,
          validation: run === null ? null : validationFigures(run),
        };
      }
      if (forecastMoved) {
        // Nothing left to do: no forecast (its end would be day 0, today, moving a day later every day
        // like a project that slips), as the forecast badge says `done`.
        if (nothingLeft(next.plan))
          next = { ...next, forecastDay: today, forecastRevision: version.revision, forecast: {} };
        else if (forecastAllowed()) {
          const forecast = await finishTimes(project);
          next = { ...next, forecastDay: today, forecastRevision: version.revision, forecast };
        }
      }
    } catch (error) {
      // Deleted since the versions were read: the next scrape removes its series.
      if (error instanceof NotFoundError) return;
      throw error;
    }
    const current = cache.get(project);
    if (current !== undefined) forget(project, current);
    cache.set(project, { ...next, series: show(project, next) });
  }

  /** The forecast's P50/P85/P95 end as Unix times; none when the forecast runs past the calendar. */
  async function finishTimes(project: string): Promise<Cached['forecast']> {
    try {
      const { p50, p85, p95 } = (await deps.forecasts.forecast(project)).report.quantiles;
      const unix = (date: string) => Date.parse(`${date}T00:00:00Z`) / 1000;
      return { '0.5': unix(p50.date), '0.85': unix(p85.date), '0.95': unix(p95.date) };
    } catch (error) {
      if (error instanceof BeyondCalendarError) return {};
      throw error;
    }
  }

  function forget(project: string, cached: Cached): void {
    for (const [gauge, labels] of cached.series) gauge.remove(labels);
    cache.delete(project);
  }

  function show(project: string, { plan, validation, forecast }: Omit<Cached, 'series'>): Series[] {
    const series: Series[] = [];
    const set = (gauge: Gauge<string>, labels: Record<string, string>, value: number) => {
      const all = { project, ...labels };
      gauge.set(all, value);
      series.push([gauge, all]);
    };
    for (const [status, n] of Object.entries(plan.issues)) set(issues, { status }, n);
    for (const [status, days] of Object.entries(plan.estimateDays)) set(estimate, { status }, days);
    set(ready, {}, plan.ready);
    set(blocked, {}, plan.blocked);
    set(criticalPath, {}, plan.criticalPathDays);
    for (const [quantile, unix] of Object.entries(forecast)) set(finish, { quantile }, unix);
    if (plan.progressByCount !== null) set(progress, { by: 'count' }, plan.progressByCount);
    if (plan.progressByEstimate !== null) set(progress, { by: 'estimate' }, plan.progressByEstimate);
    if (validation === null) return series;
    for (const [verdict, n] of Object.entries(validation.verdicts)) set(verdicts, { verdict }, n);
    for (const [scope, n] of Object.entries(validation.violations)) set(violations, { scope }, n);
    set(goal, {}, validation.goalHolds ? 1 : 0);
    return series;
  }

  async function refresh(): Promise<void> {
    const versions = await deps.projects.listVersions();
    const current = new Set(versions.map((v) => v.slug));
    for (const [project, cached] of cache) if (!current.has(project)) forget(project, cached);
    // From the first project the last scrape's budget did not reach: in a fixed order, projects written
    // to between scrapes at the head of the list would take every budget and the rest wait for ever.
    const first = Math.max(
      0,
      versions.findIndex((v) => v.slug === resumeAt),
    );
    resumeAt = undefined;
    const start = performance.now();
    let started = 0;
    for (const version of [...versions.slice(first), ...versions.slice(0, first)]) {
      await update(version, () => {
        if (started > 0 && performance.now() - start >= forecastBudgetMs) {
          resumeAt ??= version.slug;
          return false;
        }
        started++;
        return true;
      });
    }
  }

  function forecastsBehind(): number {
    const today = formatIsoDate(dayNumberOf(now()));
    let behind = 0;
    for (const cached of cache.values())
      if (cached.forecastDay !== today || cached.forecastRevision !== cached.revision) behind++;
    return behind;
  }

  return {
    refresh() {
      refreshing ??= refresh().finally(() => {
        refreshing = null;
      });
      return refreshing;
    },
    get computed() {
      return computed;
    },
    get forecastsBehind() {
      return forecastsBehind();
    },
  };
}
