// A CI check run as GitHub takes it: the "Create a check run" body (POST /repos/{owner}/{repo}/check-runs)
// and the "Update a check run" bodies (PATCH …/check-runs/{id}) that carry the annotations beyond the first
// 50 (GitHub takes at most 50 per request and adds each request's to the run's), and the commit status
// posted where check runs cannot be. isoplan's own fields (id, project, done, report) stay behind.
//
// Annotations point at a file of the repository: the project document, on the line of the key
// (the goal's on the line of `"goal"`), when the project tracks one there at that commit. Otherwise they
// are left out (GitHub would show a path that does not exist), and the summary, which lists everything
// they would say, says so.

import { GOAL_PATH } from './check-run.js';
import { commitStatus } from './commit-status.js';
import { truncateBytes } from './truncate.js';
import type { CheckAnnotation, CheckConclusion, CheckRunDocument, CommitStatus } from './types.js';

/** GitHub's limits on a check run. */
export const ANNOTATIONS_PER_REQUEST = 50;
export const SUMMARY_BYTES = 65_535;
const MESSAGE_BYTES = 64 * 1024;

/** The project document in the repository at the checked commit: its path and text. */
export interface TrackedDocument {
  path: string;
  text: string;
}

export interface GithubCheckRunOutput {
  title: string;
  summary: string;
  annotations: CheckAnnotation[];
}

export interface GithubCheckRunCreate {
  name: string;
  head_sha: string;
  status: 'completed';
  conclusion: CheckConclusion;
  started_at: string;
  completed_at: string;
  details_url?: string;
  output: GithubCheckRunOutput;
}

export interface GithubCheckRunRequests {
  create: GithubCheckRunCreate;
  /** One PATCH body per further 50 annotations, in order. */
  updates: Array<{ output: GithubCheckRunOutput }>;
}

const KEY_LINE = /"key"\s*:\s*"((?:[^"\\]|\\.)*)"/;
const GOAL_LINE = /"goal"\s*:/;

/** The line (1-based) of each issue key in a project document's text, and of its goal. */
export function documentLines(text: string): Map<string, number> {
  const lines = new Map<string, number>();
  text.split(/\r?\n/).forEach((line, i) => {
    const key = KEY_LINE.exec(line)?.[1];
    if (key !== undefined && !lines.has(key)) lines.set(key, i + 1);
    else if (!lines.has(GOAL_PATH) && GOAL_LINE.test(line)) lines.set(GOAL_PATH, i + 1);
  });
  return lines;
}

function onDocument(annotations: CheckAnnotation[], document: TrackedDocument): CheckAnnotation[] {
  const lines = documentLines(document.text);
  return annotations.map((a) => {
    const line = lines.get(a.path) ?? 1;
    return {
      ...a,
      path: document.path,
      start_line: line,
      end_line: line,
      message: truncateBytes(a.message, MESSAGE_BYTES),
    };
  });
}

export function githubCheckRunRequests(
  run: CheckRunDocument,
  name: string,
  document: TrackedDocument | null,
): GithubCheckRunRequests {
  const annotations = document === null ? [] : onDocument(run.output.annotations, document);
  const leftOut =
    document === null && run.output.annotations.length > 0
      ? `\n\n_${run.output.annotations.length} annotation(s) left out: the project tracks no document in this repository at this commit._`
      : '';
  const output = (batch: CheckAnnotation[]): GithubCheckRunOutput => ({
    title: run.output.title,
    summary: truncateBytes(run.output.summary + leftOut, SUMMARY_BYTES),
    annotations: batch,
  });
  const batches: CheckAnnotation[][] = [];
  for (let i = 0; i < annotations.length; i += ANNOTATIONS_PER_REQUEST) {
    batches.push(annotations.slice(i, i + ANNOTATIONS_PER_REQUEST));
  }
  const create: GithubCheckRunCreate = {
    name,
    head_sha: run.head_sha,
    status: 'completed',
    conclusion: run.conclusion,
    started_at: run.started_at,
    completed_at: run.completed_at,
    ...(run.details_url === null ? {} : { details_url: run.details_url }),
    output: output(batches[0] ?? []),
  };
  return { create, updates: batches.slice(1).map((batch) => ({ output: output(batch) })) };
}

/** The commit status of a check run under `context`, pointing at `targetUrl` (GitHub's 140-character description). */
export function githubCommitStatus(
  run: CheckRunDocument,
  context: string,
  targetUrl: string | null,
): CommitStatus {
  const status = commitStatus(run.project, {
    kind: 'check-run',
    conclusion: run.conclusion,
    title: run.output.title,
    targetUrl,
  });
  return { ...status, context };
}
