// Who is calling, and may they: every request's bearer token is looked up (a token of the database, or
// ISOPLAN_API_TOKEN, the bootstrap admin), its budget spent (rate-limit.ts), then the route's declared
// scope decides (src/domain/access/access-decision.ts: the one rule). Each route declares its scope once,
// next to its definition, in its config (`config: { scope: 'write' }`); the app refuses to start when a
// route has none, so that no route is open or closed by accident.
//
// The audit trail's actor is the token's name (`anonymous` without one, `github` on GitHub's webhook
// routes); the X-Actor header is kept apart as whom the actor acted for, never as the actor.

import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import {
  type AccessDecision,
  type Caller,
  decideAccess,
  ROUTE_SCOPES,
  type RouteScope,
} from '../../domain/access/access-decision.js';
import {
  ANONYMOUS_ACTOR,
  BOOTSTRAP_ACTOR,
  GITHUB_ACTOR,
  HIDDEN_IN_ACTOR,
  type Requester,
} from '../../domain/access/actors.js';
import { type Scope, scopeAllows } from '../../domain/access/scope.js';
import { truncate } from '../../domain/ci/truncate.js';
import { DomainError, NotFoundError } from '../../domain/errors.js';
import type { ValidationCaller } from '../../services/validation-service.js';
import { joinedLookups } from '../../store/joined-lookups.js';
import { clientKey } from '../http/client-key.js';
import { headerText } from '../http/header-text.js';

declare module 'fastify' {
  interface FastifyContextConfig {
    /**
     * Who may call the route: `public`, `read`, `write`, `admin`, or `github-webhook` (no token: the route
     * checks GitHub's signature itself and acts as `github`). Required on every route.
     */
    scope?: RouteScope;
    /** Token management: a token is needed even while the service is open (no token exists yet). */
    alwaysNeedsToken?: boolean;
    /** The route shows every project (the metrics): a token limited to a project is refused (403). */
    everyProject?: boolean;
  }
  interface FastifyRequest {
    access: Access;
  }
}

/** The caller of a request, as the auth hook found it. */
export interface Access {
  /** The audit trail's actor: the token's name, `anonymous`, or `github`. */
  actor: string;
  /** The X-Actor header: whom the actor says it acts for. */
  onBehalfOf: string | null;
  /** The token used, or null without one. */
  token: { id: string; scope: Scope; project: string | null } | null;
  /**
   * Whether the caller would still be let in now: false once its token was revoked or has expired. A
   * response that lasts (an event stream) asks as it goes; the request's own answer was decided already.
   */
  stillGranted(): Promise<boolean>;
}

const ALWAYS = async () => true;

export interface AuthOptions {
  /** ISOPLAN_API_TOKEN: a bootstrap admin token next to the database's tokens. */
  apiToken: string | undefined;
  /** ISOPLAN_PUBLIC_READ: reads without a token. */
  publicRead: boolean;
}

export class UnauthorizedError extends DomainError {
  constructor(detail: string) {
    super({ type: 'unauthorized', title: 'Unauthorized', status: 401, detail });
  }
}

export class InsufficientScopeError extends DomainError {
  constructor(required: Scope, granted: Scope, what = 'this request') {
    super({
      type: 'insufficient-scope',
      title: 'Insufficient scope',
      status: 403,
      detail: `${what} needs a token with the ${required} scope; this token has ${granted}`,
      extensions: { requiredScope: required, tokenScope: granted },
    });
  }
}

export class OutsideProjectError extends DomainError {
  constructor(project: string) {
    super({
      type: 'token-limited-to-project',
      title: 'Forbidden',
      status: 403,
      detail: `this token is limited to project '${project}': outside it, it may only read what shows no other project`,
      extensions: { project },
    });
  }
}

const MAX_ACTOR_LENGTH = 200;
const REALM = 'Bearer realm="isoplan"';
const BEARER = /^Bearer +(\S+) *$/i;

