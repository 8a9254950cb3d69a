// A builder of GitHub issues as the sync sees them (src/domain/github/github-issue.ts), for the domain's
// GitHub tests: every field filled in, so that a test names only what it is about.
import type { GithubIssue } from '../../../src/domain/github/github-issue.js';

export const HOME = 'python/cpython';

export function githubIssue(number: number, fields: Partial<GithubIssue> = {}): GithubIssue {
  const repository = fields.repository ?? HOME;
  return {
    id: 1000 + number,
    repository,
    number,
    title: `Issue ${number}`,
    body: '',
    url: `https://github.com/${repository}/issues/${number}`,
    state: 'open',
    stateReason: null,
    labels: [],
    assignees: [],
    ...fields,
  };
}
