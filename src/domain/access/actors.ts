// The actors the service names itself in the audit trail. No token may take these names (new-token.ts),
// so that `github` in a history is always GitHub and `anonymous` always a request without a token.

/** A request without a token, where the service lets one through (public reads, or no token exists yet). */
export const ANONYMOUS_ACTOR = 'anonymous';
/** GitHub: webhook deliveries and syncs. */
export const GITHUB_ACTOR = 'github';
/** The bootstrap admin token of ISOPLAN_API_TOKEN. */
export const BOOTSTRAP_ACTOR = 'api-token';

export const RESERVED_ACTORS = [ANONYMOUS_ACTOR, GITHUB_ACTOR, BOOTSTRAP_ACTOR] as const;

/**
 * Who asked for a validation run or a CI check run, named as the audit trail names a change's author: the
 * actor (a token's name, or one of the names above), whom it said it acted for, and its token's id.
 */
export interface Requester {
  actor: string;
  onBehalfOf: string | null;
  tokenId: string | null;
}

/** GitHub asking, through a webhook delivery. */
export const GITHUB_REQUESTER: Requester = { actor: GITHUB_ACTOR, onBehalfOf: null, tokenId: null };

/**
 * What an actor's name may not carry: control characters, and the invisible ones that would make it
 * display as another name: Unicode's default-ignorable code points (bidirectional overrides, isolates and
 * marks, zero-width space, soft hyphen, word joiner, BOM, tags, fillers), a list kept by Unicode rather
 * than by hand. Joiners stay, and the emoji presentation selectors: scripts and emoji need them. A token's
 * name is refused with one (new-token.ts); the X-Actor header is kept without them (api/plugins/auth.ts).
 */
export const HIDDEN_IN_ACTOR = /(?!\u200C|\u200D|\uFE0E|\uFE0F)[\p{Cc}\p{Default_Ignorable_Code_Point}]/gu;
