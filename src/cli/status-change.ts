// Moving an issue to another status for `start`, `done` and `reopen`: read it, check the move makes sense,
// write it only while the issue is still as read (If-Match), and report a concurrent change plainly; and
// what finishing an issue frees.
import { ConflictError, DomainError } from '../domain/errors.js';
import { unblockedByFinishing } from '../domain/plan/newly-unblocked.js';
import type { Backend, Issue } from './backend/backend.js';

type Status = Issue['status'];

export interface StatusChange {
  before: Issue;
  /** The issue after the write; the same object as `before` when it already had the status. */
  after: Issue;
  changed: boolean;
}

/**
 * Moves `key` to `to`. `refuse(issue)` may veto the move with a message (the issue as read); the write
 * carries the issue's ETag as read, so a change made by someone else in between is refused, not overwritten.
 */
export async function changeStatus(
  backend: Backend,
  project: string,
  key: string,
  to: Status,
  refuse: (issue: Issue) => Promise<string | null> = async () => null,
): Promise<StatusChange> {
  const before = await backend.issue(project, key);
  if (before.status === to) return { before, after: before, changed: false };
  const reason = await refuse(before);
  if (reason !== null) throw new ConflictError(reason);
  try {
    const after = await backend.updateIssue(project, key, { status: to }, before);
    return { before, after, changed: true };
  } catch (error) {
    if (error instanceof DomainError && error.status === 412) {
      throw new ConflictError(`${key} changed while this command ran (another writer): look again and retry`);
    }
    throw error;
  }
}

/** The blocked issues that `key` alone still holds, each ready once it is finished (the domain's rule). */
export function freedBy(key: string, issues: readonly Issue[]): string[] {
  const dependencies = issues.flatMap((i) => i.blockedBy.map((blockedBy) => ({ issue: i.key, blockedBy })));
  return unblockedByFinishing({ issues, dependencies }, key);
}