const UNAUTHENTICATED: Record<Extract<AccessDecision, { kind: 'unauthenticated' }>['reason'], string> = {
  missing: 'this request needs a token: send Authorization: Bearer <token>',
  malformed: 'the Authorization header must be Bearer <token>',
  repeated: 'the request has more than one Authorization header: send one, Bearer <token>',
  invalid: 'the bearer token is not valid',
  revoked: 'the bearer token has been revoked',
  expired: 'the bearer token has expired',
};

/** The X-Actor header as its client wrote it (UTF-8 kept), trimmed and bounded without splitting a character, or null. */
function onBehalfOfHeader(request: FastifyRequest): string | null {
  const header = request.headers['x-actor'];
  const named =
    typeof header === 'string'
      ? truncate(headerText(header).replace(HIDDEN_IN_ACTOR, '').trim(), MAX_ACTOR_LENGTH, '')
      : '';
  return named === '' ? null : named;
}

/**
 * Who a request acts as in the audit trail (and who asked, on a run it makes): its actor, whom it acts for,
 * and the token it acts with.
 */
export function actorOf(request: FastifyRequest): Requester {
  const { actor, onBehalfOf, token } = request.access;
  return { actor, onBehalfOf, tokenId: token?.id ?? null };
}

/** A request that asks for a validation or a CI check: its share of the simulator, and who asks. */
export function validationCallerOf(request: FastifyRequest): ValidationCaller {
  return { client: clientKey(request), requester: actorOf(request) };
}

/**
 * For a request whose body, not its route, asks for more (an import that creates or reshapes the
 * project, a sync that relinks it): refuses a token whose scope does not imply `required`. A request
 * without a token got past the route's own decision, which opens every scope alike (no token exists).
 */
export function requireScope(request: FastifyRequest, required: Scope, what: string): void {
  const token = request.access.token;
  if (token !== null && !scopeAllows(token.scope, required))
    throw new InsufficientScopeError(required, token.scope, what);
}

/** The scope of the route that answers `request` (unknown URLs are public: they answer 404 to anyone). */
export function routeScopeOf(request: FastifyRequest): RouteScope {
  if (request.is404) return 'public';
  // Unreachable for a started app (onReady below); a route without a scope is closed, never open.
  return request.routeOptions.config?.scope ?? 'admin';
}

/**
 * How many Authorization header lines the request has. Node keeps only the first of several (its rule for
 * this header) and drops the rest unseen, so that a second credential, from a client or a proxy that adds
 * its own, would be ignored in silence: the raw headers still have them all.
 */
function authorizationLines(request: FastifyRequest): number {
  const raw = request.raw.rawHeaders;
  let lines = 0;
  for (let i = 0; i < raw.length; i += 2) if (raw[i]?.toLowerCase() === 'authorization') lines++;
  return lines;
}

/** The `:project` path parameter, if the route has one. */
function projectParam(request: FastifyRequest): string | undefined {
  const { project } = (request.params ?? {}) as { project?: unknown };
  return typeof project === 'string' ? project : undefined;
}

