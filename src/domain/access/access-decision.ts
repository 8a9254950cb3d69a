// Who may call a route: the one rule, as a decision table over what the route requires, who calls, and
// the service's settings. The API's auth hook (src/api/plugins/auth.ts) asks it on every request; it
// does no I/O, so every case is tested without HTTP (test/domain/access/access-decision.test.ts).
//
// - `public` routes (probes, the API document, the dashboard's files) and `github-webhook` routes (they
//   check GitHub's signature themselves) never look at a token.
// - A token that was presented but is unknown, revoked or expired is refused (401), even where no token
//   is needed: a client that sends a credential expects it to count (as GitHub answers).
// - Without a token, nothing is open once public read is off. While it is on, reads are open, and writes
//   too as long as auth is not configured (no token was ever made and ISOPLAN_API_TOKEN is unset): the
//   caller finds that out only when the table says so (`open-unless-configured`), sparing every read the
//   question. Token management is never open: the first token comes from the CLI or ISOPLAN_API_TOKEN.
// - A token limited to a project gets the same 404 as a missing project on any other project's routes,
//   so that it cannot learn which projects exist; outside projects it may only read (the simulator,
//   the project list, which shows it its own project), and not what shows every project (the metrics).
// - Otherwise the token's scope must imply the route's (scope.ts).
import { type Scope, scopeAllows } from './scope.js';

/** What a route requires, declared next to its definition (route config `scope`). */
export type RouteScope = Scope | 'public' | 'github-webhook';
export const ROUTE_SCOPES = [
  'public',
  'github-webhook',
  'read',
  'write',
  'admin',
] as const satisfies readonly RouteScope[];

/**
 * Why a presented credential was refused: not `Bearer <token>`, more than one Authorization header (which
 * one counts is ambiguous), unknown, revoked, expired.
 */
export type RefusedReason = 'malformed' | 'repeated' | 'invalid' | 'revoked' | 'expired';

/** Who calls, once the bearer token (if any) was looked up. */
export type Caller =
  | { kind: 'anonymous' }
  | { kind: 'refused'; reason: RefusedReason }
  | { kind: 'token'; scope: Scope; project: string | null };

export interface AccessRequest {
  scope: RouteScope;
  /** The project the request is about (its `:project` path parameter), if any. */
  project: string | undefined;
  /** Whether this route needs a token even while auth is not configured (token management). */
  alwaysNeedsToken?: boolean;
  /** Whether this route shows every project (the metrics): none for a project-limited token. */
  everyProject?: boolean;
}

export type AccessDecision =
  | { kind: 'allow' }
  /** An anonymous write: allowed only while no token exists and ISOPLAN_API_TOKEN is unset. */
  | { kind: 'open-unless-configured' }
  /** 401: no usable token. */
  | { kind: 'unauthenticated'; reason: 'missing' | RefusedReason }
  /** 403: the token's scope is too small. */
  | { kind: 'insufficient-scope'; required: Scope; granted: Scope }
  /** 403: a project-limited token outside its project, on a route that is not a read. */
  | { kind: 'outside-project'; project: string }
  /** 404: a project-limited token on another project, answered as if that project did not exist. */
  | { kind: 'hidden-project'; project: string };

export function decideAccess(
  route: AccessRequest,
  caller: Caller,
  settings: { publicRead: boolean },
): AccessDecision {
  if (route.scope === 'public' || route.scope === 'github-webhook') return { kind: 'allow' };
  if (caller.kind === 'refused') return { kind: 'unauthenticated', reason: caller.reason };
  if (caller.kind === 'anonymous') {
    if (!settings.publicRead || route.alwaysNeedsToken === true) {
      return { kind: 'unauthenticated', reason: 'missing' };
    }
    return route.scope === 'read' ? { kind: 'allow' } : { kind: 'open-unless-configured' };
  }
  if (caller.project !== null) {
    if (route.project !== undefined && route.project !== caller.project) {
      return { kind: 'hidden-project', project: route.project };
    }
    if (route.project === undefined && (route.scope !== 'read' || route.everyProject === true)) {
      return { kind: 'outside-project', project: caller.project };
    }
  }
  if (!scopeAllows(caller.scope, route.scope)) {
    return { kind: 'insufficient-scope', required: route.scope, granted: caller.scope };
  }
  return { kind: 'allow' };
}
