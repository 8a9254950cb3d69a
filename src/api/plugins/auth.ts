// Who is calling: the audit trail's actor, and, when ISOPLAN_API_TOKEN is set,
// a bearer token on every write (reads stay open).
import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { truncate } from '../../domain/ci/truncate.js';
import { DomainError } from '../../domain/errors.js';
import { headerText } from '../http/header-text.js';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** A POST that changes nothing (e.g. a what-if): open to readers like a GET. */
    readOnly?: boolean;
    /** GitHub's webhook: authenticated by its signature (the route checks it), never by a bearer token; actor `github`. */
    webhook?: boolean;
  }
  interface FastifyRequest {
    /** Recorded in the audit trail: the X-Actor header, else `anonymous` (`api-token` with a token). */
    actor: string;
  }
}

export interface AuthOptions {
  apiToken: string | undefined;
}

export class UnauthorizedError extends DomainError {
  constructor(detail: string) {
    super({ type: 'unauthorized', title: 'Unauthorized', status: 401, detail });
  }
}

const READ_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
const MAX_ACTOR_LENGTH = 200;

export function isRead(method: string, config: { readOnly?: boolean } | undefined): boolean {
  return READ_METHODS.has(method) || config?.readOnly === true;
}

const digest = (value: string) => createHash('sha256').update(value).digest();

async function auth(app: FastifyInstance, options: AuthOptions): Promise<void> {
  const expected = options.apiToken === undefined ? undefined : digest(options.apiToken);

  app.decorateRequest('actor', 'anonymous');
  app.addHook('onRequest', async (request, reply) => {
    if (request.routeOptions.config?.webhook === true) {
      request.actor = 'github';
      return;
    }
    const header = request.headers['x-actor'];
    const named = typeof header === 'string' ? truncate(headerText(header).trim(), MAX_ACTOR_LENGTH, '') : '';
    request.actor = named || 'anonymous';

    if (expected === undefined || isRead(request.method, request.routeOptions.config)) return;
    const authorization = request.headers.authorization ?? '';
    const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization);
    // Compare digests: equal length, constant time, whatever the client sent.
    if (match === null || !timingSafeEqual(digest(match[1] as string), expected)) {
      reply.header('www-authenticate', 'Bearer realm="isoplan"');
      throw new UnauthorizedError(
        match === null
          ? 'writes need an Authorization: Bearer <token> header'
          : 'the bearer token is not valid',
      );
    }
    if (!named) request.actor = 'api-token';
  });
}

export default fp(auth, { name: 'isoplan-auth', fastify: '5.x' });
