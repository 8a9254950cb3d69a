// The forecast of a project: the levelled schedule on the most likely estimates, the Monte Carlo
// quantiles, histogram, criticality and per-issue P85 finish, all in working days and dates, assembled
// into the document the API serves; and its what-if. Pure: plain data in, plain data out.

import { InvalidInputError, type InvalidItem } from '../errors.js';
import { takenAsDone } from '../plan/compute-plan.js';
import {
  dateOfWorkingDay,
  firstWorkingDay,
  lastWorkingDay,
  wholeWorkingDays,
  workCalendar,
} from './calendar.js';
import { buildForecastGraph, type ForecastGraph } from './forecast-graph.js';
import { LevelledScheduler } from './levelled-schedule.js';
import { type MonteCarlo, monteCarlo, quantileOfSorted } from './monte-carlo.js';
import { crewFor } from './team.js';
import {
  type DayAndDate,
  DEFAULT_SEED,
  DEFAULT_TRIALS,
  type Forecast,
  type ForecastInput,
  type ForecastJob,
  type ForecastOptions,
  type ForecastWhatIf,
  type HistogramBin,
  type LevelledEntry,
} from './types.js';

/** The most trials one forecast runs. */
export const MAX_TRIALS = 100_000;

/**
 * The most work one forecast does: trials × open issues (10,000 trials of 2,000 open issues, about a
 * second here). Without `trials`, a larger project gets as many trials as fit, at least MIN_TRIALS.
 */
export const MAX_ISSUE_TRIALS = 20_000_000;
export const MIN_TRIALS = 100;

/** At most this many histogram bins: wider bins (whole days) beyond. */
export const HISTOGRAM_BINS = 40;

/** The forecast; InvalidInputError listing every problem of the input or the options. */
export function computeForecast(input: ForecastInput, options: ForecastOptions = {}): Forecast {
  const seed = options.seed ?? DEFAULT_SEED;
  const errors: InvalidItem[] = [];
  if (
    options.trials !== undefined &&
    !(Number.isInteger(options.trials) && options.trials >= 0 && options.trials <= MAX_TRIALS)
  )
    errors.push({ path: 'trials', message: `must be a whole number from 0 to ${MAX_TRIALS}` });
  if (!(Number.isInteger(seed) && seed >= 0 && seed <= 0xffffffff))
    errors.push({ path: 'seed', message: 'must be a whole number from 0 to 4294967295' });
  if (errors.length > 0) throw new InvalidInputError('the forecast options are invalid', errors);

  const calendar = workCalendar(input.calendar);
  const dateOf = options.undated === true ? undated : (day: number) => dateOfWorkingDay(calendar, day);
  const graph = buildForecastGraph(input);
  const { plan, rankOf, idOfRank, open } = graph;
  const trials = trialsFor(options.trials, open);
  const targetKey = options.target ?? null;
  let target = -1;
  if (targetKey !== null) {
    const id = plan.keys.indexOf(targetKey);
    if (id < 0)
      throw new InvalidInputError(`unknown target issue '${targetKey}'`, [
        { path: 'target', message: `unknown issue '${targetKey}'` },
      ]);
    target = rankOf[id]!;
  }
  const crew = crewFor(input.team, graph);
  const scheduler = new LevelledScheduler(graph, crew);
  const end = scheduler.run(graph.likely);
  const levelled = {
    finishDays: round(end),
    finishDate: dateOf(lastWorkingDay(end)),
    criticalChain: scheduler.chain().map((r) => plan.keys[idOfRank[r]!]!),
    schedule: levelledEntries(graph, scheduler, crew.people, dateOf),
  };
  const guess = Int32Array.from(scheduler.finish, wholeWorkingDays);
  // A finished target finishes at day 0 in every trial.
  const deterministic = targetKey === null ? end : target >= 0 ? scheduler.finish[target]! : 0;
  const onChain = new Uint8Array(open);
  for (const r of scheduler.chain(target >= 0 ? target : scheduler.last)) onChain[r] = 1;

  const mc = trials > 0 ? monteCarlo(graph, scheduler, { trials, seed, target, guess }) : null;
  if (mc !== null && targetKey !== null && target < 0) mc.finishes.fill(0);
  const at = (days: number): DayAndDate => ({
    days: round(days),
    date: dateOf(lastWorkingDay(days)),
  });
  const quantile = (share: number) => at(mc === null ? deterministic : quantileOfSorted(mc.finishes, share));

  const criticality: Record<string, number> = Object.create(null);
  const finishP85: Record<string, DayAndDate> = Object.create(null);
  for (let v = 0; v < plan.n; v++) {
    const r = rankOf[v]!;
    if (r < 0) continue;
    const key = plan.keys[v]!;
    criticality[key] = mc === null ? onChain[r]! : mc.critical[r]! / trials;
    // Whole working days (per-issue finishes are counted by day): the date is the last working day before.
    const days = mc === null ? guess[r]! : mc.finishDays.quantile(r, 0.85, trials);
    finishP85[key] = { days, date: dateOf(lastWorkingDay(days)) };
  }

  return {
    start: dateOf(0),
    team: crew.people,
    levelled,
    unlimited: at(graph.cpm.lengthDays),
    trials,
    seed,
    target: targetKey,
    quantiles: { p50: quantile(0.5), p85: quantile(0.85), p95: quantile(0.95) },
    histogram: mc === null ? [] : histogram(mc, dateOf),
    criticality,
    finishP85,
    assumptions: crew.assumptions,
  };
}

