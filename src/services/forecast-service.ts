// Forecasts of projects (src/domain/forecast) with their history, what-ifs, and what's next; shared by
// the API (GET …/forecast, POST …/forecast/what-if, GET …/next) and `isoplan forecast` / `isoplan next`.
//
// The input comes from the plan service's cached read (the project and its plan rows at one revision),
// the history from the audit trail (kept between revisions, audit-trail-cache.ts). A forecast is cached
// like the plan, by project, creation time and revision, and also by its query and by today's date (day 0
// is today when the project's start has passed, and the history runs to this week): an unchanged project
// answers from memory, serialized once.
// The computation runs through a ForecastRunner (forecast-runners.ts): a large one on the worker pool, off
// the event loop; the domain bounds its work (MAX_ISSUE_TRIALS, about a second of CPU).

import { BeyondCalendarError, InvalidInputError } from '../domain/errors.js';
import { workCalendar, workWeekProblems } from '../domain/forecast/calendar.js';
import {
  type ForecastTrend,
  forecastInputAt,
  forecastTrendOf,
  nullIfBeyond,
  planForecastTrend,
  type TrendOptions,
} from '../domain/forecast/forecast-trend.js';
import { projectHistory } from '../domain/forecast/history.js';
import { dayNumberOf, formatIsoDate } from '../domain/forecast/iso-date.js';
import type { ProjectState } from '../domain/forecast/project-at.js';
import type {
  Forecast,
  ForecastInput,
  ForecastJob,
  ForecastOptions,
  ForecastReport,
  ForecastWhatIf,
} from '../domain/forecast/types.js';
import { type NextIssue, whatsNext } from '../domain/forecast/whats-next.js';
import type { Project } from '../domain/model.js';
import type { Tagged } from '../store/etag.js';
import type { AuditStore, PlanRows } from '../store/types.js';
import { createAuditTrailCache } from './audit-trail-cache.js';
import { createInProcessForecastRunner, type ForecastRunner } from './forecast-runners.js';
import type { PlanService, PlanVersion } from './plan-service.js';

export interface ForecastServiceDeps {
  plans: Pick<PlanService, 'rows' | 'plan'>;
  audit: Pick<AuditStore, 'listAfter'>;
  /** Defaults to the system clock; tests pin it. */
  now?: () => Date;
  /** Where the computation runs; default on the calling thread (the services pass the worker pool's). */
  runner?: ForecastRunner;
}

export interface ForecastServiceOptions {
  /** Forecasts kept (least recently used ones are dropped first). */
  maxEntries?: number;
}

/** What a caller may ask of any forecast: the domain's options, and more days off. */
export interface ForecastAnswerOptions extends ForecastOptions {
  /** More days nobody works on (ISO dates), for this answer only, besides the project's holidays. */
  holidays?: readonly string[];
}

/** What a caller may ask of a forecast: also `people` for another team size. */
export interface ForecastQuery extends ForecastAnswerOptions {
  /** N interchangeable people instead of the project's team, for this answer only. */
  people?: number;
}

export interface ForecastService {
  forecast(project: string, query?: ForecastQuery): Promise<{ revision: number; report: ForecastReport }>;
  /**
   * The forecast as JSON text, serialized once per cached forecast; with its version: the same text while
   * it is the same (its ETag). No text, and nothing computed, when `held` says the caller holds this
   * version already (a client's If-None-Match: a replica that never made this forecast, or made it before
   * a restart, answers 304 without running its trials).
   */
  forecastJson(
    project: string,
    query?: ForecastQuery,
    held?: (version: ForecastVersion) => boolean,
  ): Promise<ForecastVersion & { json?: string }>;
  /** The forecast's trend (below), as a value. */
  trend(project: string, options?: TrendOptions): Promise<ForecastTrend>;
  /**
   * The forecast's trend: what it said at the end of each of the last weeks and what changed between
   * (domain/forecast/forecast-trend.ts), as JSON text cached and versioned as forecastJson's.
   */
  trendJson(
    project: string,
    options?: TrendOptions,
    held?: (version: ForecastVersion) => boolean,
  ): Promise<ForecastVersion & { json?: string }>;
  /** "If these land and the team is this, when?": never cached, nothing stored. */
  whatIf(project: string, whatIf: ForecastWhatIf, options?: ForecastAnswerOptions): Promise<ForecastReport>;
  /**
   * The first `limit` ready issues, ranked as the plan ranks them, with the default forecast's criticality;
   * with the plan's version (the ranking's revision: criticality counts working days, not dates, so it
   * does not move with the day).
   */
  next(project: string, limit: number): Promise<PlanVersion & { items: NextIssue[] }>;
  /** How many forecasts were computed (not served from the cache): for tests and diagnostics. */
  readonly computed: number;
}

