/**
 * Ready ranking
 * =============
 *
 * The ready issues in the order to start them, each with the reasons for its place:
 *
 *   1. by priority, p0 first, issues without one last (a lead's word outranks the graph);
 *   2. least slack first (critical-path issues, slack 0, lead): slipping them delays the finish;
 *   3. then the most work downstream of it: the estimates of the blocked issues that wait on it,
 *      through any chain (it is among their root blockers), summed;
 *   4. then the most issues it unblocks (the blocked issues whose only open blocker it is: they
 *      become ready the moment it is done);
 *   5. then the most open issues downstream of it;
 *   6. then by key.
 *
 * This is the one home of the rule: the API serves it in the plan (`readyRanking`), the forecast's
 * "what's next" adds each issue's criticality to its reasons, and clients show it as is.
 *
 * Everything is counted on ids in typed arrays, from the root blocker runs the ready set already
 * computed: no key is looked up or compared (ids follow key order), and no object is made. The
 * ranked issues and their reasons in words are rendered by the plan document (rankedReadyIssue,
 * reasonsOf) and, in the same words (REASON_WORDS), by its JSON text (ready-reasons-json.ts).
 *
 * Complexity: O(R log R + V + sum over blocked issues of |rootBlockers|), i.e. linear in the plan's
 * ready and blocked sets, which are already computed; O(V) memory.
 */

import { ISSUE_PRIORITIES } from '../model.js';
import { roundDays, type Schedule, slackOf } from './critical-path.js';
import { NO_PRIORITY, type PlanGraph } from './plan-graph.js';
import type { RootBlockers } from './ready-set.js';
import type { IssuePriority, RankedReadyIssue } from './types.js';

export interface ReadyRanking {
  /** The ready issues' ids, first to start first. */
  ids: Int32Array;
  /** By id, for ready issues: slack in days (rounded as the schedule shows it). */
  slackDays: Float64Array;
  /** By id, for ready issues: how many blocked issues wait on it through any chain. */
  downstream: Int32Array;
  /** By id, for ready issues: their estimates summed (rounded). */
  downstreamDays: Float64Array;
  /** unblocks[unblocksStart[v] .. unblocksStart[v+1]): the blocked issues whose only open blocker is v, ascending. */
  unblocksStart: Int32Array;
  unblocks: Int32Array;
}

export function rankReady(
  g: PlanGraph,
  level: Int32Array,
  roots: RootBlockers,
  schedule: Schedule,
): ReadyRanking {
  const { n, duration, priority } = g;
  const { start, end, pool, onlyBlocker } = roots;
  const downstream = new Int32Array(n);
  const downstreamDays = new Float64Array(n);
  const unblocksStart = new Int32Array(n + 1);
  // Blocked issues in id (key) order, so that each sum adds the same estimates in the same order
  // whatever the graph's shape. An only open blocker is ready exactly when the issue is in wave 1 (its
  // wave is that blocker's plus one): its own level says so, no read of the blocker's (a random read
  // per blocked issue: ranking new/old 0.75-0.85 at 100k on the four shapes, 0.76-0.90 at 10k, CPU).
  let readyCount = 0;
  for (let v = 0; v < n; v++) {
    const lv = level[v]!;
    if (lv === 0) readyCount++;
    if (lv <= 0) continue;
    const only = onlyBlocker[v]!;
    if (only >= 0 && lv === 1) unblocksStart[only + 1]!++;
    const days = duration[v]!;
    for (let r = start[v]!; r < end[v]!; r++) {
      const root = pool[r]!;
      downstream[root]!++;
      downstreamDays[root]! += days;
    }
  }
  for (let v = 0; v < n; v++) unblocksStart[v + 1]! += unblocksStart[v]!;
  const unblocks = new Int32Array(unblocksStart[n]!);
  const fill = unblocksStart.slice(0, n);
  for (let v = 0; v < n; v++) {
    if (level[v] !== 1) continue;
    const only = onlyBlocker[v]!;
    if (only >= 0) unblocks[fill[only]!++] = v;
  }

  const slackDays = new Float64Array(n);
  const ids = new Int32Array(readyCount);
  for (let v = 0, i = 0; v < n; v++) {
    if (level[v] !== 0) continue;
    ids[i++] = v;
    slackDays[v] = slackOf(schedule, v);
    downstreamDays[v] = roundDays(downstreamDays[v]!);
  }
  const ranked = sortReady(ids, { priority, slackDays, downstreamDays, unblocksStart, downstream });
  return { ids: ranked, slackDays, downstream, downstreamDays, unblocksStart, unblocks };
}

/** What the rule compares, by id. */
interface RankFigures {
  priority: Uint8Array;
  slackDays: Float64Array;
  downstreamDays: Float64Array;
  unblocksStart: Int32Array;
  downstream: Int32Array;
}

