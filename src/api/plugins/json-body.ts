// The JSON body parser: Fastify's own (secure-json-parse, prototype poisoning refused), except that an
// empty body sent as application/json is no body rather than a 400 "Body cannot be empty". Clients that
// send the header on every request (a CI script's default headers, generated clients) sent it on a DELETE
// or a POST …/validations too, and were refused. A route that takes no body now serves them; one that needs
// a body refuses the missing one with its validation error, naming `body`.
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';

async function jsonBody(app: FastifyInstance): Promise<void> {
  const parse = app.getDefaultJsonParser('error', 'error');
  // Replaces the default (Fastify allows that one without removing it first).
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
    if (body.length === 0) done(null, undefined);
    else parse(request, body as string, done);
  });
}

export default fp(jsonBody, { name: 'isoplan-json-body', fastify: '5.x' });