/**
 * Which forecast: the project (its creation time tells a recreated one apart) and its revision, the day it
 * was made for (today, an ISO date) and the query (normalized: equal queries, equal text).
 */
export interface ForecastVersion {
  revision: number;
  createdAt: Date;
  today: string;
  query: string;
}

/** A cached answer of one version: its value, and its JSON text once serialized. */
interface Cached<T> extends ForecastVersion {
  value: Promise<T>;
  json?: string;
}
type Entry = Cached<ForecastReport>;
type TrendEntry = Cached<ForecastTrend>;

export function createForecastService(
  deps: ForecastServiceDeps,
  options: ForecastServiceOptions = {},
): ForecastService {
  const maxEntries = options.maxEntries ?? 64;
  const now = deps.now ?? (() => new Date());
  const runner = deps.runner ?? createInProcessForecastRunner();
  const cache = new Map<string, Entry>();
  const trends = new Map<string, TrendEntry>();
  const trails = createAuditTrailCache(deps.audit);
  let computed = 0;

  /**
   * One read of the project: its forecast input and everything the history needs, with the one reading of
   * the clock both count from (the trials may end after midnight: the answer is still the day's).
   */
  async function read(slug: string) {
    const { project, rows } = await deps.plans.rows(slug);
    const at = now();
    const today = formatIsoDate(dayNumberOf(at));
    return { project, rows, at, today, input: forecastInput(project, rows, today) };
  }
  type ProjectRead = Awaited<ReturnType<typeof read>>;

  /** The report of `jobOf`'s job on the project's input with `holidays` taken off too (history included). */
  async function report(
    slug: string,
    holidays: readonly string[] | undefined,
    jobOf: (input: ForecastInput) => ForecastJob,
    known?: ProjectRead,
  ): Promise<ForecastReport> {
    const { project, rows, at, input: projectInput } = known ?? (await read(slug));
    const input = withHolidays(projectInput, holidays);
    const events = await trails.events(slug);
    computed++;
    const forecast = await runner.run(jobOf(input));
    const history = projectHistory({
      events,
      issues: rows.issues,
      defaultEstimateDays: project.defaultEstimateDays,
      calendar: workCalendar(input.calendar),
      today: at,
    });
    return { ...forecast, history };
  }

  /** `undated`: the forecast without dates (ForecastOptions.undated; see criticalityOf). */
  async function entryFor(slug: string, query: ForecastQuery, undated = false): Promise<Entry> {
    return entryAt(slug, await read(slug), query, undated);
  }

  /** The forecast of `query` on the project as `known` read it: from the cache, else started. */
  function entryAt(slug: string, known: ProjectRead, query: ForecastQuery, undated = false): Entry {
    const version = versionOf(known, forecastQueryText(query));
    const key = JSON.stringify([
      slug,
      version.createdAt.getTime(),
      version.revision,
      version.today,
      version.query,
      undated,
    ]);
    const { people, holidays, ...forecastOptions } = query;
    // A forecast that failed (bad query, unknown target, a busy pool) is not kept. One whose dates run past
    // the calendar is: at this revision and day it always will, and a badge (a README's image, asked for on
    // every view) shows it.
    return remembered(
      cache,
      key,
      () => ({
        ...version,
        value: report(
          slug,
          holidays,
          (input) => ({
            input: people === undefined ? input : { ...input, team: people },
            options: undated ? { ...forecastOptions, undated } : forecastOptions,
          }),
          known,
        ),
      }),
      (error) => error instanceof BeyondCalendarError,
    );
  }

  /**
   * The entry of `key` in `map`, now the most recently used, else the one `make` starts; one whose value
   * fails is dropped (the next call reports the failure afresh) unless `keep` says it stays true. The least
   * recently used go past maxEntries.
   */
  function remembered<T>(
    map: Map<string, Cached<T>>,
    key: string,
    make: () => Cached<T>,
    keep: (error: unknown) => boolean = () => false,
  ): Cached<T> {
    let entry = map.get(key);
    if (entry === undefined) {
      const made = make();
      made.value.catch((error: unknown) => {
        if (!keep(error) && map.get(key) === made) map.delete(key);
      });
      entry = made;
    } else map.delete(key);
    map.set(key, entry);
    while (map.size > maxEntries) map.delete(map.keys().next().value as string);
    return entry;
  }

  /**
   * The default forecast, for its criticality: counted in working days, it names no date. When the
   * forecast's dates would run past the calendar (BeyondCalendarError), the same forecast is made without
   * dates (however many working days it counts): what's next does not depend on when it ends.
   */
  async function criticalityOf(slug: string): Promise<{ version: Tagged; report: ForecastReport }> {
    const entry = await entryFor(slug, {});
    try {
      return { version: entry, report: await entry.value };
    } catch (error) {
      if (!(error instanceof BeyondCalendarError)) throw error;
      const undated = await entryFor(slug, {}, true);
      return { version: undated, report: await undated.value };
    }
  }

  /** The trend of the project as `known` read it: each point's forecast on the runner, one at a time. */
  async function trendOf(slug: string, known: ProjectRead, options: TrendOptions): Promise<ForecastTrend> {
    const events = await trails.events(slug);
    const plan = planForecastTrend(projectState(known.project, known.rows), events, known.at, options);
    computed++;
    const forecasts: (Forecast | null)[] = [];
    for (const point of plan.points) {
      const job = { input: point.input, options: { trials: plan.trials, seed: plan.seed } };
      forecasts.push(await runner.run(job).catch(nullIfBeyond));
    }
    return forecastTrendOf(plan, forecasts);
  }

  /** The trend of `options` on the project as `known` read it: from the cache, else started. */
  function trendEntryAt(slug: string, known: ProjectRead, options: TrendOptions): TrendEntry {
    const version = versionOf(known, trendQueryText(options));
    const key = JSON.stringify([
      slug,
      version.createdAt.getTime(),
      version.revision,
      version.today,
      version.query,
    ]);
    // A trend that failed (bad options, a busy pool) is not kept.
    return remembered(trends, key, () => ({ ...version, value: trendOf(slug, known, options) }));
  }

  /**
   * The version `known` read, and nothing computed, when `held` says the caller holds it (If-None-Match);
   * else the cached answer's JSON text, serialized once per cached answer.
   */
  async function versionedJson<T>(
    known: ProjectRead,
    query: string,
    held: ((version: ForecastVersion) => boolean) | undefined,
    entryOf: (known: ProjectRead) => Cached<T>,
  ): Promise<ForecastVersion & { json?: string }> {
    const version = versionOf(known, query);
    if (held?.(version) === true) return version;
    const entry = entryOf(known);
    const value = await entry.value;
    entry.json ??= JSON.stringify(value);
    const { revision, createdAt, today } = entry;
    return { revision, createdAt, today, query: entry.query, json: entry.json };
  }

  const service: ForecastService = {
    async trend(slug, options = {}) {
      return trendEntryAt(slug, await read(slug), options).value;
    },
    async trendJson(slug, options = {}, held) {
      const query = trendQueryText(options);
      return versionedJson(await read(slug), query, held, (known) => trendEntryAt(slug, known, options));
    },
    async forecast(slug, query = {}) {
      const entry = await entryFor(slug, query);
      return { revision: entry.revision, report: await entry.value };
    },
    async forecastJson(slug, query = {}, held) {
      const text = forecastQueryText(query);
      return versionedJson(await read(slug), text, held, (known) => entryAt(slug, known, query));
    },
    async whatIf(slug, whatIf, { holidays, ...forecastOptions } = {}) {
      return report(slug, holidays, (input) => ({ input, whatIf, options: forecastOptions }));
    },
    async next(slug, limit) {
      const [{ plan, ...ranked }, critical] = await Promise.all([deps.plans.plan(slug), criticalityOf(slug)]);
      // Read apart, the ranking and the criticality may straddle a write: the answer names the older read,
      // whose tag the next read replaces, never the newer one with the older one's figures under it.
      const { revision, createdAt } = olderVersion(ranked, critical.version);
      return { revision, createdAt, items: whatsNext(plan.readyRanking, critical.report, limit) };
    },
    get computed() {
      return computed;
    },
  };
  return service;
}

