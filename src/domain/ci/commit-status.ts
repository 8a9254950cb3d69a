// The commit status for a sha (GitHub's "Create a commit status" body), from the latest check run of
// that sha. GitHub statuses have no `neutral`: a neutral check (nothing to verify) is a success whose
// description says so.
import { checkContext } from './check-run.js';
import { truncate } from './truncate.js';
import type { CheckConclusion, CommitState, CommitStatus } from './types.js';

/** GitHub refuses longer descriptions. */
export const DESCRIPTION_LIMIT = 140;

const STATE: Record<CheckConclusion, CommitState> = {
  success: 'success',
  failure: 'failure',
  neutral: 'success',
};

/** What the status is made from: the latest check run of the sha, or its absence or unreadability. */
export type StatusSource =
  | { kind: 'none' }
  | { kind: 'unreadable'; targetUrl: string | null }
  | { kind: 'check-run'; conclusion: CheckConclusion; title: string; targetUrl: string | null };

export function commitStatus(project: string, source: StatusSource): CommitStatus {
  const context = checkContext(project);
  switch (source.kind) {
    case 'none':
      return {
        state: 'pending',
        description: 'No isoplan check run for this commit yet',
        context,
        target_url: null,
      };
    case 'unreadable':
      return {
        state: 'error',
        description: 'The check run for this commit could not be read',
        context,
        target_url: source.targetUrl,
      };
    case 'check-run': {
      const prefix = source.conclusion === 'neutral' ? 'Neutral: ' : '';
      return {
        state: STATE[source.conclusion],
        description: truncate(`${prefix}${source.title}`.replace(/\s+/g, ' ').trim(), DESCRIPTION_LIMIT),
        context,
        target_url: source.targetUrl,
      };
    }
  }
}
