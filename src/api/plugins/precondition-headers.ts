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
// Run by request-checks.ts with the request's other checks.
import type { FastifyRequest } from 'fastify';
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

/** The refusal of a malformed precondition header, or of one this operation does not evaluate; or undefined. */
export function preconditionRefusal(request: FastifyRequest): InvalidInputError | undefined {
  // No route takes the request: its answer is the 404 or 405 (error-handler.ts), which names what is
  // wrong, the path or the method; a header of a request no operation takes is no operation's to judge.
  if (request.is404) return undefined;
  const write = !SAFE_METHODS.has(request.method);
  const refusals: InvalidInputError[] = [];
  for (const name of HEADERS) {
    const value = request.headers[name];
    if (value === undefined) continue;
    try {
      parseEntityTags(value, name);
    } catch (error) {
      if (!(error instanceof InvalidInputError)) throw error;
      refusals.push(error);
      continue;
    }
    const honoured = name === 'if-match' ? request.routeOptions.config.honoursIfMatch === true : !write;
    if (!honoured) refusals.push(notTaken(name, request.method, request.url.split('?')[0] as string));
  }
  if (refusals.length <= 1) return refusals[0];
  return new InvalidInputError(
    refusals.map((r) => r.detail).join('; '),
    refusals.flatMap((r) => r.errors),
  );
}
