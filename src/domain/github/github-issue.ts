// A GitHub issue as the sync needs it, and the rules that turn it into a project's issue: its key, its
// status (GitHub's state, state reason, assignees and an `in progress` label), its estimate (a label
// `estimate: Nd`), its assignee (the first assignee's login), and its text fields clipped to what a
// project document holds.

import { truncate } from '../ci/truncate.js';
import { MAX_ESTIMATE_DAYS } from '../estimate-range.js';
import type { DocumentIssue, IssueStatus } from '../model.js';
import { githubIssueKey } from './issue-key.js';
import type { IssueRef } from './repository.js';

/** GitHub's reasons for an issue's state (REST `state_reason`). */
export type GithubStateReason = 'completed' | 'not_planned' | 'duplicate' | 'reopened';

/** The fields of a GitHub issue (REST "issue" schema) that a project keeps, as plain data. */
export interface GithubIssue extends IssueRef {
  /** GitHub's numeric id: it stays when its repository is renamed; a transfer to another repository gives a new one. */
  id: number;
  title: string;
  body: string;
  /** `html_url`. */
  url: string;
  state: 'open' | 'closed';
  stateReason: GithubStateReason | null;
  /** Label names, in GitHub's order. */
  labels: string[];
  /** Assignees' logins. */
  assignees: string[];
}

/** What a project takes from GitHub for an issue: every document field but claims, checks and parent. */
export type GithubIssueFields = Omit<DocumentIssue, 'claims' | 'checks' | 'parent'> & { githubId: number };

// The project document's limits (src/domain/project-document.ts): GitHub's own are lower, but a
// GitHub-compatible server may send more, and one long title must not refuse a whole sync.
const TITLE_LIMIT = 500;
const BODY_LIMIT = 100_000;
const LABEL_LIMIT = 100;
const LABELS_PER_ISSUE = 100;
const ASSIGNEE_LIMIT = 100;

const IN_PROGRESS_LABEL = 'in progress';

/** `In Progress`, `in-progress` and `in_progress` are the same label here. */
function labelWords(label: string): string {
  return label
    .trim()
    .toLowerCase()
    .replace(/[\s_-]+/g, ' ');
}

/**
 * open -> `open`, or `in_progress` when someone is assigned or it has a label `in progress`; closed as
 * not planned or as a duplicate -> `wont_do`; closed otherwise (completed, or no reason: older issues)
 * -> `done`.
 */
export function githubIssueStatus(
  issue: Pick<GithubIssue, 'state' | 'stateReason' | 'assignees' | 'labels'>,
): IssueStatus {
  if (issue.state === 'closed') {
    return issue.stateReason === 'not_planned' || issue.stateReason === 'duplicate' ? 'wont_do' : 'done';
  }
  const started = issue.assignees.length > 0 || issue.labels.some((l) => labelWords(l) === IN_PROGRESS_LABEL);
  return started ? 'in_progress' : 'open';
}

const ESTIMATE_LABEL = /^estimate\s*:\s*(\d{1,4}(?:\.\d+)?)\s*d?$/i;

/**
 * The estimate in days from the first label `estimate: Nd` (or `estimate:N`, `Estimate: 2.5d`), or null
 * when there is none: the project's default applies, listed among the plan's assumptions.
 */
export function estimateFromLabels(labels: readonly string[]): number | null {
  for (const label of labels) {
    const match = ESTIMATE_LABEL.exec(label.trim());
    if (match === null) continue;
    const days = Number(match[1]);
    if (days <= MAX_ESTIMATE_DAYS) return days;
  }
  return null;
}

/** The first assignee's login (GitHub lists the issue's assignees in its own order), or null. */
export function assigneeFromGithub(assignees: readonly string[]): string | null {
  const login = assignees.map((a) => a.trim()).find((a) => a !== '');
  return login === undefined ? null : truncate(login, ASSIGNEE_LIMIT);
}

/** The project's view of a GitHub issue in a project whose meta issue lives in `home`. */
export function githubIssueFields(home: string, issue: GithubIssue): GithubIssueFields {
  const labels = [
    ...new Set(issue.labels.map((l) => truncate(l.trim(), LABEL_LIMIT)).filter((l) => l !== '')),
  ];
  const title = truncate(issue.title.trim(), TITLE_LIMIT);
  return {
    key: githubIssueKey(home, issue),
    githubId: issue.id,
    // GitHub requires a title; a server that sends a blank one still gets a readable issue.
    title: title === '' ? `${issue.repository}#${issue.number}` : title,
    body: truncate(issue.body, BODY_LIMIT),
    status: githubIssueStatus(issue),
    estimateDays: estimateFromLabels(issue.labels),
    assignee: assigneeFromGithub(issue.assignees),
    url: issue.url,
    labels: labels.slice(0, LABELS_PER_ISSUE),
  };
}
