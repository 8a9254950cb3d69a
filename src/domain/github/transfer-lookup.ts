// Which GitHub issues a sync reads at their old address to tell an issue transferred to another repository
// from one removed and another added. GitHub gives a transferred issue a new id and answers its old address
// with a 301 to the new one, so a transfer shows in the tree as an issue the project does not hold (a
// newcomer) while an issue it holds is missing. Only then is there anything to read: without a newcomer no
// transfer can explain a missing issue, and without a missing issue no newcomer is one the project held.
// O(V) over the project's issues and the tree's.
import type { ProjectDocument } from '../model.js';
import type { GithubState } from './github-state.js';
import { issueRefOfKey } from './issue-key.js';
import type { IssueRef } from './repository.js';

export interface TransferLookup {
  /** GitHub ids of the tree's issues the project does not hold. */
  newcomers: Set<number>;
  /** The GitHub issues the project holds that the tree lacks: the id it knew, and where it was then. */
  missing: Array<{ id: number; ref: IssueRef }>;
}

/** What to read for `state` (what GitHub holds now) against `current` (the project); null: nothing. */
export function transferLookup(current: ProjectDocument, state: GithubState): TransferLookup | null {
  const held = new Set(current.issues.flatMap((i) => (i.githubId === undefined ? [] : [i.githubId])));
  const newcomers = new Set([...state.issues.keys()].filter((id) => !held.has(id)));
  if (newcomers.size === 0) return null;
  // Keys name the repository of the link the project was synced with (the meta issue may have moved since).
  const home = current.project.github?.repository ?? state.home;
  const missing = current.issues.flatMap((i) => {
    if (i.githubId === undefined || state.issues.has(i.githubId)) return [];
    const ref = issueRefOfKey(home, i.key);
    return ref === null ? [] : [{ id: i.githubId, ref }];
  });
  return missing.length === 0 ? null : { newcomers, missing };
}