/** Negative when ready issue `a` comes before `b`: the rule of the banner, criterion by criterion. */
function compareReady(f: RankFigures, a: number, b: number): number {
  return (
    f.priority[a]! - f.priority[b]! ||
    f.slackDays[a]! - f.slackDays[b]! ||
    f.downstreamDays[b]! - f.downstreamDays[a]! ||
    f.unblocksStart[b + 1]! - f.unblocksStart[b]! - (f.unblocksStart[a + 1]! - f.unblocksStart[a]!) ||
    f.downstream[b]! - f.downstream[a]! ||
    a - b
  );
}

const RUN = 16;

/**
 * The ids sorted by compareReady (a total order: ties end at the id). A merge sort written out, runs of
 * RUN by insertion, so that the comparison is compiled into the loops: the typed array's own sort calls
 * a comparator function for each comparison, which took about half of the ranking (12k ready issues:
 * 4.7 of 13 ms). Answers `ids` or a new array.
 */
function sortReady(ids: Int32Array, f: RankFigures): Int32Array {
  const n = ids.length;
  for (let lo = 0; lo < n; lo += RUN) {
    const hi = Math.min(lo + RUN, n);
    for (let i = lo + 1; i < hi; i++) {
      const x = ids[i]!;
      let j = i;
      while (j > lo && compareReady(f, ids[j - 1]!, x) > 0) {
        ids[j] = ids[j - 1]!;
        j--;
      }
      ids[j] = x;
    }
  }
  let from: Int32Array = ids;
  let to: Int32Array = new Int32Array(n);
  for (let width = RUN; width < n; width *= 2) {
    for (let lo = 0; lo < n; lo += 2 * width) {
      const mid = Math.min(lo + width, n);
      const hi = Math.min(lo + 2 * width, n);
      let i = lo;
      let j = mid;
      let o = lo;
      while (i < mid && j < hi) to[o++] = compareReady(f, from[j]!, from[i]!) < 0 ? from[j++]! : from[i++]!;
      while (i < mid) to[o++] = from[i++]!;
      while (j < hi) to[o++] = from[j++]!;
    }
    const swap = from;
    from = to;
    to = swap;
  }
  return from;
}

/** The ready issue `v` as the plan lists it in `readyRanking`. */
export function rankedReadyIssue(g: PlanGraph, ranking: ReadyRanking, v: number): RankedReadyIssue {
  const { keys } = g;
  const { unblocksStart, unblocks } = ranking;
  const unblocked = new Array<string>(unblocksStart[v + 1]! - unblocksStart[v]!);
  for (let k = unblocksStart[v]!, j = 0; k < unblocksStart[v + 1]!; k++, j++)
    unblocked[j] = keys[unblocks[k]!]!;
  const priority = priorityOf(g, v);
  const slackDays = ranking.slackDays[v]!;
  const downstream = ranking.downstream[v]!;
  const downstreamDays = ranking.downstreamDays[v]!;
  const reasons = reasonsOf(priority, slackDays, unblocked.length, downstream, downstreamDays);
  return {
    key: keys[v]!,
    priority,
    slackDays,
    unblocks: unblocked,
    downstream,
    downstreamDays,
    reasons,
    reason: reasons.join(REASON_WORDS.separator),
  };
}

export function priorityOf(g: PlanGraph, v: number): IssuePriority | null {
  const code = g.priority[v]!;
  return code === NO_PRIORITY ? null : ISSUE_PRIORITIES[code]!;
}

/**
 * The reasons' words, in one home: reasonsOf makes them strings, ready-reasons-json.ts writes them as JSON
 * bytes from the same figures (a property test holds the two renderings to each other).
 */
export const REASON_WORDS = {
  critical: 'critical path (no slack)',
  slack: 'slack ',
  unblocks: 'unblocks ',
  openIssueWaits: ' open issue waits on it (',
  openIssuesWait: ' open issues wait on it (',
  close: ')',
  nothingWaits: 'nothing waits on it',
  day: ' day',
  days: ' days',
  separator: ' · ',
} as const;

/** The reasons, in words: ["p1", "critical path (no slack)", "unblocks 2", "7 open issues wait on it (12 days)"]. */
export function reasonsOf(
  priority: IssuePriority | null,
  slackDays: number,
  unblocks: number,
  downstream: number,
  downstreamDays: number,
): string[] {
  const W = REASON_WORDS;
  const parts: string[] = priority === null ? [] : [priority];
  parts.push(slackDays === 0 ? W.critical : W.slack + days(slackDays));
  if (unblocks > 0) parts.push(W.unblocks + unblocks);
  if (downstream > 0)
    parts.push(
      downstream + (downstream === 1 ? W.openIssueWaits : W.openIssuesWait) + days(downstreamDays) + W.close,
    );
  else parts.push(W.nothingWaits);
  return parts;
}

function days(n: number): string {
  const rounded = Math.round(n * 10) / 10;
  return rounded + (rounded === 1 ? REASON_WORDS.day : REASON_WORDS.days);
}
