// The actors the service names itself in the audit trail. No token may take these names (new-token.ts),
// so that `github` in a history is always GitHub and `anonymous` always a request without a token.

/** A request without a token, where the service lets one through (public reads, or no token exists yet). */
export const ANONYMOUS_ACTOR = 'anonymous';
/** GitHub: webhook deliveries and syncs. */
export const GITHUB_ACTOR = 'github';
/** The bootstrap admin token of ISOPLAN_API_TOKEN. */
export const BOOTSTRAP_ACTOR = 'api-token';

export const RESERVED_ACTORS = [ANONYMOUS_ACTOR, GITHUB_ACTOR, BOOTSTRAP_ACTOR] as const;
