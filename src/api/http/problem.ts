// Building RFC 9457 problem documents and sending them. Only the error handler
// and the not-found handler send problems; routes throw DomainErrors.
import type { FastifyReply, FastifyRequest } from 'fastify';
import { PROBLEM_BASE } from '../../domain/errors.js';

export const PROBLEM_CONTENT_TYPE = 'application/problem+json; charset=utf-8';

export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  instance: string;
  [extension: string]: unknown;
}

export function problem(
  request: FastifyRequest,
  init: { type: string; title: string; status: number; detail: string },
  extensions: Record<string, unknown> = {},
): Problem {
  return {
    // Extensions first: they never override the standard members.
    ...extensions,
    type: PROBLEM_BASE + init.type,
    title: init.title,
    status: init.status,
    detail: init.detail,
    instance: request.url,
  };
}

export function sendProblem(reply: FastifyReply, body: Problem): FastifyReply {
  return reply.code(body.status).type(PROBLEM_CONTENT_TYPE).send(body);
}
