// The typed client of the isoplan API, the only one: openapi-fetch over the request and response types that
// `npm run generate:api-types` generates from the OpenAPI document (src/contract/openapi.d.ts, which the
// dashboard's JSDoc reads too). A route or schema change that breaks the CLI fails `npm run typecheck`.
// Every request carries the bearer token and the actor when given; a problem+json answer becomes the
// DomainError it describes (so the CLI reports it exactly as it reports the same error from a database
// file), and an unreachable service a ServiceUnreachableError naming the URL.
import createClient from 'openapi-fetch';
import type { components, paths } from '../../contract/openapi.js';
import { DomainError, InvalidInputError, type InvalidItem, PROBLEM_BASE } from '../../domain/errors.js';

export type Schemas = components['schemas'];

export interface ApiClientOptions {
  /** The service's origin (and path prefix, if any), e.g. `http://127.0.0.1:8080`. */
  baseUrl: string;
  /** Sent as `Authorization: Bearer <token>`. */
  token?: string;
  /** Sent as `X-Actor`: the name the audit trail records for writes. */
  actor?: string;
  /** For tests: the fetch to call (default: the global one). */
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

function reasonOf(error: unknown): string {
  const cause = (error as { cause?: { code?: string; message?: string } }).cause;
  return cause?.code ?? cause?.message ?? (error as Error).message;
}

export function createApiClient(options: ApiClientOptions) {
  const baseFetch = options.fetch ?? globalThis.fetch;
  const headers: Record<string, string> = { accept: 'application/json, application/problem+json' };
  if (options.token !== undefined) headers.authorization = `Bearer ${options.token}`;
  if (options.actor !== undefined) headers['x-actor'] = options.actor;
  return createClient<paths>({
    baseUrl: options.baseUrl,
    headers,
    async fetch(input, init) {
      const request = new Request(input, init);
      // openapi-fetch labels every request JSON; a body-less DELETE so labelled is a 400 in Fastify.
      if (request.body === null) request.headers.delete('content-type');
      try {
        return await baseFetch(request);
      } catch (error) {
        throw new ServiceUnreachableError(options.baseUrl, reasonOf(error));
      }
    },
  });
}

export type ApiClient = ReturnType<typeof createApiClient>;

type Problem = Schemas['Problem'];

/** A problem document (RFC 9457) as the DomainError the service threw to answer it. */
export function errorFromProblem(problem: unknown, response: Response): DomainError {
  const p = (typeof problem === 'object' && problem !== null ? problem : {}) as Partial<Problem>;
  const { type, title, status, detail, instance: _instance, errors, ...extensions } = p;
  const name =
    typeof type === 'string' && type.startsWith(PROBLEM_BASE) ? type.slice(PROBLEM_BASE.length) : type;
  const text = typeof detail === 'string' ? detail : `${response.status} ${response.statusText}`.trim();
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
