// Every problem of a request in one answer. Fastify checks a request's parts one after the other and stops
// at the first that fails (params, body, querystring, headers: fastify/lib/validation.js), and each check
// run before them (a body nested too deep, a query string that is not UTF-8, text that cannot be stored, a
// precondition header) stopped the request too: a client that sent a bad body and a misspelt query parameter learnt of the body, fixed it,
// and was refused again for the query. Here, the one home of that rule: the request's own checks run in one
// preValidation hook, and when one refuses, every part's schema is checked too (a body nested too deep
// aside: it is not walked); when a part's schema refuses (the error handler), the parts Fastify did not
// reach are checked too. One refusal stays as it was; more are one 400 `validation-error` listing every
// item (`errors`, each with its path: `body.done`, `querystring.include`, `headers.if-match`). Problems only
// the handler can see (an unknown issue key, a cycle) come after these: the handler runs on a request whose
// parts are all valid.
import type { FastifyInstance, FastifyRequest, FastifySchema, FastifySchemaCompiler } from 'fastify';
import fp from 'fastify-plugin';
import { validatorCompiler } from 'fastify-type-provider-zod';
import { DomainError, InvalidInputError, type InvalidItem } from '../../domain/errors.js';
import { queryEncodingProblems } from '../http/query-encoding.js';
import { type ValidationEntry, withUnionsResolved } from '../http/union-issues.js';
import { routeScopeOf } from './auth.js';
import { bodyDepthRefusal } from './body-depth.js';
import { preconditionRefusal } from './precondition-headers.js';
import { storableTextRefusal } from './storable-text.js';
import { declaredParameters, unknownParameterMessage } from './strict-query.js';

/** The parts of a request, in the order Fastify validates them. */
const REQUEST_PARTS = ['params', 'body', 'querystring', 'headers'] as const;
type RequestPart = (typeof REQUEST_PARTS)[number];

/** `body` + `/labels/0/name` -> `body.labels[0].name`. */
export function toFieldPath(context: string, instancePath: string): string {
  let path = context;
  for (const segment of instancePath.split('/')) {
    if (segment === '') continue;
    path += /^\d+$/.test(segment) ? `[${segment}]` : `.${segment}`;
  }
  return path;
}

/**
 * The items of a schema's refusal of `part` (body, querystring, params, headers). An unknown field is
 * reported at its own path, one item per field; an unknown query parameter names the one meant
 * (strict-query.ts).
 */
export function schemaItems(
  request: FastifyRequest,
  part: string,
  entries: ValidationEntry[],
): InvalidItem[] {
  const declared = part === 'querystring' ? declaredParameters(request.routeOptions.schema?.querystring) : [];
  const items: InvalidItem[] = [];
  for (const entry of withUnionsResolved(entries)) {
    const at = toFieldPath(part, entry.instancePath ?? '');
    const keys = entry.params?.keys;
    if (entry.keyword === 'unrecognized_keys' && Array.isArray(keys)) {
      for (const key of keys) {
        const message =
          part === 'querystring' ? unknownParameterMessage(String(key), declared) : 'unknown field';
        items.push({ path: `${at}.${String(key)}`, message });
      }
    } else {
      items.push({ path: at, message: entry.message ?? 'is invalid' });
    }
  }
  return items;
}

/** The route's own validator compiler, where it has one (a body left to its handler), by its schema. */
const routeCompilers = new WeakMap<FastifySchema, FastifySchemaCompiler<unknown>>();

function partValue(request: FastifyRequest, part: RequestPart): unknown {
  return part === 'querystring' ? request.query : request[part];
}

/**
 * What the route's schemas say of `parts` of the request, as Fastify's validation would (the route's
 * validator compiler, a missing part checked as null). Only on a refusal's path: each is compiled anew.
 */
