// The typed client of the isoplan API, the only one: openapi-fetch over the request and response types that
// `npm run generate:api-types` generates from the OpenAPI document (src/contract/openapi.d.ts, which the
// dashboard's JSDoc reads too). A route or schema change that breaks the CLI fails `npm run typecheck`.
// Every request carries the bearer token and the actor when given; a problem+json answer becomes the
// DomainError it describes (so the CLI reports it exactly as it reports the same error from a database
// file), an unreachable service a ServiceUnreachableError naming the URL, and an answer that does not come
// within the longest the service may take a ServiceTimeoutError.
import createClient from 'openapi-fetch';
import type { components, paths } from '../../contract/openapi.js';
import { DomainError, InvalidInputError, type InvalidItem, PROBLEM_BASE } from '../../domain/errors.js';
import { DEFAULT_JOB_EXPIRE_SECONDS } from '../../store/job-wait.js';
import { isTlsFailure } from '../tls-failure.js';
import { answerWithinMs, duration } from './answer-window.js';
import { ConnectionLostError, httpFetch, UndefinedStatusError } from './http-fetch.js';

export type Schemas = components['schemas'];

export interface ApiClientOptions {
  /** The service's origin (and path prefix, if any), e.g. `http://127.0.0.1:8080`. */
  baseUrl: string;
  /** Sent as `Authorization: Bearer <token>`. */
  token?: string;
  /** Sent as `X-Actor`: the name the audit trail records for writes. */
  actor?: string;
  /** How long to wait for each answer, in ms (default: answerWithinMs of the service's defaults). */
  answerWithinMs?: number;
  /** For tests: the fetch to call (default: httpFetch, Node's http without undici's 300 s limit). */
  fetch?: typeof fetch;
}

/** The service could not be reached at all (refused, unknown host, reset): no HTTP answer to report. */
export class ServiceUnreachableError extends Error {
  override readonly name = 'ServiceUnreachableError';
  constructor(
    readonly baseUrl: string,
    reason: string,
  ) {
    super(`cannot reach the isoplan service at ${baseUrl}: ${reason}`);
  }
}

/**
 * The service was reached, then the connection closed before its whole answer came (it stopped or restarted
 * meanwhile, a proxy cut it): a failure to retry (exit 1), once the user has looked whether a change asked
 * for was made, since the service may have made it before it went away.
 */
export class ServiceConnectionLostError extends Error {
  override readonly name = 'ServiceConnectionLostError';
  constructor(
    readonly baseUrl: string,
    lost: ConnectionLostError,
  ) {
    super(
      `the isoplan service at ${baseUrl} was reached, but ${lost.message}: it may have stopped or restarted. ` +
        'A change asked for may or may not have been made: look before asking again',
    );
  }
}

/**
 * A success that is not the API's JSON: another server at that address, or a proxy's login page answered
 * in the service's place. Exit 1, as for any address that is no isoplan service.
 */
export class NotTheApiError extends Error {
  override readonly name = 'NotTheApiError';
  constructor(baseUrl: string, answer: { status: number; statusText: string; contentType: string | null }) {
    const type = answer.contentType?.split(';')[0] ?? 'no content type';
    super(
      `${baseUrl} answered ${`${answer.status} ${answer.statusText}`.trim()} with ${type}, not the ` +
        "JSON of isoplan's API: is --server (or ISOPLAN_SERVER) the address of an isoplan service, not of " +
        'a proxy or its login page?',
    );
  }
}

/** A 2xx answer as it came when its body is JSON (or empty); else NotTheApiError. Error answers go on. */
async function jsonAnswer(response: Response, baseUrl: string): Promise<Response> {
  if (!response.ok || response.body === null) return response;
  const text = await response.text();
  try {
    if (text !== '') JSON.parse(text);
  } catch {
    const { status, statusText } = response;
    throw new NotTheApiError(baseUrl, {
      status,
      statusText,
      contentType: response.headers.get('content-type'),
    });
  }
  const { status, statusText, headers } = response;
  return new Response(text, { status, statusText, headers });
}

/**
 * No answer within answerWithinMs: the service may still be working on the request (a write may yet be
 * done), or the network between dropped it. A failure to retry (exit 1).
 */
export class ServiceTimeoutError extends Error {
  override readonly name = 'ServiceTimeoutError';
  constructor(
    readonly baseUrl: string,
    readonly withinMs: number,
  ) {
    super(
      `the isoplan service at ${baseUrl} did not answer within ${duration(withinMs)}, the longest it may ` +
        'take (a validation or CI check waiting for a worker): it may still be at work on the request, or ' +
        'the network dropped it; try again. A service with a longer ISOPLAN_JOB_EXPIRE_SECONDS may take ' +
        'longer: set the same for isoplan',
    );
  }
}