async function auth(app: FastifyInstance, options: AuthOptions): Promise<void> {
  const digest = (text: string) => createHash('sha256').update(text).digest();
  const bootstrap = options.apiToken === undefined ? undefined : digest(options.apiToken);
  const tokens = () => app.services.tokens;

  type Identified = { caller: Caller; token?: NonNullable<Access['token']> & { name: string } };

  /** The caller behind a bearer token's text. */
  async function identify(text: string): Promise<Identified> {
    // Digests: equal length, constant time, whatever the client sent.
    if (bootstrap !== undefined && timingSafeEqual(digest(text), bootstrap)) {
      return {
        caller: { kind: 'token', scope: 'admin', project: null },
        token: { id: BOOTSTRAP_ACTOR, name: BOOTSTRAP_ACTOR, scope: 'admin', project: null },
      };
    }
    const found = await tokens().authenticate(text);
    if (!found.ok) return { caller: { kind: 'refused', reason: found.reason } };
    const { id, name, scope, project } = found.token;
    return { caller: { kind: 'token', scope, project }, token: { id, name, scope, project } };
  }

  /** identify, shared by the callers that ask in the same turn (joined-lookups.ts: none gets an older answer). */
  const recheck = joinedLookups(identify);

  function refuse(
    reply: FastifyReply,
    decision: Exclude<AccessDecision, { kind: 'allow' | 'open-unless-configured' }>,
  ): never {
    switch (decision.kind) {
      case 'unauthenticated':
        reply.header(
          'www-authenticate',
          decision.reason === 'missing' ? REALM : `${REALM}, error="invalid_token"`,
        );
        throw new UnauthorizedError(UNAUTHENTICATED[decision.reason]);
      case 'insufficient-scope':
        reply.header(
          'www-authenticate',
          `${REALM}, error="insufficient_scope", scope="${decision.required}"`,
        );
        throw new InsufficientScopeError(decision.required, decision.granted);
      case 'outside-project':
        throw new OutsideProjectError(decision.project);
      case 'hidden-project':
        // Word for word what a missing project answers: the token must not learn that it exists.
        throw new NotFoundError('project', decision.project);
    }
  }

  app.decorateRequest('access', null as unknown as Access);

  app.addHook('onRequest', async (request, reply) => {
    const scope = routeScopeOf(request);
    const onBehalfOf = onBehalfOfHeader(request);
    let caller: Caller = { kind: 'anonymous' };
    request.access = {
      actor: scope === 'github-webhook' ? GITHUB_ACTOR : ANONYMOUS_ACTOR,
      onBehalfOf,
      token: null,
      stillGranted: ALWAYS,
    };
    const route = {
      scope,
      project: projectParam(request),
      alwaysNeedsToken: request.routeOptions.config?.alwaysNeedsToken,
      everyProject: request.routeOptions.config?.everyProject,
    };

    // Public and webhook routes never look at a token.
    const authorization = request.headers.authorization;
    if (scope !== 'public' && scope !== 'github-webhook' && authorization !== undefined) {
      const text = BEARER.exec(authorization)?.[1];
      if (authorizationLines(request) > 1) caller = { kind: 'refused', reason: 'repeated' };
      else if (text === undefined) caller = { kind: 'refused', reason: 'malformed' };
      else {
        const found = await identify(text);
        caller = found.caller;
        if (found.token !== undefined) {
          const { name, ...token } = found.token;
          // The token is looked up again (its row, as at every request): revoked or expired by now? The
          // event streams opened with one token ask together (one timer pings them all) and share a lookup.
          const stillGranted = async () =>
            decideAccess(route, (await recheck(text)).caller, options).kind === 'allow';
          request.access = { actor: name, onBehalfOf, token, stillGranted };
        }
      }
    }

    await app.spendRateBudget(request, reply, clientKey(request));

    const decision = decideAccess(route, caller, options);
    if (decision.kind === 'allow') return;
    if (decision.kind === 'open-unless-configured') {
      // Writes are open until the first token exists (or ISOPLAN_API_TOKEN is set); never again after.
      if (bootstrap === undefined && !(await tokens().anyExists())) return;
      refuse(reply, { kind: 'unauthenticated', reason: 'missing' });
    }
    refuse(reply, decision);
  });

  // Every route says who may call it. Checked once all routes are in (a plugin may set the scope of the
  // routes it registers for a library that takes no route config, as the API reference does).
  const routes: Array<{ method: string | string[]; url: string; config?: { scope?: unknown } }> = [];
  app.addHook('onRoute', (route) => {
    routes.push(route);
  });
  app.addHook('onReady', async () => {
    const undeclared = routes.filter(
      (route) => !(ROUTE_SCOPES as readonly unknown[]).includes(route.config?.scope),
    );
    if (undeclared.length > 0) {
      const names = undeclared.map((route) => `${[route.method].flat().join(',')} ${route.url}`);
      throw new Error(
        `routes without a scope decision: ${names.join('; ')}. Declare config: { scope: ${ROUTE_SCOPES.map((s) => `'${s}'`).join(' | ')} } next to each`,
      );
    }
  });
}

export default fp(auth, {
  name: 'isoplan-auth',
  fastify: '5.x',
  dependencies: ['isoplan-services', 'isoplan-rate-limit'],
});
