// GitHub's refusals as isoplan's problems: a missing issue, refused credentials, an exhausted rate limit,
// an unreachable API. Each names what was asked and GitHub's own message, never a credential (octokit
// redacts the authorization header in its errors; nothing of the request's headers is copied here).
import { RequestError } from '@octokit/request-error';
import { DomainError } from '../../domain/errors.js';

export class GithubError extends DomainError {}

/** 404 or 410 from GitHub: the issue (or repository) does not exist, or the credentials cannot see it. */
export class GithubNotFoundError extends GithubError {
  constructor(what: string, githubMessage: string) {
    super({
      type: 'github-not-found',
      title: 'Not found on GitHub',
      status: 404,
      detail: `GitHub has no ${what}, or the credentials cannot see it (GitHub said: ${githubMessage})`,
      extensions: { github: { what } },
    });
  }
}

/** 401, or a 403 that is not a rate limit: the credentials are wrong or lack a permission. */
export class GithubForbiddenError extends GithubError {
  constructor(
    what: string,
    /** 401: the credentials themselves; 403: what they may do. */
    readonly githubStatus: number,
    githubMessage: string,
  ) {
    super({
      type: 'github-forbidden',
      title: 'GitHub refused the credentials',
      status: 403,
      detail:
        githubStatus === 401
          ? `GitHub refused the credentials for ${what} (${githubMessage}): check GITHUB_TOKEN, or GITHUB_APP_ID and GITHUB_APP_PRIVATE_KEY`
          : `GitHub refused ${what} (${githubMessage}): the token or the App installation lacks a permission`,
      extensions: { github: { what, status: githubStatus } },
    });
  }
}

/** A rate limit that isoplan did not wait out (too long, or retried too often). */
export class GithubRateLimitedError extends GithubError {
  constructor(
    what: string,
    readonly retryAfterSeconds: number,
  ) {
    super({
      type: 'github-rate-limited',
      title: 'GitHub rate limit',
      status: 503,
      detail: `GitHub's rate limit stopped ${what}; try again in ${retryAfterSeconds} s`,
      extensions: { github: { what }, retryAfterSeconds },
    });
  }
}

/** GitHub answered 5xx, refused the request's content (422), or could not be reached (status null). */
export class GithubUnavailableError extends GithubError {
  constructor(what: string, githubStatus: number | null, githubMessage: string) {
    super({
      type: 'github-unavailable',
      title: 'GitHub did not answer as expected',
      status: 502,
      detail:
        githubStatus === null
          ? `GitHub did not answer ${what} (${githubMessage})`
          : `GitHub answered ${githubStatus} to ${what} (${githubMessage})`,
      extensions: { github: { what, status: githubStatus } },
    });
  }
}

/** GitHub's message without the documentation link it appends (`Not Found - https://docs…`). */
function githubMessage(error: RequestError): string {
  const data = error.response?.data as { message?: unknown } | undefined;
  const message = typeof data?.message === 'string' ? data.message : error.message;
  return message.replace(/\s+-\s+https?:\/\/\S+$/, '').slice(0, 300);
}

function header(error: RequestError, name: string): string | undefined {
  const value = error.response?.headers?.[name];
  return value === undefined ? undefined : String(value);
}

/** Seconds until a rate limit lifts, from Retry-After or X-RateLimit-Reset; null when it is no rate limit. */
export function rateLimitWait(error: RequestError, now: number = Date.now()): number | null {
  const limited =
    error.status === 429 ||
    (error.status === 403 &&
      (header(error, 'x-ratelimit-remaining') === '0' || /rate limit/i.test(githubMessage(error))));
  if (!limited) return null;
  const retryAfter = Number(header(error, 'retry-after'));
  if (Number.isFinite(retryAfter) && retryAfter >= 0) return Math.ceil(retryAfter);
  const reset = Number(header(error, 'x-ratelimit-reset'));
  if (Number.isFinite(reset) && reset > 0) return Math.max(0, Math.ceil(reset - now / 1000));
  return 60;
}

/** Runs a GitHub call; its RequestError comes out as one of the problems above. */
export async function askGithub<T>(what: string, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    throw githubProblem(what, error);
  }
}

export function githubProblem(what: string, error: unknown): unknown {
  if (!(error instanceof RequestError)) return error;
  const message = githubMessage(error);
  if (error.status === 404 || error.status === 410) return new GithubNotFoundError(what, message);
  const wait = rateLimitWait(error);
  if (wait !== null) return new GithubRateLimitedError(what, wait);
  if (error.status === 401 || error.status === 403)
    return new GithubForbiddenError(what, error.status, message);
  // No response: octokit's 500 stands for a request that got no answer (unreachable, or timed out).
  return new GithubUnavailableError(what, error.response === undefined ? null : error.status, message);
}

/** A webhook delivery whose X-Hub-Signature-256 is missing or wrong: refused, nothing applied. */
export class WebhookSignatureError extends DomainError {
  constructor(detail: string) {
    super({ type: 'webhook-signature', title: 'Webhook signature refused', status: 401, detail });
  }
}

/**
 * A signed delivery whose payload isoplan cannot read: not JSON, not a JSON object, a form without its
 * `payload` field, or without the object its event is about. Refused (400), nothing recorded or applied.
 */
export class WebhookPayloadError extends DomainError {
  constructor(detail: string) {
    super({ type: 'malformed-body', title: 'Malformed request body', status: 400, detail });
  }
}
