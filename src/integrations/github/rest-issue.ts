// An issue as GitHub's REST API and webhooks send it (the "issue" schema), read into the plain fields the
// sync uses (src/domain/github/github-issue.ts). The repository comes from `repository_url`
// (`…/repos/OWNER/REPO`, on github.com and on GitHub Enterprise Server alike).
import type { GithubIssue, GithubStateReason } from '../../domain/github/github-issue.js';

/** What is read of GitHub's issue schema: REST responses and webhook payloads both have these fields. */
export interface RestIssue {
  id: number | bigint;
  number: number;
  title: string;
  body?: string | null;
  html_url: string;
  repository_url: string;
  state?: string;
  state_reason?: string | null;
  labels?: ReadonlyArray<string | { name?: string | null }> | null;
  assignees?: ReadonlyArray<{ login: string } | null> | null;
  assignee?: { login: string } | null;
}

const REASONS: ReadonlySet<string> = new Set<GithubStateReason>([
  'completed',
  'not_planned',
  'duplicate',
  'reopened',
]);

/** `https://api.github.com/repos/python/cpython` -> `python/cpython`; null when it does not end so. */
export function repositoryOfApiUrl(url: string): string | null {
  const match = /\/repos\/([^/]+)\/([^/]+)\/?$/.exec(url);
  return match === null ? null : `${decodeURIComponent(match[1]!)}/${decodeURIComponent(match[2]!)}`;
}

export function toGithubIssue(raw: RestIssue, fallbackRepository?: string): GithubIssue {
  const repository = repositoryOfApiUrl(raw.repository_url) ?? fallbackRepository;
  if (repository === undefined)
    throw new Error(`issue ${raw.id} names no repository (${raw.repository_url})`);
  const logins = (raw.assignees ?? []).flatMap((a) => (a === null ? [] : [a.login]));
  if (logins.length === 0 && raw.assignee) logins.push(raw.assignee.login);
  return {
    id: Number(raw.id),
    repository,
    number: raw.number,
    title: raw.title,
    body: raw.body ?? '',
    url: raw.html_url,
    state: raw.state === 'closed' ? 'closed' : 'open',
    stateReason:
      raw.state_reason != null && REASONS.has(raw.state_reason)
        ? (raw.state_reason as GithubStateReason)
        : null,
    labels: (raw.labels ?? []).flatMap((l) => {
      const name = typeof l === 'string' ? l : l.name;
      return name ? [name] : [];
    }),
    assignees: logins,
  };
}
