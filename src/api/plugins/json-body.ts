// The JSON body parser: Fastify's own (secure-json-parse, prototype poisoning refused), with these
// differences, each a body that was misread:
// - an empty body sent as application/json is no body rather than a 400 "Body cannot be empty". Clients
//   that send the header on every request (a CI script's default headers, generated clients) sent it on
//   a DELETE or a POST …/validations too, and were refused. A route that takes no body now serves them;
//   one that needs a body refuses the missing one with its validation error, naming `body`.
// - JSON is UTF-8 (RFC 8259 §8.1): bytes that are not UTF-8 are a 400 naming it, not text with U+FFFD where
//   they were (a title sent in Latin-1 was stored with its accents replaced, without a word), and a charset
//   other than UTF-8 is a 415 naming the type.
// - JSON is the one body type the API takes (GitHub's webhook adds its form in its own plugin): Fastify's
//   text/plain parser is removed, so a JSON body sent as text/plain (a bare `fetch`, a form of curl) is the
//   415 naming the types taken, not a 400 saying that the body is a string where an object was expected.
import { isUtf8 } from 'node:buffer';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { DomainError } from '../../domain/errors.js';

/** The `charset` parameter of a Content-Type, lower-cased, or undefined. */
function charsetOf(contentType: string | undefined): string | undefined {
  const match = /;\s*charset\s*=\s*"?([^";\s]*)/i.exec(contentType ?? '');
  return match?.[1]?.toLowerCase();
}

async function jsonBody(app: FastifyInstance): Promise<void> {
  const parse = app.getDefaultJsonParser('error', 'error');
  app.removeContentTypeParser('text/plain');
  // Replaces the default (Fastify allows that one without removing it first).
  app.addContentTypeParser('application/json', { parseAs: 'buffer' }, (request, body, done) => {
    const charset = charsetOf(request.headers['content-type']);
    if (charset !== undefined && charset !== 'utf-8' && charset !== 'utf8') {
      done(
        new DomainError({
          type: 'unsupported-media-type',
          title: 'Unsupported media type',
          status: 415,
          detail: `content type '${request.headers['content-type']}' is not supported: JSON is sent in UTF-8 (application/json, or application/json; charset=utf-8)`,
        }),
      );
      return;
    }
    const bytes = body as Buffer;
    if (bytes.length === 0) done(null, undefined);
    else if (!isUtf8(bytes)) {
      done(
        new DomainError({
          type: 'malformed-body',
          title: 'Malformed request body',
          status: 400,
          detail: 'the request body is not valid UTF-8: JSON is sent in UTF-8 (RFC 8259 §8.1)',
        }),
      );
    } else parse(request, bytes.toString('utf8'), done);
  });
}

export default fp(jsonBody, { name: 'isoplan-json-body', fastify: '5.x' });
