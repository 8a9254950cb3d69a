// The GitHub REST client isoplan uses: octokit (`@octokit/rest`) with the throttling and retry plugins,
// authenticated by a token, by a GitHub App (its installation looked up per repository), or not at all
// (public repositories, 60 requests an hour). Every call goes to GITHUB_API_URL.
//
// Rate limits: the throttling plugin waits out primary and secondary rate limits and retries, up to
// `maxRetries` times and only when the wait is at most `maxWaitSeconds` (a request waiting an hour helps
// nobody); otherwise the call fails with GithubRateLimitedError (503, Retry-After). The retry plugin
// retries 5xx answers, and requests GitHub does not answer within `timeoutMs` (Node's fetch would wait
// 300 s for the headers, with no bound on the body: one hung call held a sync, and every webhook delivery
// queued behind it, that long or forever); then the call fails with GithubUnavailableError (502). The
// credentials are held by octokit's auth strategies and never logged: the
// client's log gets method and route only.
import { createAppAuth } from '@octokit/auth-app';
import { retry } from '@octokit/plugin-retry';
import { type ThrottlingOptions, throttling } from '@octokit/plugin-throttling';
import { Octokit } from '@octokit/rest';
import { DEFAULT_GITHUB_API_URL, type GithubConfig } from '../../config.js';
import type { GithubCheckRunCreate, GithubCheckRunOutput } from '../../domain/ci/github-check-run.js';
import type { CommitStatus } from '../../domain/ci/types.js';
import type { GithubIssue } from '../../domain/github/github-issue.js';
import { formatIssueRef } from '../../domain/github/repository.js';
import { askGithub, GithubNotFoundError } from './github-errors.js';
import { type RestIssue, toGithubIssue } from './rest-issue.js';

export type GithubCredentials =
  | { kind: 'token'; token: string }
  | { kind: 'app'; appId: number; privateKey: string }
  | { kind: 'none' };

export interface GithubClientOptions {
  apiUrl?: string;
  credentials: GithubCredentials;
  /** Where the client says it waited or gave up. Method and route only: never a header. */
  log?: { warn(message: string): void };
  /** Longest rate-limit wait worth waiting, in seconds (default 60). */
  maxWaitSeconds?: number;
  /** Retries after a rate limit (default 3). */
  maxRetries?: number;
  /** Passed to the plugins as is: tests shorten the waits (retryAfterBaseValue) and the write spacing. */
  throttle?: Partial<ThrottlingOptions>;
  retry?: { retryAfterBaseValue?: number; retries?: number };
  /** How long an installation's permissions are trusted before they are looked up again (default 10 min). */
  installationTtlMs?: number;
  /** How long one request may wait for GitHub's whole answer, in ms (default GITHUB_TIMEOUT_MS). */
  timeoutMs?: number;
}

/** GitHub ends its own requests after 10 s; twice that, and the request is taken as lost. */
const GITHUB_TIMEOUT_MS = 20_000;

const NULL_BODY_STATUSES = new Set([101, 103, 204, 205, 304]);

/**
 * fetch, given up after `ms` (headers and body). The error names the wait: octokit turns it into a
 * RequestError without a response, which the retry plugin retries as it does a 5xx.
 */
function fetchWithin(ms: number): typeof fetch {
  return async (input, init) => {
    const timeout = AbortSignal.timeout(ms);
    const signal = init?.signal ? AbortSignal.any([init.signal, timeout]) : timeout;
    try {
      const response = await fetch(input, { ...init, signal });
      // Read the body within the same time: a body that stalls is a request that is not answered.
      const body = NULL_BODY_STATUSES.has(response.status) ? null : await response.arrayBuffer();
      const { status, statusText, headers } = response;
      const read = new Response(body, { status, statusText, headers });
      Object.defineProperty(read, 'url', { value: response.url });
      return read;
    } catch (error) {
      if (timeout.aborted) throw new Error(`no answer within ${ms / 1000} s`);
      throw error;
    }
  };
}

