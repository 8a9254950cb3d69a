// The one place where errors become HTTP responses: every error, 404 on unknown routes (405 with Allow
// for a method a known path does not take), the router's refusals (frameworkErrors) and the HTTP parser's
// (clientErrorHandler: 400, 408, 413, 431) are RFC 9457 application/problem+json documents with a stable
// `type`. 4xx say what is wrong; unexpected errors are bugs: 500, logged with their stack, never leaking
// internals. (A DomainError is deliberate, even a 503.)
import { maxHeaderSize, STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { DomainError } from '../../domain/errors.js';
import { FORM_CONTENT_TYPE } from '../../integrations/github/webhooks.js';
import {
  PROBLEM_CONTENT_TYPE,
  type Problem,
  type ProblemInit,
  problem,
  problemDocument,
  sendProblem,
} from '../http/problem.js';
import { createRouteMethods } from '../http/route-methods.js';
import type { ValidationEntry } from '../http/union-issues.js';
import { invalidRequest, schemaItems, unreachedPartItems } from './request-checks.js';

const FASTIFY_PROBLEMS: Record<string, { type: string; title: string }> = {
  FST_ERR_CTP_INVALID_JSON_BODY: { type: 'malformed-body', title: 'Malformed request body' },
  FST_ERR_CTP_EMPTY_JSON_BODY: { type: 'malformed-body', title: 'Malformed request body' },
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: { type: 'malformed-body', title: 'Malformed request body' },
  FST_ERR_CTP_BODY_TOO_LARGE: { type: 'payload-too-large', title: 'Request body too large' },
  FST_ERR_CTP_INVALID_MEDIA_TYPE: { type: 'unsupported-media-type', title: 'Unsupported media type' },
  FST_ERR_BAD_URL: { type: 'malformed-url', title: 'Malformed URL' },
  FST_ERR_MAX_PARAM_LENGTH: { type: 'uri-too-long', title: 'Path parameter too long' },
};

function domainProblem(request: FastifyRequest, error: DomainError): Problem {
  const { type, title, status, detail } = error;
  return problem(request, { type, title, status, detail }, error.extensions);
}

export function toProblem(error: FastifyError, request: FastifyRequest): { body: Problem; bug: boolean } {
  if (error instanceof DomainError) return { body: domainProblem(request, error), bug: false };
  if (
    hasZodFastifySchemaValidationErrors(error) ||
    (Array.isArray(error.validation) && error.validationContext)
  ) {
    // Every problem of the request: the part Fastify refused and those it did not reach (request-checks.ts).
    const context = error.validationContext ?? 'request';
    const refused = schemaItems(request, context, (error.validation ?? []) as ValidationEntry[]);
    const invalid = invalidRequest([...refused, ...unreachedPartItems(request, context)]);
    return { body: domainProblem(request, invalid), bug: false };
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
    return {
      body: problem(request, { ...known, status, detail: clientErrorDetail(error, request) }),
      bug: false,
    };
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
 * The reason behind a refusal the service is not to blame for (a 503: the database out of reach), for the
 * log only: what the driver said (ECONNREFUSED, "Connection terminated unexpectedly"), never sent.
 */
function causeOf(error: Error): string | undefined {
  const { cause } = error;
  if (cause instanceof Error) return cause.message || (cause as NodeJS.ErrnoException).code || cause.name;
  return cause === undefined ? undefined : String(cause);
}

/** Body types a route may be sent: those its own parsers take (the GitHub webhook also takes GitHub's form). */
const BODY_TYPES = ['application/json', FORM_CONTENT_TYPE];

/**
 * The detail of a client error raised by Fastify. Its own messages for a body it refuses say neither what
 * was wrong nor what to do ("Unsupported Media Type", "Request body is too large"): name the type sent and
 * the types the route takes (its parsers, as the route's own instance has them), or the route's limit.
 */
function clientErrorDetail(error: FastifyError, request: FastifyRequest): string {
  if (error.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') {
    const taken = BODY_TYPES.filter((type) => request.server.hasContentTypeParser(type));
    return `content type '${request.headers['content-type'] ?? '(none)'}' is not supported: send ${taken.join(' or ')}`;
  }
  if (error.code === 'FST_ERR_CTP_BODY_TOO_LARGE') {
    const limit = request.routeOptions.bodyLimit;
    return `the request body is larger than this route takes: at most ${limit} bytes (${sizeText(limit)})`;
  }
  return error.message;
}

/** Bytes as a person reads them: 1 MiB, 25 MiB, 512 KiB, 200 B. */
function sizeText(bytes: number): string {
  if (bytes >= 2 ** 20 && bytes % 2 ** 20 === 0) return `${bytes / 2 ** 20} MiB`;
  if (bytes >= 2 ** 10 && bytes % 2 ** 10 === 0) return `${bytes / 2 ** 10} KiB`;
  return `${bytes} B`;
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

/** What the HTTP parser's error codes mean for the client (Node's own mapping, in problem words). */
function parserProblem(
  error: NodeJS.ErrnoException & { reason?: string },
  server: ParserLimits,
): ProblemInit {
  switch (error.code) {
    case 'ERR_HTTP_REQUEST_TIMEOUT':
      return {
        type: 'request-timeout',
        title: 'Request timeout',
        status: 408,
        detail: `the request did not arrive whole in time: its headers must arrive within ${server.headersTimeout} ms and all of it within ${server.requestTimeout} ms`,
      };
    case 'HPE_HEADER_OVERFLOW':
      return {
        type: 'headers-too-large',
        title: 'Request headers too large',
        status: 431,
        detail: `the request line and headers exceed ${server.maxHeaderSize ?? maxHeaderSize} bytes`,
      };
    case 'HPE_CHUNK_EXTENSIONS_OVERFLOW':
      return {
        type: 'payload-too-large',
        title: 'Request body too large',
        status: 413,
        detail: 'the chunk extensions of the request body are too large',
      };
    default:
      return {
        type: 'malformed-request',
        title: 'Malformed request',
        status: 400,
        detail: `the request is not valid HTTP/1.1${error.reason ? `: ${error.reason}` : ''}${error.code ? ` (${error.code})` : ''}`,
      };
  }
}

interface ParserLimits {
  headersTimeout: number;
  requestTimeout: number;
  /** Unset unless the server was given one: Node's default (`http.maxHeaderSize`) applies. */
  maxHeaderSize?: number;
}

/** The raw HTTP/1.1 response of a problem, for a socket no request object was made for. */
function rawProblemResponse(body: Problem): string {
  const json = JSON.stringify(body);
  const retry =
    typeof body.retryAfterSeconds === 'number' ? `Retry-After: ${body.retryAfterSeconds}\r\n` : '';
  return (
    `HTTP/1.1 ${body.status} ${STATUS_CODES[body.status] ?? 'Error'}\r\n` +
    `Content-Type: ${PROBLEM_CONTENT_TYPE}\r\n` +
    `Content-Length: ${Buffer.byteLength(json)}\r\n${retry}Connection: close\r\n\r\n${json}`
  );
}

/** How long a refused connection may take to read its answer before it is cut. */
const CLIENT_ERROR_LINGER_MS = 1000;

/**
 * Fastify's `clientErrorHandler` server option (passed by buildApp; `this` is the app): the HTTP parser
 * refused what a client sent (a malformed request line, headers over the size limit, a request that did
 * not arrive in time). Answers a problem, unless a response has already started on the socket, then
 * closes it: the socket is half-closed at once and destroyed shortly after, so that the client can read
 * the answer first. Logged and counted once per refused request.
 */
export function clientErrorHandler(
  this: FastifyInstance,
  error: NodeJS.ErrnoException & { reason?: string },
  socket: Socket,
): void {
  if (error.code === 'ECONNRESET' || socket.destroyed) return;
  // This side is already closed (a refusal answered, or a response that closed the connection): what
  // still arrives is the rest of that request, and Node's parser reports every further read of it. One
  // request, one refusal: it is neither logged nor counted again, and the socket is left to the timer
  // below (destroyed now, unread data would reset the connection before the client read its answer).
  if (socket.writableEnded) return;
  const server = this.server as unknown as ParserLimits;
  const init = parserProblem(error, server);
  // The request the parser was reading, when its line was parsed (a body that came too slowly).
  const current = (socket as { parser?: { incoming?: { url?: string } } }).parser?.incoming;
  const body = problemDocument(init, current?.url);
  this.log.info({ problem: body.type, status: body.status, code: error.code }, body.detail);
  // No route, so no request hook: the refusal is counted here (src/api/plugins/http-metrics.ts counts the rest).
  (this as Partial<FastifyInstance>).services?.metrics.refusals.inc({
    type: init.type,
    status_code: init.status,
  });
  const response = (socket as { _httpMessage?: { headersSent?: boolean } })._httpMessage;
  if (!socket.writable || response?.headersSent === true) {
    socket.destroy();
    return;
  }
  socket.end(rawProblemResponse(body));
  setTimeout(() => socket.destroy(), CLIENT_ERROR_LINGER_MS).unref();
}

async function errorHandler(app: FastifyInstance): Promise<void> {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    const { body, bug } = toProblem(error, request);
    if (bug) request.log.error({ err: error }, 'request failed with an internal error');
    else if (body.status >= 500)
      request.log.warn({ problem: body.type, status: body.status, cause: causeOf(error) }, body.detail);
    else request.log.info({ problem: body.type, status: body.status }, body.detail);
    return sendProblem(reply, body);
  });

  // Every route is registered after this plugin: its onRoute hook sees them all.
  const routeMethods = createRouteMethods();
  app.addHook('onRoute', (route) => routeMethods.add(route.url, route.method));

  app.setNotFoundHandler((request, reply) => {
    const path = request.url.split('?')[0] as string;
    const allowed = routeMethods.allowed(path);
    if (allowed.length > 0) {
      reply.header('allow', allowed.join(', '));
      return sendProblem(
        reply,
        problem(request, {
          type: 'method-not-allowed',
          title: 'Method not allowed',
          status: 405,
          detail: `${path} takes ${allowed.join(', ')}, not ${request.method}`,
        }),
      );
    }
    return sendProblem(
      reply,
      problem(request, {
        type: 'route-not-found',
        title: 'Not found',
        status: 404,
        detail: `no route for ${request.method} ${path}`,
      }),
    );
  });
}

export default fp(errorHandler, { name: 'isoplan-error-handler', fastify: '5.x' });
