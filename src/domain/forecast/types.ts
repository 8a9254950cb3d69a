// The forecast: what it takes and what it returns. The API serves `Forecast` as is (its zod schema
// mirrors these types), so every field here is part of the public contract.

import type { Person, TeamSetting } from '../model.js';
import type { DependencyEdge, PlanIssue } from '../plan/types.js';
import type { CalendarSettings } from './calendar.js';
import type { ProjectHistory } from './history.js';

/** What the forecast needs of an issue: the planner's fields (priority included), the range, the assignee. */
export interface ForecastIssue extends PlanIssue {
  /** Fewest days it may take (≤ estimateDays); null or absent: no spread below the estimate. */
  estimateLowDays?: number | null;
  /** Most days it may take (≥ estimateDays); null or absent: no spread above the estimate. */
  estimateHighDays?: number | null;
  /** The name of the person who will do it; null or absent: anyone. */
  assignee?: string | null;
}

export type { Person, TeamSetting } from '../model.js';

export interface ForecastInput {
  issues: ForecastIssue[];
  /** Blocked-by edges between keys of `issues`; the graph must be acyclic. */
  edges: DependencyEdge[];
  defaultEstimateDays?: number;
  /** Absent or null: DEFAULT_TEAM, said in the assumptions. */
  team?: TeamSetting | null;
  /** Day 0 is the first working day on or after `calendar.start`. */
  calendar: CalendarSettings;
}

export interface ForecastOptions {
  /** Monte Carlo trials; 0 gives the levelled schedule alone. Default DEFAULT_TRIALS. */
  trials?: number;
  /** Same seed, same answer. Default DEFAULT_SEED. */
  seed?: number;
  /** Forecast this issue's finish instead of the project's end. */
  target?: string | null;
  /**
   * Every date left empty (''), the working days kept: for a caller that reads no date (what's next reads
   * the criticality), so that work running past LAST_DATE (a BeyondCalendarError when dated) is answered.
   */
  undated?: boolean;
}

/** "If these land and we add one person, when?": issues taken as done, another team. */
export interface ForecastWhatIf {
  done?: string[];
  team?: TeamSetting;
}

/**
 * One forecast to compute, as plain data (the worker pool sends it to a worker thread): the input, and
 * the what-if to apply to it, if any.
 */
export interface ForecastJob {
  input: ForecastInput;
  whatIf?: ForecastWhatIf;
  options?: ForecastOptions;
}

export const DEFAULT_TRIALS = 10_000;
/** The team of a project that has none: one person. */
export const DEFAULT_TEAM = 1;
export const DEFAULT_SEED = 1;

/**
 * A point in time: working days from day 0 (an issue of estimate e that starts at day s finishes at day
 * s + e) and the date it falls on (the last working day before it).
 */
export interface DayAndDate {
  days: number;
  date: string;
}

/** One open issue in the levelled schedule. */
export interface LevelledEntry {
  key: string;
  /** The person who works on it; null for a zero-length issue, which takes no one's time. */
  person: string | null;
  startDay: number;
  finishDay: number;
  /** Date of its first working day. */
  start: string;
  /** Date of its last working day. */
  finish: string;
}

export interface LevelledSchedule {
  finishDays: number;
  finishDate: string;
  /** What sets the end, first to last: each waited for the previous one (a blocker, or its person). */
  criticalChain: string[];
  /** Every open issue, by start, then person, then key. */
  schedule: LevelledEntry[];
}

export interface HistogramBin {
  /** Finishes in (fromDays, toDays]; the first bin also holds fromDays itself. */
  fromDays: number;
  toDays: number;
  /** Date of the last working day of the bin. */
  date: string;
  count: number;
}

export type ForecastAssumption =
  /** A named team has no person of that name: any person may take the issue. */
  | { kind: 'unknown-assignee'; key: string; assignee: string }
  /** The team is a number of interchangeable people: assignees are not used. */
  | { kind: 'assignees-ignored'; keys: string[] }
  /** In-progress issues are counted at their whole estimate, and first. */
  | { kind: 'in-progress-whole'; keys: string[] }
  /** The project has no team: DEFAULT_TEAM people were assumed. */
  | { kind: 'default-team'; people: number };

export interface Forecast {
  /** Date of day 0. */
  start: string;
  /** The people of the schedule, lane order; capacity 1 each for a number of people. */
  team: Person[];
  /** The open issues' schedule with this team, on the most likely estimates. */
  levelled: LevelledSchedule;
  /** The end with unlimited people: the plan's critical path. */
  unlimited: DayAndDate;
  trials: number;
  seed: number;
  /** The issue whose finish the quantiles and histogram describe; null for the project's end. */
  target: string | null;
  /** Finish in 50, 85 and 95% of trials; with no trials, the levelled finish. */
  quantiles: { p50: DayAndDate; p85: DayAndDate; p95: DayAndDate };
  histogram: HistogramBin[];
  /** Per open issue: share of trials in which it is on the critical chain. */
  criticality: Record<string, number>;
  /**
   * Per open issue: its finish in 85% of trials, in the same unit as every DayAndDate but rounded up to a
   * whole working day (per-issue finishes are counted by day): `days` is the end of its last working day,
   * `date` that day.
   */
  finishP85: Record<string, DayAndDate>;
  assumptions: ForecastAssumption[];
}

/** What the API and the CLI answer: the forecast with the project's history beside it. */
export interface ForecastReport extends Forecast {
  history: ProjectHistory;
}