/** One repository's side of GitHub, as isoplan uses it. */
export interface GithubRepositoryClient {
  /** `OWNER/REPO`. */
  readonly repository: string;
  /** True for a GitHub App installation with `checks: write`; a token posts commit statuses instead. */
  readonly canCreateCheckRuns: boolean;
  getIssue(number: number): Promise<GithubIssue>;
  /** Every page of the issue's sub-issues. */
  listSubIssues(number: number): Promise<GithubIssue[]>;
  /** Every page of the issues the issue is blocked by (open and closed). */
  listBlockedBy(number: number): Promise<GithubIssue[]>;
  /** The issue's parent, or null when it has none. */
  getParent(number: number): Promise<GithubIssue | null>;
  /** The text of a file at a commit, or null when there is no such file. */
  readFile(path: string, ref: string): Promise<string | null>;
  createCheckRun(body: GithubCheckRunCreate): Promise<{ id: number }>;
  updateCheckRun(id: number, body: { output: GithubCheckRunOutput }): Promise<void>;
  createCommitStatus(sha: string, status: CommitStatus): Promise<void>;
}

export interface GithubClient {
  readonly apiUrl: string;
  readonly credentials: GithubCredentials['kind'];
  /**
   * The client for a repository. With an App, its installation there; where the App is not installed,
   * the installation of `via` when given (it can read public repositories), else GithubNotFoundError.
   */
  repository(repository: string, via?: string): Promise<GithubRepositoryClient>;
}

const Client = Octokit.plugin(throttling, retry);
type ClientInstance = InstanceType<typeof Client>;

const PER_PAGE = 100;

function split(repository: string): { owner: string; repo: string } {
  const [owner, repo] = repository.split('/') as [string, string];
  return { owner, repo };
}

function repositoryClient(
  octokit: ClientInstance,
  repository: string,
  canCreateCheckRuns: boolean,
): GithubRepositoryClient {
  const { owner, repo } = split(repository);
  const issueRef = (number: number) => formatIssueRef({ repository, number });
  const issues = (list: RestIssue[]) => list.map((raw) => toGithubIssue(raw, repository));
  return {
    repository,
    canCreateCheckRuns,
    getIssue: (number) =>
      askGithub(`issue ${issueRef(number)}`, async () => {
        const { data } = await octokit.rest.issues.get({ owner, repo, issue_number: number });
        return toGithubIssue(data as RestIssue, repository);
      }),
    listSubIssues: (number) =>
      askGithub(`the sub-issues of ${issueRef(number)}`, async () =>
        issues(
          (await octokit.paginate(octokit.rest.issues.listSubIssues, {
            owner,
            repo,
            issue_number: number,
            per_page: PER_PAGE,
          })) as RestIssue[],
        ),
      ),
    listBlockedBy: (number) =>
      askGithub(`the blockers of ${issueRef(number)}`, async () =>
        issues(
          (await octokit.paginate(octokit.rest.issues.listDependenciesBlockedBy, {
            owner,
            repo,
            issue_number: number,
            per_page: PER_PAGE,
          })) as RestIssue[],
        ),
      ),
    getParent: async (number) => {
      try {
        return await askGithub(`the parent of ${issueRef(number)}`, async () => {
          const { data } = await octokit.rest.issues.getParent({ owner, repo, issue_number: number });
          return toGithubIssue(data as RestIssue, repository);
        });
      } catch (error) {
        if (error instanceof GithubNotFoundError) return null; // GitHub's answer for "no parent"
        throw error;
      }
    },
    readFile: async (path, ref) => {
      try {
        return await askGithub(`${path} in ${repository} at ${ref}`, async () => {
          const { data } = await octokit.rest.repos.getContent({ owner, repo, path, ref });
          if (Array.isArray(data) || data.type !== 'file') return null;
          const file = data as { content?: string; encoding?: string };
          if (file.encoding === 'base64' && typeof file.content === 'string') {
            return Buffer.from(file.content, 'base64').toString('utf8');
          }
          // Files over 1 MB come without content: ask for the raw bytes.
          const raw = await octokit.rest.repos.getContent({
            owner,
            repo,
            path,
            ref,
            mediaType: { format: 'raw' },
          });
          return String(raw.data);
        });
      } catch (error) {
        if (error instanceof GithubNotFoundError) return null;
        throw error;
      }
    },
    createCheckRun: (body) =>
      askGithub(`a check run on ${repository}@${body.head_sha}`, async () => {
        const { data } = await octokit.rest.checks.create({ owner, repo, ...body });
        return { id: Number(data.id) };
      }),
    updateCheckRun: (id, body) =>
      askGithub(`check run ${id} on ${repository}`, async () => {
        await octokit.rest.checks.update({ owner, repo, check_run_id: id, ...body });
      }),
    createCommitStatus: (sha, status) =>
      askGithub(`a commit status on ${repository}@${sha}`, async () => {
        await octokit.rest.repos.createCommitStatus({
          owner,
          repo,
          sha,
          state: status.state,
          description: status.description,
          context: status.context,
          ...(status.target_url === null ? {} : { target_url: status.target_url }),
        });
      }),
  };
}

