// The meta issue's repository renamed on GitHub, as a webhook's change to a linked project shows it.
// GitHub keeps an issue's id when its repository is renamed (a transferred issue gets a new one), so an
// issue the project holds under a key of its home (`gh-N`) that GitHub now names, under that same id, in
// another repository is in the home under its new name. The project then follows the rename as it follows
// its meta issue moved (a sync at the link's address, which GitHub answers from the new name: relinked,
// its keys unchanged), instead of each delivery renaming the issue it names to `OWNER:REPO:gh-N`. O(V).
import type { ProjectDocument } from '../model.js';
import type { GithubState } from './github-state.js';
import { issueRefOfKey } from './issue-key.js';
import { sameRepository } from './repository.js';

/** The home's new name (`OWNER/REPO`) when `state` shows the home of `current` renamed; else null. */
export function renamedHome(current: ProjectDocument, state: GithubState): string | null {
  for (const issue of current.issues) {
    if (issue.githubId === undefined) continue;
    const was = issueRefOfKey(state.home, issue.key);
    if (was === null || !sameRepository(was.repository, state.home)) continue;
    const fields = state.issues.get(issue.githubId);
    const now = fields === undefined ? null : issueRefOfKey(state.home, fields.key);
    if (now !== null && !sameRepository(now.repository, state.home)) return now.repository;
  }
  return null;
}
