// The conditional request headers (If-Match, If-None-Match), on every route: a malformed one is a 400
// naming it (store/etag.ts parseEntityTags, the one parser), before any handler runs, rather than a 412 to
// every retry (If-Match read as naming no tag) or a full answer every time (If-None-Match never matching)
// without a word. And a precondition a write does not evaluate is refused, not ignored (RFC 9110 §13.1
// asks a server to evaluate the ones it receives): If-Match on a write whose route does not honour it
// (`honoursIfMatch`: the changes and deletions of a project, an issue, its claims and checks, the goal,
// the GitHub link; their descriptions say so), and If-None-Match on any write (no write evaluates it). Ignored,
// an import sent with `If-Match` (replace only the project I exported) or `If-None-Match: *` (only if there
// is none) replaced the project whatever it held. Reads evaluate If-None-Match where they send an ETag, and
// If-Match there too (src/api/http/conditional.ts: 412 unless it names the current ETag or is `*`); on a read
// that sends no ETag it is refused like on a write that does not honour it: no tag there could match it,
// and a 412 would tell the client that something changed when nothing could be compared.
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { InvalidInputError } from '../../domain/errors.js';
import { type PreconditionHeader, parseEntityTags } from '../../store/etag.js';

declare module 'fastify' {
  interface FastifyContextConfig {
    /**
     * The route evaluates If-Match: a write is made only while it holds (the store checks it in the write's
     * transaction); a read sends its ETag and answers 412 unless it holds (src/api/http/conditional.ts).
     */
    honoursIfMatch?: true;
  }
}

const HEADERS: PreconditionHeader[] = ['if-match', 'if-none-match'];

/** Methods that read: they write nothing a precondition could guard. */
const SAFE_METHODS = new Set(['GET', 'HEAD']);

function notTaken(name: PreconditionHeader, method: string, url: string): InvalidInputError {
  const header = name === 'if-match' ? 'If-Match' : 'If-None-Match';
  const write = !SAFE_METHODS.has(method);
  const why = write
    ? 'its write would not be guarded by it'
    : 'this read sends no ETag, so there is no tag for it to match';
  const instead =
    name === 'if-none-match'
      ? 'a write takes If-Match where it honours it'
      : write
        ? 'the operations that honour it say so in their description'
        : 'the reads that send an ETag take it';
  return new InvalidInputError(`${method} ${url} does not take ${header}`, [
    {
      path: `headers.${name}`,
      message: `is not evaluated by this operation: ${why}; send none (${instead})`,
    },
  ]);
}

async function preconditionHeaders(app: FastifyInstance): Promise<void> {
  app.addHook('preValidation', async (request) => {
    // No route takes the request: its answer is the 404 or 405 (error-handler.ts), which names what is
    // wrong, the path or the method; a header of a request no operation takes is no operation's to judge.
    if (request.is404) return;
    const write = !SAFE_METHODS.has(request.method);
    for (const name of HEADERS) {
      const value = request.headers[name];
      if (value === undefined) continue;
      parseEntityTags(value, name);
      const honoured = name === 'if-match' ? request.routeOptions.config.honoursIfMatch === true : !write;
      if (!honoured) throw notTaken(name, request.method, request.url.split('?')[0] as string);
    }
  });
}

export default fp(preconditionHeaders, { name: 'isoplan-precondition-headers', fastify: '5.x' });