function partItems(request: FastifyRequest, parts: readonly RequestPart[]): InvalidItem[] {
  const schema = request.routeOptions.schema;
  if (schema === undefined) return [];
  const compile = routeCompilers.get(schema) ?? (validatorCompiler as FastifySchemaCompiler<unknown>);
  const items: InvalidItem[] = [];
  for (const part of parts) {
    if (schema[part] === undefined) continue;
    const validate = compile({
      schema: schema[part],
      method: request.method,
      url: request.routeOptions.url ?? request.url,
      httpPart: part,
    });
    const result = validate(partValue(request, part) ?? null) as { error?: unknown };
    if (Array.isArray(result?.error)) items.push(...schemaItems(request, part, result.error));
  }
  return items;
}

/** The problems Fastify's validation did not reach: the parts after `failed`, the one it refused. */
export function unreachedPartItems(request: FastifyRequest, failed: string): InvalidItem[] {
  const at = REQUEST_PARTS.indexOf(failed as RequestPart);
  return at < 0 ? [] : partItems(request, REQUEST_PARTS.slice(at + 1));
}

/** The refusal of a query string whose percent-encoded bytes are not UTF-8 (the API's own routes only). */
function queryEncodingRefusal(request: FastifyRequest): InvalidInputError | undefined {
  if (routeScopeOf(request) === 'public') return undefined;
  const items = queryEncodingProblems(request.url);
  return items.length === 0
    ? undefined
    : new InvalidInputError('the query string holds bytes that are not UTF-8', items);
}

/**
 * The refusal of a body sent to an operation that takes none (its schema declares no body; the hidden
 * routes, the dashboard's files, aside), or undefined. Ignored, `POST …/validations` sent with
 * `{"seed": 5}` ran with another seed, and the client was none the wiser. `{}` carries nothing: it is
 * taken as no body (the dashboard sends it).
 */
function bodyNotTakenRefusal(request: FastifyRequest): InvalidInputError | undefined {
  const schema = request.routeOptions.schema as (FastifySchema & { hide?: boolean }) | undefined;
  if (request.is404 || schema === undefined || schema.hide === true || schema.body !== undefined) return;
  const { body } = request;
  if (body === undefined || body === null) return undefined;
  if (typeof body === 'object' && !Array.isArray(body) && Object.keys(body).length === 0) return undefined;
  return new InvalidInputError(`${request.method} ${request.url.split('?')[0]} takes no body`, [
    { path: 'body', message: 'is not taken by this operation: nothing in it would be read; send none' },
  ]);
}

/** The 400 `validation-error` listing `items`, each once. */
export function invalidRequest(items: readonly InvalidItem[]): DomainError {
  const seen = new Set<string>();
  const errors = items.filter(({ path, message }) => {
    const key = `${path}\n${message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  return new DomainError({
    type: 'validation-error',
    title: 'Invalid request',
    status: 400,
    detail: `the request is invalid: ${errors.map((e) => `${e.path}: ${e.message}`).join('; ')}`,
    extensions: { errors },
  });
}

async function requestChecks(app: FastifyInstance): Promise<void> {
  app.addHook('onRoute', (route) => {
    if (route.schema !== undefined && route.validatorCompiler !== undefined) {
      routeCompilers.set(route.schema, route.validatorCompiler as FastifySchemaCompiler<unknown>);
    }
  });

  app.addHook('preValidation', async (request) => {
    const depth = bodyDepthRefusal(request);
    const refusals = [
      depth,
      queryEncodingRefusal(request),
      bodyNotTakenRefusal(request),
      storableTextRefusal(request, depth === undefined),
      preconditionRefusal(request),
    ].filter((r): r is InvalidInputError => r !== undefined);
    if (refusals.length === 0) return;
    const parts = depth === undefined ? REQUEST_PARTS : REQUEST_PARTS.filter((part) => part !== 'body');
    const more = partItems(request, parts);
    if (refusals.length === 1 && more.length === 0) throw refusals[0];
    throw invalidRequest([...refusals.flatMap((r) => r.errors), ...more]);
  });
}

export default fp(requestChecks, {
  name: 'isoplan-request-checks',
  fastify: '5.x',
  // Its onRoute hook sees each query string as strict-query made it.
  dependencies: ['isoplan-strict-query'],
});
