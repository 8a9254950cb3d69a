// The one place where errors become HTTP responses: every error, and 404 on
// unknown routes, is an RFC 9457 application/problem+json document with a
// stable `type`. 4xx say what is wrong; unexpected errors are bugs: 500, logged
// with their stack, never leaking internals. (A DomainError is deliberate, even a 503.)
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { DomainError, type InvalidItem } from '../../domain/errors.js';
import { type Problem, problem, sendProblem } from '../http/problem.js';

interface ValidationEntry {
  instancePath?: string;
  message?: string;
  keyword?: string;
  params?: Record<string, unknown>;
}

/** `body` + `/labels/0/name` -> `body.labels[0].name`. */
export function toFieldPath(context: string, instancePath: string): string {
  let path = context;
  for (const segment of instancePath.split('/')) {
    if (segment === '') continue;
    path += /^\d+$/.test(segment) ? `[${segment}]` : `.${segment}`;
  }
  return path;
}

function validationItems(context: string, entries: ValidationEntry[]): InvalidItem[] {
  const items: InvalidItem[] = [];
  for (const entry of entries) {
    const at = toFieldPath(context, entry.instancePath ?? '');
    const keys = entry.params?.keys;
    // An unknown field is reported at its own path, one item per field.
    if (entry.keyword === 'unrecognized_keys' && Array.isArray(keys)) {
      for (const key of keys) items.push({ path: `${at}.${String(key)}`, message: 'unknown field' });
    } else {
      items.push({ path: at, message: entry.message ?? 'is invalid' });
    }
  }
  return items;
}

const FASTIFY_PROBLEMS: Record<string, { type: string; title: string }> = {
  FST_ERR_CTP_INVALID_JSON_BODY: { type: 'malformed-body', title: 'Malformed request body' },
  FST_ERR_CTP_EMPTY_JSON_BODY: { type: 'malformed-body', title: 'Malformed request body' },
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: { type: 'malformed-body', title: 'Malformed request body' },
  FST_ERR_CTP_BODY_TOO_LARGE: { type: 'payload-too-large', title: 'Request body too large' },
  FST_ERR_CTP_INVALID_MEDIA_TYPE: { type: 'unsupported-media-type', title: 'Unsupported media type' },
  FST_ERR_BAD_URL: { type: 'malformed-url', title: 'Malformed URL' },
  FST_ERR_MAX_PARAM_LENGTH: { type: 'uri-too-long', title: 'Path parameter too long' },
};

export function toProblem(error: FastifyError, request: FastifyRequest): { body: Problem; bug: boolean } {
  if (error instanceof DomainError) {
    const { type, title, status, detail } = error;
    return { body: problem(request, { type, title, status, detail }, error.extensions), bug: false };
  }
  if (
    hasZodFastifySchemaValidationErrors(error) ||
    (Array.isArray(error.validation) && error.validationContext)
  ) {
    const errors = validationItems(error.validationContext ?? 'request', error.validation ?? []);
    const detail = `the request is invalid: ${errors.map((e) => `${e.path}: ${e.message}`).join('; ')}`;
    return {
      body: problem(
        request,
        { type: 'validation-error', title: 'Invalid request', status: 400, detail },
        { errors },
      ),
      bug: false,
    };
  }
  if (error.code === 'FST_ERR_RESPONSE_SERIALIZATION') {
    // The handler produced a body that its own response schema refuses: a bug.
    return {
      body: problem(request, {
        type: 'internal-error',
        title: 'Internal error',
        status: 500,
        detail: 'the response could not be produced',
      }),
      bug: true,
    };
  }
  const status = error.statusCode ?? 500;
  if (status >= 400 && status < 500) {
    // Client errors raised by Fastify and its plugins carry safe, useful messages.
    const known = FASTIFY_PROBLEMS[error.code] ?? { type: 'bad-request', title: 'Bad request' };
    // Fastify's own message is only "Unsupported Media Type": name the type and what to send instead.
    const detail =
      error.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE'
        ? `content type '${request.headers['content-type'] ?? '(none)'}' is not supported: send application/json`
        : error.message;
    return { body: problem(request, { ...known, status, detail }), bug: false };
  }
  return {
    body: problem(request, {
      type: 'internal-error',
      title: 'Internal error',
      status: 500,
      detail: 'an unexpected error occurred; it has been logged',
    }),
    bug: true,
  };
}

/**
 * Fastify's `frameworkErrors` server option: the router's own refusals (a path with a malformed
 * percent-encoding, a path parameter over `maxParamLength`) happen before any route or error handler, and
 * without this would answer Fastify's plain JSON instead of a problem. Server options cannot come from a
 * plugin: buildApp passes it.
 */
export function frameworkErrors(error: FastifyError, request: FastifyRequest, reply: FastifyReply): void {
  const { body } = toProblem(error, request);
  request.log.info({ problem: body.type, status: body.status }, body.detail);
  sendProblem(reply, body);
}

async function errorHandler(app: FastifyInstance): Promise<void> {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    const { body, bug } = toProblem(error, request);
    if (bug) request.log.error({ err: error }, 'request failed with an internal error');
    else if (body.status >= 500) request.log.warn({ problem: body.type, status: body.status }, body.detail);
    else request.log.info({ problem: body.type, status: body.status }, body.detail);
    // A problem that says when to try again (a busy database) says it in HTTP's words too.
    if (typeof body.retryAfterSeconds === 'number')
      reply.header('retry-after', String(body.retryAfterSeconds));
    return sendProblem(reply, body);
  });

  app.setNotFoundHandler((request, reply) =>
    sendProblem(
      reply,
      problem(request, {
        type: 'route-not-found',
        title: 'Not found',
        status: 404,
        detail: `no route for ${request.method} ${request.url.split('?')[0]}`,
      }),
    ),
  );
}

export default fp(errorHandler, { name: 'isoplan-error-handler', fastify: '5.x' });
