/**
 * Monte Carlo forecast
 * ====================
 *
 * `trials` runs of the levelled scheduler, each on durations drawn for every
 * ranged open issue from its PERT distribution (pert.ts), with a seeded
 * generator (seeded-random.ts): the same seed gives the same trials, bit for
 * bit. Per trial it keeps
 * - the finish of the target issue, or the end of the whole work;
 * - the critical chain of that trial (following the scheduler's drivers back
 *   from the target, or from the issue that finished last): each issue on it
 *   counts one, so an issue's criticality index is the share of trials whose
 *   own chain runs through it, not a chain of mean durations;
 * - each open issue's finish rounded up to a whole working day, counted in
 *   day histograms from which its quantile finish is read (to the day).
 *
 * Everything is allocated once per forecast (the scheduler, the sampler's
 * tables, the durations, the counters); a trial allocates nothing.
 *
 * Complexity: O(trials × (V + E) log V) time; memory O(trials + V × W) for W
 * the widest spread of an issue's finish in days.
 *
 * Reference: D. Vose, "Risk Analysis", 3rd ed., 2008, ch. 7 (Monte Carlo
 * simulation); J. J. Moder, C. R. Phillips, E. W. Davis, "Project Management
 * with CPM, PERT and Precedence Diagramming", 3rd ed., 1983, ch. 10
 * (criticality index by simulation).
 */

import { DayHistograms } from './day-histograms.js';
import type { ForecastGraph } from './forecast-graph.js';
import type { LevelledScheduler } from './levelled-schedule.js';
import { drawDurations, pertSampler } from './pert.js';
import { SeededRandom } from './seeded-random.js';

export interface MonteCarloOptions {
  trials: number;
  seed: number;
  /** Rank of the issue whose finish is forecast; -1 for the end of the work. */
  target: number;
  /** Per rank, a whole day near which its finish is expected (the levelled schedule's), to size the histograms. */
  guess: Int32Array;
}

export interface MonteCarlo {
  trials: number;
  /** The target's finish (or the end) in each trial, in working days, ascending. */
  finishes: Float64Array;
  /** Per rank: in how many trials it was on the critical chain. */
  critical: Int32Array;
  /** Per rank: its finish rounded up to a whole working day (wholeWorkingDays), over the trials. */
  finishDays: DayHistograms;
}

export function monteCarlo(
  graph: ForecastGraph,
  scheduler: LevelledScheduler,
  options: MonteCarloOptions,
): MonteCarlo {
  const { trials, target } = options;
  const { open } = graph;
  const sampler = pertSampler(graph.low, graph.likely, graph.high);
  const random = new SeededRandom(options.seed);
  const durations = Float64Array.from(graph.likely);
  const finishes = new Float64Array(trials);
  const critical = new Int32Array(open);
  const finishDays = new DayHistograms(open, options.guess);
  const { finish, driver } = scheduler;
  for (let trial = 0; trial < trials; trial++) {
    drawDurations(sampler, random, durations);
    const end = scheduler.run(durations);
    const stop = target >= 0 ? target : scheduler.last;
    finishes[trial] = target >= 0 ? finish[target]! : end;
    for (let v = stop; v >= 0; v = driver[v]!) critical[v]!++;
    finishDays.addFinishes(finish);
  }
  finishes.sort();
  return { trials, finishes, critical, finishDays };
}

/** The nearest-rank quantile of ascending values: the smallest value with at least `share` of them ≤ it. */
export function quantileOfSorted(sorted: Float64Array, share: number): number {
  const rank = Math.max(1, Math.ceil(share * sorted.length - 1e-9));
  return sorted[rank - 1]!;
}
