/**
 * Newly unblocked
 * ===============
 *
 * The issues a change unblocked: unfinished issues that had at least one
 * unfinished blocker before the change and have none after it, because at
 * least one of those blockers was finished (done or wont_do) by the change.
 * An issue whose last blocking edge was removed is not "unblocked" in this
 * sense: nothing closed. GitHub sends no such event; isoplan announces it as
 * `issue.unblocked` on the project's event stream. What finishing one issue
 * frees (the CLI's `done` and `show`) is the same rule, between that issue
 * unfinished and done.
 *
 * Complexity: O(V + E) over both states.
 */

import type { DependencyEdge, IssueStatus } from '../model.js';
import { compareKeys } from './key-order.js';

export interface StatusSnapshot {
  issues: ReadonlyArray<{ key: string; status: IssueStatus }>;
  dependencies: readonly DependencyEdge[];
}

export interface UnblockedIssue {
  key: string;
  /** The blockers whose finishing unblocked it, in key order. */
  finishedBlockers: string[];
}

const finished = (status: IssueStatus | undefined) => status === 'done' || status === 'wont_do';

function openBlockers(state: StatusSnapshot): Map<string, string[]> {
  const status = new Map(state.issues.map((i) => [i.key, i.status]));
  const out = new Map<string, string[]>();
  for (const { issue, blockedBy } of state.dependencies) {
    if (finished(status.get(issue)) || !status.has(blockedBy) || finished(status.get(blockedBy))) continue;
    const list = out.get(issue);
    if (list === undefined) out.set(issue, [blockedBy]);
    else list.push(blockedBy);
  }
  return out;
}

export function newlyUnblocked(before: StatusSnapshot, after: StatusSnapshot): UnblockedIssue[] {
  const was = openBlockers(before);
  const now = openBlockers(after);
  const statusAfter = new Map(after.issues.map((i) => [i.key, i.status]));
  const out: UnblockedIssue[] = [];
  for (const [key, blockers] of was) {
    const status = statusAfter.get(key);
    if (status === undefined || finished(status) || now.has(key)) continue;
    const finishedBlockers = blockers.filter((b) => finished(statusAfter.get(b))).sort(compareKeys);
    if (finishedBlockers.length > 0) out.push({ key, finishedBlockers });
  }
  return out.sort((a, b) => compareKeys(a.key, b.key));
}

/**
 * The issues that finishing `key` unblocks (or unblocked): newlyUnblocked between `key` open and `key` done,
 * every other issue as in `state`. Its own status in `state` does not matter.
 */
export function unblockedByFinishing(state: StatusSnapshot, key: string): string[] {
  const withKey = (status: IssueStatus): StatusSnapshot => ({
    issues: state.issues.map((i) => (i.key === key ? { key, status } : i)),
    dependencies: state.dependencies,
  });
  return newlyUnblocked(withKey('open'), withKey('done')).map((u) => u.key);
}
