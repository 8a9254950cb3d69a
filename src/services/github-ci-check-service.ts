// Posting a CI check run (src/services/ci-check-service.ts) to GitHub: as a check run
// (POST /repos/{owner}/{repo}/check-runs, the annotations beyond 50 by PATCH, each on the project
// document when the repository has it at that commit) where the credentials may create check runs (a
// GitHub App installation with `checks: write`); else as a commit status (a token, or an installation
// without that permission). Used by the pull-request webhook and by `isoplan check --post`, which also
// tries a check run with a token (GitHub Actions' GITHUB_TOKEN may create one) and posts the commit status
// when GitHub refuses it.
import { githubCheckRunRequests, githubCommitStatus } from '../domain/ci/github-check-run.js';
import type { CheckRunDocument } from '../domain/ci/types.js';
import type { GithubClient, GithubRepositoryClient } from '../integrations/github/github-client.js';
import { GithubForbiddenError } from '../integrations/github/github-errors.js';

/** The name of the check run (and the commit status's context) on GitHub. */
export const GITHUB_CHECK_NAME = 'isoplan';

export interface GithubCiTarget {
  /** `OWNER/REPO` the commit belongs to. */
  repository: string;
  /** The check run's name (the status's context); default GITHUB_CHECK_NAME. */
  name?: string;
  /** The project document's path in the repository, which annotations point at; null: none. */
  document: string | null;
  /** Where the commit status links to; default the run's details_url. */
  targetUrl?: string | null;
  /**
   * Try a check run even where the credentials are not known to allow one (a token: GitHub Actions'
   * GITHUB_TOKEN with `checks: write` may create check runs, a personal token may not); when GitHub refuses
   * to create it (403), the commit status is posted instead.
   */
  tryCheckRun?: boolean;
}

export type GithubCiPosted =
  | { kind: 'check-run'; id: number; annotations: number; requests: number }
  | { kind: 'commit-status'; state: string };

export interface GithubCiCheckService {
  post(run: CheckRunDocument, target: GithubCiTarget): Promise<GithubCiPosted>;
}

export function createGithubCiCheckService(deps: { github: GithubClient }): GithubCiCheckService {
  async function postStatus(
    client: GithubRepositoryClient,
    run: CheckRunDocument,
    name: string,
    target: GithubCiTarget,
  ): Promise<GithubCiPosted> {
    const status = githubCommitStatus(run, name, target.targetUrl ?? run.details_url);
    await client.createCommitStatus(run.head_sha, status);
    return { kind: 'commit-status', state: status.state };
  }

  return {
    async post(run, target) {
      const name = target.name ?? GITHUB_CHECK_NAME;
      const client = await deps.github.repository(target.repository);
      if (!client.canCreateCheckRuns && target.tryCheckRun !== true)
        return postStatus(client, run, name, target);
      const text = target.document === null ? null : await client.readFile(target.document, run.head_sha);
      const tracked = text === null || target.document === null ? null : { path: target.document, text };
      const { create, updates } = githubCheckRunRequests(run, name, tracked);
      let id: number;
      try {
        ({ id } = await client.createCheckRun(create));
      } catch (error) {
        // Refused before anything was posted: the credentials may not create check runs here.
        const refused = error instanceof GithubForbiddenError && error.githubStatus === 403;
        if (client.canCreateCheckRuns || !refused) throw error;
        return postStatus(client, run, name, target);
      }
      // In order: GitHub adds each request's annotations to the run's.
      for (const update of updates) await client.updateCheckRun(id, update);
      const annotations = [create, ...updates].reduce((n, r) => n + r.output.annotations.length, 0);
      return { kind: 'check-run', id, annotations, requests: 1 + updates.length };
    },
  };
}
