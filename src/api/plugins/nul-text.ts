// Text holding U+0000 is refused with 400 before any handler runs, wherever the request carries it: a
// body's strings, a query parameter, a path parameter (src/domain/nul-text.ts, the one home of the rule
// and its message). Without this, PostgreSQL answered such a title, label or filter with a 500. Only the
// API's own routes (scopes read, write, admin) are guarded: the public ones (probes, the dashboard's files,
// the reference) and URLs that name no route store nothing and answer as they do for any other name (a
// file named with NUL is not found, an unknown URL is the 404 of any other); GitHub's webhook is left to
// its handler, as a delivery carries much text isoplan never stores, and what it does store goes through
// the project document, which refuses the character itself. A route whose handler reads its body as a
// project document (the import) marks it `bodyTextChecked`: the document's own check is the one walk of
// it (a 100k-issue import was walked twice, ~150 ms each).
import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { InvalidInputError, type InvalidItem } from '../../domain/errors.js';
import { NUL_IN_TEXT, pathsWithNul } from '../../domain/nul-text.js';
import { inRequest } from '../http/request-paths.js';
import { routeScopeOf } from './auth.js';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** The handler refuses NUL in the body itself (it parses a project document): not walked here. */
    bodyTextChecked?: true;
  }
}

const PARTS = ['params', 'querystring', 'body'] as const;

function partOf(request: FastifyRequest, part: (typeof PARTS)[number]): unknown {
  return part === 'querystring' ? request.query : request[part];
}

async function nulText(app: FastifyInstance): Promise<void> {
  app.addHook('preValidation', (request, _reply, done) => {
    const scope = routeScopeOf(request);
    if (scope === 'public' || scope === 'github-webhook') return done();
    const bodyTextChecked = request.routeOptions.config.bodyTextChecked === true;
    let errors: InvalidItem[] | undefined;
    for (const part of PARTS) {
      if (part === 'body' && bodyTextChecked) continue;
      const paths = pathsWithNul(partOf(request, part));
      if (paths.length === 0) continue;
      const at = inRequest(part);
      errors = [...(errors ?? []), ...paths.map((path) => ({ path: at(path), message: NUL_IN_TEXT }))];
    }
    if (errors === undefined) return done();
    const fields = errors.map((e) => e.path).join(', ');
    done(new InvalidInputError(`text ${NUL_IN_TEXT}: ${fields}`, errors));
  });
}

export default fp(nulText, { name: 'isoplan-nul-text', fastify: '5.x' });