/** The earlier of two reads of a project: its earlier incarnation (creation time), else its lower revision. */
function olderVersion(a: Tagged, b: Tagged): PlanVersion {
  const created = new Date(a.createdAt).getTime() - new Date(b.createdAt).getTime();
  const older = created < 0 || (created === 0 && a.revision <= b.revision) ? a : b;
  return { revision: older.revision, createdAt: new Date(older.createdAt).getTime() };
}

/** The version of an answer to `query` (normalized text) on the project as `known` read it. */
function versionOf(known: { project: Project; today: string }, query: string): ForecastVersion {
  const { project, today } = known;
  return { revision: project.revision, createdAt: project.createdAt, today, query };
}

/** A forecast's query as text: its cache key and its ETag's variant; the holidays as a set. */
function forecastQueryText(query: ForecastQuery): string {
  return JSON.stringify([
    query.people ?? null,
    query.trials ?? null,
    query.seed ?? null,
    query.target ?? null,
    query.holidays === undefined ? [] : [...new Set(query.holidays)].sort(),
  ]);
}

/** A trend's options as text, as forecastQueryText. */
function trendQueryText(options: TrendOptions): string {
  return JSON.stringify([options.weeks ?? null, options.trials ?? null, options.seed ?? null]);
}

/**
 * The domain's input from a project and its plan rows: day 0 is the project's start, or today when the
 * start has passed or is not set.
 */
