// Building RFC 9457 problem documents and sending them. Only the error handler, the not-found handler
// and the HTTP parser's error handler (client-error.ts, on the raw socket) send problems; routes throw
// DomainErrors.
import type { FastifyReply, FastifyRequest } from 'fastify';
import { PROBLEM_BASE } from '../../domain/errors.js';

export const PROBLEM_CONTENT_TYPE = 'application/problem+json; charset=utf-8';

export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  /** The request URL; absent only when the request could not be parsed. */
  instance?: string;
  [extension: string]: unknown;
}

export interface ProblemInit {
  /** The short name: the document's `type` is PROBLEM_BASE + it. */
  type: string;
  title: string;
  status: number;
  detail: string;
}

/** The problem document; `instance` is left out when unknown (a request the parser refused). */
export function problemDocument(
  init: ProblemInit,
  instance: string | undefined,
  extensions: Record<string, unknown> = {},
): Problem {
  return {
    // Extensions first: they never override the standard members.
    ...extensions,
    type: PROBLEM_BASE + init.type,
    title: init.title,
    status: init.status,
    detail: init.detail,
    ...(instance === undefined ? {} : { instance }),
  };
}

export function problem(
  request: FastifyRequest,
  init: ProblemInit,
  extensions: Record<string, unknown> = {},
): Problem {
  return problemDocument(init, request.url, extensions);
}

/** Sends the problem; one that says when to try again (`retryAfterSeconds`) says it in HTTP's words too. */
export function sendProblem(reply: FastifyReply, body: Problem): FastifyReply {
  if (typeof body.retryAfterSeconds === 'number') reply.header('retry-after', String(body.retryAfterSeconds));
  return reply.code(body.status).type(PROBLEM_CONTENT_TYPE).send(body);
}
