// CI checks over a change ("a pull request marks these issues done"), shared by the API
// (POST /v1/projects/:project/checks, GET …/checks/:id, GET …/status) and `isoplan check`. (A CI check
// is the verdict on a change; the simulator checks it runs are the issues' own `checks`.)
//
// A CI check compares two validation runs from one read of the project (`validateChange`): `before`,
// its current state (the stored run when the project is unchanged), and `after`, the same computation
// with the marked issues taken as done (not stored). src/domain/ci turns them into a check-run
// document, which is stored; a commit status is read from the latest stored CI check run of a sha.
import { assessChange } from '../domain/ci/assess-change.js';
import { buildCheckRun } from '../domain/ci/check-run.js';
import { commitStatus } from '../domain/ci/commit-status.js';
import { distinctCommits, normalizeSha } from '../domain/ci/git-sha.js';
import { CHECK_CONCLUSIONS, type CheckRunDocument, type CommitStatus } from '../domain/ci/types.js';
import { InvalidInputError } from '../domain/errors.js';
import type { CiCheckRunStore, StoredCiCheckRun } from '../store/types.js';
import { LOCAL_CALLER, type ValidationCaller, type ValidationService } from './validation-service.js';

export interface CiCheckServiceDeps {
  validations: Pick<ValidationService, 'validateChange'>;
  ciCheckRuns: Pick<CiCheckRunStore, 'create' | 'get' | 'latestForSha' | 'shasNaming'>;
  /** Defaults to the system clock; tests pin it. */
  now?: () => Date;
  /** Told how long each computed CI check took (the service's metrics). */
  onComputed?: (seconds: number) => void;
}

export interface CiCheckRequest {
  /** Keys the change marks done. */
  done: string[];
  /** The commit the change is at (7 to 40 hex digits, checked by the caller). */
  sha: string;
}

/** Where a CI check run can be read (`GET /v1/projects/:project/checks/:id`), or null when unknown (the CLI). */
export type CiCheckRunUrl = ((project: string, id: string) => string) | null;

/** The API path of a stored CI check run. */
export function ciCheckRunPath(project: string, id: string): string {
  return `/v1/projects/${encodeURIComponent(project)}/checks/${encodeURIComponent(id)}`;
}

/** Absolute URLs of CI check runs under the service at `origin` (`https://isoplan.example.org`). */
export function ciCheckRunUrls(origin: string): CiCheckRunUrl {
  return (project, id) => origin + ciCheckRunPath(project, id);
}

export interface CiCheckService {
  /** Computes the CI check over the change and stores it. InvalidInputError naming unknown keys (`done[i]`). */
  run(
    project: string,
    request: CiCheckRequest,
    url?: CiCheckRunUrl,
    caller?: ValidationCaller,
  ): Promise<CheckRunDocument>;
  get(project: string, id: string, url?: CiCheckRunUrl): Promise<CheckRunDocument>;
  /**
   * The commit status of the sha from its latest CI check run: `pending` when there is none. An
   * abbreviated sha finds the runs of the one commit it begins; InvalidInputError (`sha`) when it begins
   * the shas of several commits that have runs.
   */
  status(project: string, sha: string, url?: CiCheckRunUrl): Promise<CommitStatus>;
}

function isCheckRunResult(
  value: unknown,
): value is Omit<CheckRunDocument, 'id' | 'details_url' | 'requestedBy'> {
  const v = value as Partial<CheckRunDocument> | null;
  return (
    typeof v === 'object' &&
    v !== null &&
    typeof v.output?.title === 'string' &&
    (CHECK_CONCLUSIONS as readonly unknown[]).includes(v.conclusion) &&
    typeof v.report === 'object'
  );
}

export function createCiCheckService(deps: CiCheckServiceDeps): CiCheckService {
  const now = deps.now ?? (() => new Date());

  function toDocument(
    project: string,
    row: StoredCiCheckRun,
    url: CiCheckRunUrl | undefined,
  ): CheckRunDocument {
    if (!isCheckRunResult(row.result)) {
      throw new Error(`check run ${row.id} of project ${project} has an unreadable result`);
    }
    const r = row.result;
    // GitHub's fields in GitHub's order, then isoplan's.
    return {
      id: row.id,
      name: r.name,
      head_sha: r.head_sha,
      status: r.status,
      conclusion: r.conclusion,
      started_at: r.started_at,
      completed_at: r.completed_at,
      details_url: url ? url(project, row.id) : null,
      output: r.output,
      project: r.project,
      done: r.done,
      report: r.report,
      requestedBy: row.requestedBy,
    };
  }

  return {
    async run(project, request, url, caller = LOCAL_CALLER) {
      const started = performance.now();
      const startedAt = now().toISOString();
      const { issues, before, after } = await deps.validations.validateChange(project, request.done, caller);
      const done = [...new Set(request.done)];
      const assessment = assessChange({
        project,
        done,
        before,
        after,
        titles: new Map(issues.map((i) => [i.key, i.title])),
      });
      const sha = normalizeSha(request.sha);
      const document = buildCheckRun(assessment, {
        id: '',
        sha,
        startedAt,
        completedAt: now().toISOString(),
        detailsUrl: null,
        requestedBy: caller.requester,
      });
      // The requester is the row's (as the id is), not the stored result's.
      const { id: _id, details_url: _url, requestedBy, ...result } = document;
      const row = await deps.ciCheckRuns.create(project, {
        sha,
        done,
        conclusion: document.conclusion,
        result,
        requestedBy,
      });
      deps.onComputed?.((performance.now() - started) / 1000);
      return toDocument(project, row, url);
    },

    async get(project, id, url) {
      return toDocument(project, await deps.ciCheckRuns.get(project, id), url);
    },

    async status(project, sha, url) {
      const named = normalizeSha(sha);
      const commits = distinctCommits(await deps.ciCheckRuns.shasNaming(project, named));
      if (commits.length > 1) {
        throw new InvalidInputError(
          `sha '${sha}' is ambiguous: it begins the shas of ${commits.length} commits with CI check runs (${commits.join(', ')}); give more of its digits`,
          [
            {
              path: 'sha',
              message: `is ambiguous: ${commits.length} commits with CI check runs begin with it`,
            },
          ],
          { candidates: commits },
        );
      }
      const row = await deps.ciCheckRuns.latestForSha(project, named);
      if (row === null) return commitStatus(project, { kind: 'none' });
      const targetUrl = url ? url(project, row.id) : null;
      if (!isCheckRunResult(row.result)) return commitStatus(project, { kind: 'unreadable', targetUrl });
      return commitStatus(project, {
        kind: 'check-run',
        conclusion: row.result.conclusion,
        title: row.result.output.title,
        targetUrl,
      });
    },
  };
}