/**
 * Node's codes of a certificate whose issuer is not trusted here: trusting the service's certificate
 * authority is the cure. An expired certificate, or one for another name, is not cured so.
 */
const UNTRUSTED_ISSUER = new Set([
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'CERT_UNTRUSTED',
]);

function reasonOf(error: unknown): string {
  const { code, cause, message } = error as {
    code?: string;
    cause?: { code?: string; message?: string };
    message: string;
  };
  if (code !== undefined && isTlsFailure(error)) {
    if (UNTRUSTED_ISSUER.has(code)) {
      return `${message} (${code}): to trust the certificate authority of the service, set NODE_EXTRA_CA_CERTS to its PEM file`;
    }
    // An https:// address of a plain http server: OpenSSL reads its answer as a record of no TLS version.
    if (message.includes('wrong version number')) {
      return `it does not answer in TLS there (${code}: wrong version number): is its address http://, not https://?`;
    }
    return `${message.trim()} (${code})`;
  }
  return code ?? cause?.code ?? cause?.message ?? message;
}

export function createApiClient(options: ApiClientOptions) {
  const baseFetch = options.fetch ?? httpFetch;
  const withinMs = options.answerWithinMs ?? answerWithinMs(DEFAULT_JOB_EXPIRE_SECONDS);
  const headers: Record<string, string> = { accept: 'application/json, application/problem+json' };
  if (options.token !== undefined) headers.authorization = `Bearer ${options.token}`;
  if (options.actor !== undefined) headers['x-actor'] = options.actor;
  return createClient<paths>({
    baseUrl: options.baseUrl,
    headers,
    async fetch(input, init) {
      const deadline = AbortSignal.timeout(withinMs);
      const request = new Request(input, { ...init, signal: deadline });
      // openapi-fetch labels every request JSON; a body-less DELETE so labelled is a 400 in Fastify.
      if (request.body === null) request.headers.delete('content-type');
      let response: Response;
      try {
        response = await baseFetch(request);
      } catch (error) {
        if (deadline.aborted) throw new ServiceTimeoutError(options.baseUrl, withinMs);
        if (error instanceof UndefinedStatusError) throw new NotTheApiError(options.baseUrl, error);
        if (error instanceof ConnectionLostError)
          throw new ServiceConnectionLostError(options.baseUrl, error);
        throw new ServiceUnreachableError(options.baseUrl, reasonOf(error));
      }
      return jsonAnswer(response, options.baseUrl);
    },
  });
}

export type ApiClient = ReturnType<typeof createApiClient>;

type Problem = Schemas['Problem'];

/**
 * What an answer without a problem document says (a proxy's error page, another server at that address):
 * its status, and for a redirect where to, which the CLI does not follow (the bearer token would go there).
 */
function withoutProblem(response: Response): string {
  const status = `${response.status} ${response.statusText}`.trim();
  const location = response.headers.get('location');
  if (response.status >= 300 && response.status < 400 && location !== null) {
    return `the service answered ${status}, to ${location}: give that address as --server (or ISOPLAN_SERVER)`;
  }
  return `the service answered ${status}, without a problem document saying why`;
}

/** A problem document (RFC 9457) as the DomainError the service threw to answer it. */
export function errorFromProblem(problem: unknown, response: Response): DomainError {
  const p = (typeof problem === 'object' && problem !== null ? problem : {}) as Partial<Problem>;
  const { type, title, status, detail, instance: _instance, errors, ...extensions } = p;
  const name =
    typeof type === 'string' && type.startsWith(PROBLEM_BASE) ? type.slice(PROBLEM_BASE.length) : type;
  const text = typeof detail === 'string' ? detail : withoutProblem(response);
  if (name === 'invalid-input' && Array.isArray(errors)) {
    return new InvalidInputError(text, errors as InvalidItem[], extensions);
  }
  return new DomainError({
    type: name ?? 'http-error',
    title: title ?? response.statusText,
    status: typeof status === 'number' ? status : response.status,
    detail: text,
    extensions: errors === undefined ? extensions : { ...extensions, errors },
  });
}

/** The body of a 2xx answer; a problem answer thrown as its DomainError. */
export async function bodyOf<R extends { data?: unknown; error?: unknown; response: Response }>(
  call: Promise<R>,
): Promise<NonNullable<R['data']>> {
  const result = await call;
  if (result.error !== undefined || !result.response.ok)
    throw errorFromProblem(result.error, result.response);
  return result.data as NonNullable<R['data']>;
}
