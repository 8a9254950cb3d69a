// Webhook deliveries for the tests, as GitHub sends them: `issues` events are the real examples of
// @octokit/webhooks-examples (typed by @octokit/webhooks-types), retargeted at an issue of the fake GitHub;
// `sub_issues` and `issue_dependencies`, which have no examples there, are typed by
// @octokit/openapi-webhooks-types. `signed` adds the X-Hub-Signature-256 GitHub computes.
import { createHmac } from 'node:crypto';
import { createRequire } from 'node:module';
import type { components } from '@octokit/openapi-webhooks-types';
import type { WebhookDefinition } from '@octokit/webhooks-examples';
import type {
  IssuesEvent,
  LabelEvent,
  PullRequestEditedEvent,
  PullRequestEvent,
  Repository,
} from '@octokit/webhooks-types';
import type { RestIssue } from './fake-github.js';

type Schemas = components['schemas'];
export type SubIssuesEvent =
  | Schemas['webhook-sub-issues-sub-issue-added']
  | Schemas['webhook-sub-issues-sub-issue-removed'];
export type IssueDependenciesEvent =
  | Schemas['webhook-issue-dependencies-blocked-by-added']
  | Schemas['webhook-issue-dependencies-blocked-by-removed'];

const definitions = createRequire(import.meta.url)('@octokit/webhooks-examples') as WebhookDefinition[];
const issuesExamples = definitions.find((d) => d.name === 'issues')!.examples as IssuesEvent[];
const labelExamples = definitions.find((d) => d.name === 'label')!.examples as LabelEvent[];
const pullRequestExamples = definitions.find((d) => d.name === 'pull_request')!
  .examples as PullRequestEvent[];

/** A real example's repository, renamed to `fullName`. */
function repositoryNamed(fullName: string): Repository {
  const example = issuesExamples[0]!.repository;
  const [owner, name] = fullName.split('/') as [string, string];
  return {
    ...example,
    name,
    full_name: fullName,
    owner: { ...example.owner, login: owner },
    html_url: `https://github.com/${fullName}`,
    url: `https://api.github.com/repos/${fullName}`,
  };
}

/**
 * The real example of `issues.<action>` about the fake's `issue` in `repository`. GitHub's examples have
 * no `closed`: the `reopened` one stands in for it, with the action and the issue's state of a close.
 */
export function issuesEvent(
  action: 'closed' | 'edited' | 'deleted' | 'transferred' | 'assigned' | 'reopened',
  issue: RestIssue,
  repository: string,
  extra: { newIssue?: RestIssue; newRepository?: string } = {},
): IssuesEvent {
  const example = issuesExamples.find((e) => e.action === (action === 'closed' ? 'reopened' : action));
  if (example === undefined) throw new Error(`@octokit/webhooks-examples has no issues.${action}`);
  const retargeted = {
    ...example,
    action,
    issue: { ...example.issue, ...issue },
    repository: repositoryNamed(repository),
  } as IssuesEvent;
  if (retargeted.action === 'transferred' && extra.newIssue !== undefined) {
    retargeted.changes = {
      new_issue: {
        ...retargeted.changes.new_issue,
        ...extra.newIssue,
      } as typeof retargeted.changes.new_issue,
      new_repository: repositoryNamed(extra.newRepository ?? repository),
    };
  }
  return retargeted;
}

/**
 * The real example of `pull_request.<action>` in `repository`, its body `body`, its head at `sha`, into the
 * repository's default branch (or `base`).
 */
export function pullRequestEvent(
  action: 'opened' | 'synchronize' | 'reopened',
  repository: string,
  { body, sha, base }: { body: string; sha: string; base?: string },
): PullRequestEvent {
  const example = pullRequestExamples.find((e) => e.action === action);
  if (example === undefined) throw new Error(`@octokit/webhooks-examples has no pull_request.${action}`);
  const repo = repositoryNamed(repository);
  const pr = example.pull_request;
  return {
    ...example,
    repository: repo,
    pull_request: {
      ...pr,
      body,
      head: { ...pr.head, sha },
      base: { ...pr.base, ref: base ?? repo.default_branch, repo },
    },
  } as PullRequestEvent;
}