export function createGithubClient(options: GithubClientOptions): GithubClient {
  const apiUrl = (options.apiUrl ?? DEFAULT_GITHUB_API_URL).replace(/\/+$/, '');
  const maxWait = options.maxWaitSeconds ?? 60;
  const maxRetries = options.maxRetries ?? 3;
  const warn = (message: string) => options.log?.warn(message);
  const waitOrGiveUp =
    (kind: string) =>
    (
      retryAfter: number,
      request: { method?: string; url?: string },
      _octokit: unknown,
      retryCount: number,
    ) => {
      const what = `${request.method ?? 'GET'} ${request.url ?? ''}`;
      if (retryCount < maxRetries && retryAfter <= maxWait) {
        warn(`GitHub ${kind} rate limit on ${what}: retrying in ${retryAfter} s`);
        return true;
      }
      warn(
        `GitHub ${kind} rate limit on ${what}: giving up (${retryCount} retries, ${retryAfter} s to wait)`,
      );
      return false;
    };
  const common = {
    baseUrl: apiUrl,
    userAgent: 'isoplan',
    request: { fetch: fetchWithin(options.timeoutMs ?? GITHUB_TIMEOUT_MS) },
    // octokit's request log (`GET … - 403 …`) is dropped: a failed call throws its own problem.
    log: { debug: () => {}, info: () => {}, warn, error: () => {} },
    throttle: {
      onRateLimit: waitOrGiveUp('primary'),
      onSecondaryRateLimit: waitOrGiveUp('secondary'),
      ...options.throttle,
    } as ThrottlingOptions,
    retry: options.retry ?? {},
  };
  const { credentials } = options;

  if (credentials.kind !== 'app') {
    const octokit = new Client({
      ...common,
      ...(credentials.kind === 'token' ? { auth: credentials.token } : {}),
    });
    return {
      apiUrl,
      credentials: credentials.kind,
      repository: async (repository) => repositoryClient(octokit, repository, false),
    };
  }

  // A GitHub App: a JWT-authenticated client finds each repository's installation; one client per
  // installation holds (and renews) its installation token.
  const auth = { appId: credentials.appId, privateKey: credentials.privateKey };
  const app = new Client({ ...common, authStrategy: createAppAuth, auth });
  const ttl = options.installationTtlMs ?? 10 * 60_000;
  const installations = new Map<string, { id: number; checks: boolean; at: number } | null>();
  const clients = new Map<number, ClientInstance>();
  const installationOf = async (repository: string) => {
    const cached = installations.get(repository.toLowerCase());
    if (cached !== undefined && (cached === null || Date.now() - cached.at < ttl)) return cached;
    let found: { id: number; checks: boolean; at: number } | null;
    try {
      found = await askGithub(`the GitHub App's installation on ${repository}`, async () => {
        const { data } = await app.rest.apps.getRepoInstallation(split(repository));
        return { id: data.id, checks: data.permissions?.checks === 'write', at: Date.now() };
      });
    } catch (error) {
      if (!(error instanceof GithubNotFoundError)) throw error;
      found = null;
    }
    installations.set(repository.toLowerCase(), found);
    return found;
  };
  const clientOf = (installationId: number) => {
    let client = clients.get(installationId);
    if (client === undefined) {
      client = new Client({ ...common, authStrategy: createAppAuth, auth: { ...auth, installationId } });
      clients.set(installationId, client);
    }
    return client;
  };
  return {
    apiUrl,
    credentials: 'app',
    async repository(repository, via) {
      const installation =
        (await installationOf(repository)) ?? (via === undefined ? null : await installationOf(via));
      if (installation === null) {
        throw new GithubNotFoundError(`installation of the GitHub App on ${repository}`, 'not installed');
      }
      return repositoryClient(clientOf(installation.id), repository, installation.checks);
    },
  };
}

/** The client the configuration describes (GITHUB_API_URL, the App or the token). */
export function githubClientFromConfig(config: GithubConfig, log?: GithubClientOptions['log']): GithubClient {
  return createGithubClient({ apiUrl: config.apiUrl, credentials: config.credentials, log });
}
