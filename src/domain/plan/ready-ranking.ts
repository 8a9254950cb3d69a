/**
 * Ready ranking
 * =============
 *
 * The ready issues in the order to start them, each with the reason for its place:
 *
 *   1. least slack first (critical-path issues, slack 0, lead): slipping them delays the finish;
 *   2. then the most issues it unblocks (the blocked issues whose only open blocker it is: they
 *      become ready the moment it is done);
 *   3. then the most open issues downstream of it (the blocked issues that wait on it, through any
 *      chain: it is among their root blockers);
 *   4. then by key.
 *
 * This is the one home of the rule: the API serves it in the plan (`readyRanking`) and clients show
 * it as is. A later forecast may extend it (e.g. with each issue's criticality index).
 *
 * Complexity: O(R log R + sum over blocked issues of |rootBlockers|), i.e. linear in the plan's
 * ready and blocked sets, which are already computed.
 */

import type { BlockedIssue, RankedReadyIssue, ScheduleEntry } from './types.js';

export interface ReadyRankingInput {
  ready: readonly string[];
  blocked: readonly BlockedIssue[];
  schedule: Readonly<Record<string, ScheduleEntry>>;
}

export function rankReady({ ready, blocked, schedule }: ReadyRankingInput): RankedReadyIssue[] {
  const unblocks = new Map<string, string[]>();
  const downstream = new Map<string, number>();
  for (const key of ready) {
    unblocks.set(key, []);
    downstream.set(key, 0);
  }
  for (const b of blocked) {
    if (b.blockedBy.length === 1) unblocks.get(b.blockedBy[0]!)?.push(b.key);
    for (const root of b.rootBlockers) {
      const count = downstream.get(root);
      if (count !== undefined) downstream.set(root, count + 1);
    }
  }
  const ranked = ready.map((key) => ({
    key,
    slackDays: schedule[key]?.slack ?? 0,
    unblocks: unblocks.get(key)!,
    downstream: downstream.get(key)!,
    reason: '',
  }));
  ranked.sort(
    (a, b) =>
      a.slackDays - b.slackDays ||
      b.unblocks.length - a.unblocks.length ||
      b.downstream - a.downstream ||
      (a.key < b.key ? -1 : a.key > b.key ? 1 : 0),
  );
  for (const r of ranked) r.reason = reasonOf(r);
  return ranked;
}

/** The reason, in words: "critical path (no slack) · unblocks 2 · 7 open issues wait on it". */
function reasonOf(r: RankedReadyIssue): string {
  const parts = [r.slackDays === 0 ? 'critical path (no slack)' : `slack ${days(r.slackDays)}`];
  if (r.unblocks.length > 0) parts.push(`unblocks ${r.unblocks.length}`);
  if (r.downstream > 0)
    parts.push(`${r.downstream} open ${r.downstream === 1 ? 'issue waits' : 'issues wait'} on it`);
  else parts.push('nothing waits on it');
  return parts.join(' · ');
}

function days(n: number): string {
  const rounded = Math.round(n * 10) / 10;
  return `${rounded} ${rounded === 1 ? 'day' : 'days'}`;
}