/**
 * `pull_request.edited` as GitHub sends it (the examples have none: the `opened` one stands in), with the
 * pull request as it is now and `changes` holding what its body or base branch were before.
 */
export function pullRequestEditedEvent(
  repository: string,
  now: { body: string; sha: string; base?: string },
  changes: PullRequestEditedEvent['changes'],
): PullRequestEditedEvent {
  return {
    ...pullRequestEvent('opened', repository, now),
    action: 'edited',
    changes,
  } as PullRequestEditedEvent;
}

/**
 * The real example of `label.<action>` in `repository`: a label renamed from `from` to `name` (edited), or
 * `name` deleted.
 */
export function labelEvent(
  action: 'edited' | 'deleted',
  repository: string,
  { name, from }: { name: string; from?: string },
): LabelEvent {
  const example = labelExamples.find((e) => e.action === action);
  if (example === undefined) throw new Error(`@octokit/webhooks-examples has no label.${action}`);
  const retargeted = {
    ...example,
    label: { ...example.label, name },
    repository: repositoryNamed(repository),
  } as LabelEvent;
  if (retargeted.action === 'edited') retargeted.changes = from === undefined ? {} : { name: { from } };
  return retargeted;
}

function webhookRepository(fullName: string): Schemas['repository'] {
  return repositoryNamed(fullName) as unknown as Schemas['repository'];
}

export function subIssuesEvent(
  action: SubIssuesEvent['action'],
  child: RestIssue,
  parent: RestIssue,
  repository: string,
): SubIssuesEvent {
  return {
    action,
    sub_issue_id: Number(child.id),
    sub_issue: child as Schemas['issue'],
    sub_issue_repo: webhookRepository(repositoryOf(child)),
    parent_issue_id: Number(parent.id),
    parent_issue: parent as Schemas['issue'],
    repository: webhookRepository(repository) as unknown as Schemas['repository-webhooks'],
    sender: issuesExamples[0]!.sender as unknown as Schemas['simple-user'],
  };
}

export function issueDependenciesEvent(
  action: IssueDependenciesEvent['action'],
  blocked: RestIssue,
  blocking: RestIssue,
  repository: string,
): IssueDependenciesEvent {
  const example = issuesExamples[0]!;
  return {
    action,
    blocked_issue_id: Number(blocked.id),
    blocked_issue: blocked as Schemas['issue'],
    blocking_issue_id: Number(blocking.id),
    blocking_issue: blocking as Schemas['issue'],
    blocking_issue_repo: webhookRepository(repositoryOf(blocking)),
    organization: {
      login: 'python',
      id: 1525981,
      node_id: 'MDEyOk9yZ2FuaXphdGlvbjE1MjU5ODE=',
      url: 'https://api.github.com/orgs/python',
      repos_url: 'https://api.github.com/orgs/python/repos',
      events_url: 'https://api.github.com/orgs/python/events',
      hooks_url: 'https://api.github.com/orgs/python/hooks',
      issues_url: 'https://api.github.com/orgs/python/issues',
      members_url: 'https://api.github.com/orgs/python/members{/member}',
      public_members_url: 'https://api.github.com/orgs/python/public_members{/member}',
      avatar_url: 'https://avatars.githubusercontent.com/u/1525981?v=4',
      description: null,
    },
    repository: webhookRepository(repository) as unknown as Schemas['repository-webhooks'],
    sender: example.sender as unknown as Schemas['simple-user'],
  };
}

function repositoryOf(issue: RestIssue): string {
  return issue.repository_url.replace(/^.*\/repos\//, '');
}

/** The X-Hub-Signature-256 of `body` with `secret`, as GitHub computes it. */
export function signatureOf(body: string, secret: string): string {
  return `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;
}