export function forecastInput(project: Project, rows: PlanRows, today: string): ForecastInput {
  return forecastInputAt({ issues: rows.issues, edges: rows.edges, settings: project }, today);
}

/** The project's forecast input as the trend rebuilds it (domain/forecast/project-at.ts). */
export function projectState(project: Project, rows: PlanRows): ProjectState {
  const { defaultEstimateDays, team, start, workdays, holidays } = project;
  return {
    issues: rows.issues.map((issue) => ({ ...issue })),
    edges: rows.edges.map(({ issue, blockedBy }) => ({ issue, blockedBy })),
    settings: { defaultEstimateDays, team, start, workdays, holidays },
  };
}

/**
 * The input with `holidays` nobody works on besides the project's own (a what-if or a query's, for one
 * answer); InvalidInputError at `holidays[i]` for a date that does not exist or has no four-digit year.
 */
function withHolidays(input: ForecastInput, holidays: readonly string[] | undefined): ForecastInput {
  if (holidays === undefined || holidays.length === 0) return input;
  const problems = workWeekProblems({ holidays });
  if (problems.length > 0) throw new InvalidInputError('the holidays are invalid', problems);
  const { calendar } = input;
  return { ...input, calendar: { ...calendar, holidays: [...(calendar.holidays ?? []), ...holidays] } };
}
