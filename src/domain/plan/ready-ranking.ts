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
 * Complexity: O(R log R + sum over blocked issues of |rootBlockers|), i.e. linear in the plan's
 * ready and blocked sets, which are already computed.
 */

import type { BlockedIssue, IssuePriority, RankedReadyIssue, ScheduleEntry } from './types.js';

export interface ReadyRankingInput {
  ready: readonly string[];
  blocked: readonly BlockedIssue[];
  schedule: Readonly<Record<string, ScheduleEntry>>;
  /** readyPriority[i]: the priority of ready[i] (absent: none has one). */
  readyPriority?: ArrayLike<IssuePriority | null>;
  /** blockedEstimateDays[i]: the estimate of blocked[i] (absent: downstream days count 0). */
  blockedEstimateDays?: ArrayLike<number>;
}

export function rankReady(input: ReadyRankingInput): RankedReadyIssue[] {
  const { ready, blocked, schedule, readyPriority, blockedEstimateDays } = input;
  const at = new Map<string, number>();
  for (let i = 0; i < ready.length; i++) at.set(ready[i]!, i);
  const unblocks = ready.map((): string[] => []);
  const downstream = new Int32Array(ready.length);
  const downstreamDays = new Float64Array(ready.length);
  blocked.forEach((b, j) => {
    if (b.blockedBy.length === 1) {
      const i = at.get(b.blockedBy[0]!);
      if (i !== undefined) unblocks[i]!.push(b.key);
    }
    const days = blockedEstimateDays?.[j] ?? 0;
    for (const root of b.rootBlockers) {
      const i = at.get(root);
      if (i === undefined) continue;
      downstream[i]!++;
      downstreamDays[i]! += days;
    }
  });
  const ranked = ready.map(
    (key, i): RankedReadyIssue => ({
      key,
      priority: readyPriority?.[i] ?? null,
      slackDays: schedule[key]?.slack ?? 0,
      unblocks: unblocks[i]!,
      downstream: downstream[i]!,
      downstreamDays: Math.round(downstreamDays[i]! * 1e6) / 1e6,
      reasons: [],
      reason: '',
    }),
  );
  ranked.sort(
    (a, b) =>
      priorityOrder(a.priority) - priorityOrder(b.priority) ||
      a.slackDays - b.slackDays ||
      b.downstreamDays - a.downstreamDays ||
      b.unblocks.length - a.unblocks.length ||
      b.downstream - a.downstream ||
      (a.key < b.key ? -1 : a.key > b.key ? 1 : 0),
  );
  for (const r of ranked) {
    r.reasons = reasonsOf(r);
    r.reason = r.reasons.join(' · ');
  }
  return ranked;
}

/** p0 = 0 … p3 = 3, none = 4. */
function priorityOrder(priority: IssuePriority | null): number {
  return priority === null ? 4 : Number(priority[1]);
}

/** The reasons, in words: ["p1", "critical path (no slack)", "unblocks 2", "7 open issues wait on it (12 days)"]. */
function reasonsOf(r: RankedReadyIssue): string[] {
  const parts: string[] = r.priority === null ? [] : [r.priority];
  parts.push(r.slackDays === 0 ? 'critical path (no slack)' : `slack ${days(r.slackDays)}`);
  if (r.unblocks.length > 0) parts.push(`unblocks ${r.unblocks.length}`);
  if (r.downstream > 0)
    parts.push(
      `${r.downstream} open ${r.downstream === 1 ? 'issue waits' : 'issues wait'} on it (${days(r.downstreamDays)})`,
    );
  else parts.push('nothing waits on it');
  return parts;
}

function days(n: number): string {
  const rounded = Math.round(n * 10) / 10;
  return `${rounded} ${rounded === 1 ? 'day' : 'days'}`;
}
