// Text that cannot be stored as sent (NUL, a lone surrogate: src/domain/storable-text.ts, the one home of
// the rule and its messages) is refused with 400 before any handler runs, wherever the request carries
// it: a body's strings, a query parameter, a path parameter. Without this, PostgreSQL answered a title,
// label or filter holding NUL with a 500, and both engines stored a lone surrogate as something else.
// Only the API's own routes (scopes read, write, admin) are guarded: the public ones (probes, the
// dashboard's files, the reference) and URLs that name no route store nothing and answer as they do for
// any other name (a file named with NUL is not found, an unknown URL is the 404 of any other); GitHub's
// webhook is left to its handler, as a delivery carries much text isoplan never stores, and what it does
// store goes through the project document, which refuses such text itself. A route whose handler reads
// its body as a project document (the import) marks it `bodyTextChecked`: the document's own check is
// the one walk of it (a 100k-issue import was walked twice, ~150 ms each). Run by request-checks.ts with the
// request's other checks.
import type { FastifyRequest } from 'fastify';
import type { InvalidInputError } from '../../domain/errors.js';
import { type TextProblem, textProblems, textRefusal } from '../../domain/storable-text.js';
import { inRequest } from '../http/request-paths.js';
import { routeScopeOf } from './auth.js';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** The handler refuses such text in the body itself (it parses a project document): not walked here. */
    bodyTextChecked?: true;
  }
}

const PARTS = ['params', 'querystring', 'body'] as const;

function partOf(request: FastifyRequest, part: (typeof PARTS)[number]): unknown {
  return part === 'querystring' ? request.query : request[part];
}

/**
 * The refusal of text in the request that cannot be stored as sent, or undefined; `withBody` false leaves
 * the body out (a body nested too deep is not walked).
 */
export function storableTextRefusal(request: FastifyRequest, withBody = true): InvalidInputError | undefined {
  const scope = routeScopeOf(request);
  if (scope === 'public' || scope === 'github-webhook') return undefined;
  const bodyTextChecked = request.routeOptions.config.bodyTextChecked === true;
  let problems: TextProblem[] | undefined;
  for (const part of PARTS) {
    if (part === 'body' && (bodyTextChecked || !withBody)) continue;
    const found = textProblems(partOf(request, part));
    if (found.length === 0) continue;
    const at = inRequest(part);
    problems = [...(problems ?? []), ...found.map(({ path, message }) => ({ path: at(path), message }))];
  }
  return problems === undefined ? undefined : textRefusal('text in the request', problems);
}