/** The forecast with some issues taken as done and another team; InvalidInputError naming unknown keys. */
export function computeForecastWhatIf(
  input: ForecastInput,
  whatIf: ForecastWhatIf,
  options: ForecastOptions = {},
): Forecast {
  const changed = takenAsDone(input, whatIf.done ?? []);
  return computeForecast({ ...changed, team: whatIf.team ?? input.team }, options);
}

/** A forecast job: its what-if's forecast, or the plain forecast when it has none. */
export function runForecastJob(job: ForecastJob): Forecast {
  return job.whatIf === undefined
    ? computeForecast(job.input, job.options)
    : computeForecastWhatIf(job.input, job.whatIf, job.options);
}

/**
 * How much work a job is, in issue-trials (the Monte Carlo's cost is about proportional): callers decide
 * by it whether a job is worth a worker thread.
 */
export function forecastJobWork(job: ForecastJob): number {
  const trials = job.options?.trials ?? DEFAULT_TRIALS;
  return Math.max(1, job.input.issues.length) * Math.max(1, trials);
}

/** The trials asked for, within MAX_ISSUE_TRIALS (InvalidInputError beyond); as many as fit when none. */
export function trialsFor(asked: number | undefined, open: number): number {
  const fit = Math.floor(MAX_ISSUE_TRIALS / Math.max(1, open));
  if (asked === undefined) return Math.min(DEFAULT_TRIALS, Math.max(MIN_TRIALS, fit));
  if (asked <= Math.max(MIN_TRIALS, fit)) return asked;
  const most = Math.max(MIN_TRIALS, fit);
  throw new InvalidInputError(`${asked} trials of ${open} open issues is too much work for one forecast`, [
    {
      path: 'trials',
      message: `at most ${most} trials for ${open} open issues (trials x open issues <= ${MAX_ISSUE_TRIALS})`,
    },
  ]);
}

/** Every open issue, by start, then lane (zero-length issues first), then key. */
function levelledEntries(
  graph: ForecastGraph,
  scheduler: LevelledScheduler,
  people: { name: string }[],
  dateOf: (day: number) => string,
): LevelledEntry[] {
  const { start, finish, person } = scheduler;
  const { plan, idOfRank } = graph;
  const ranks = Int32Array.from({ length: graph.open }, (_, r) => r).sort(
    (a, b) => start[a]! - start[b]! || person[a]! - person[b]! || idOfRank[a]! - idOfRank[b]!,
  );
  return Array.from(ranks, (r): LevelledEntry => {
    const s = start[r]!;
    const f = finish[r]!;
    return {
      key: plan.keys[idOfRank[r]!]!,
      person: person[r]! < 0 ? null : people[person[r]!]!.name,
      startDay: round(s),
      finishDay: round(f),
      start: dateOf(firstWorkingDay(s, f)),
      finish: dateOf(lastWorkingDay(f)),
    };
  });
}

/** At most HISTOGRAM_BINS bins of whole days over the trials' finishes. */
function histogram(mc: MonteCarlo, dateOf: (day: number) => string): HistogramBin[] {
  const { finishes } = mc;
  const low = Math.floor(finishes[0]!);
  const high = Math.ceil(finishes[finishes.length - 1]!);
  const width = Math.max(1, Math.ceil((high - low) / HISTOGRAM_BINS));
  const count = Math.max(1, Math.ceil((high - low) / width));
  const bins: HistogramBin[] = [];
  let i = 0;
  for (let b = 0; b < count; b++) {
    const fromDays = low + b * width;
    const toDays = b === count - 1 ? Math.max(high, fromDays) : fromDays + width;
    let n = 0;
    while (i < finishes.length && finishes[i]! <= toDays) {
      i++;
      n++;
    }
    bins.push({ fromDays, toDays, date: dateOf(lastWorkingDay(toDays)), count: n });
  }
  return bins;
}

/** The date of an undated forecast's working day (ForecastOptions.undated): none. */
function undated(): string {
  return '';
}

/** Six decimals, as the plan rounds: hides binary noise without hiding any estimate a person would write. */
function round(x: number): number {
  return Math.round(x * 1e6) / 1e6;
}
