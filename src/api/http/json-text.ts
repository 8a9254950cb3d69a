// Sends JSON that is already text (e.g. cached per revision). Fastify sends a string body as is, so the
// route's response serializer does not run again; the route's response schema still documents it.
import type { FastifyReply } from 'fastify';

export function sendJsonText(reply: FastifyReply, json: string): FastifyReply {
  return reply.type('application/json; charset=utf-8').send(json);
}
