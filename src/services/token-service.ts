// API tokens, for the API (POST/GET /v1/tokens, DELETE /v1/tokens/:id, and every request's bearer token)
// and the CLI (`isoplan token create|list|revoke` on the database file). A new token's secret is made
// here, returned once, and forgotten: the store keeps its SHA-256 digest and last four characters.
//
// Revocation and expiry take effect on the next request: each use reads the token's row (one indexed
// query), so that a token revoked by the CLI in another process is refused at once. `lastUsedAt` is
// written at most once a minute per token, so that reads do not each pay for a synced write.
import { timingSafeEqual } from 'node:crypto';
import { type ApiToken, tokenUnusable } from '../domain/access/api-token.js';
import { confusable } from '../domain/access/confusable-names.js';
import { type NewToken, parseNewToken, tokenExpiry } from '../domain/access/new-token.js';
import { isWellFormedToken, lastFourOf, newTokenSecret, tokenDigest } from '../domain/access/token-secret.js';
import { ConfusableNameError, InvalidInputError, NotFoundError } from '../domain/errors.js';
import type { Actor, Page, PageRequest, ProjectStore, TokenStore } from '../store/types.js';

/** How often a token's `lastUsedAt` is written, at most. */
export const LAST_USED_RESOLUTION_MS = 60_000;

export interface TokenServiceDeps {
  tokens: Pick<TokenStore, 'create' | 'list' | 'findByDigest' | 'revoke' | 'touch' | 'anyExists'>;
  projects: Pick<ProjectStore, 'get'>;
  /** Defaults to the system clock; tests pin it. */
  now?: () => Date;
  /** A failed `lastUsedAt` write (it never fails the request that used the token). */
  onTouchError?: (error: unknown) => void;
}

/** A token just made: `secret` is its text, shown this once and never again. */
export interface IssuedToken {
  token: ApiToken;
  secret: string;
}

export type Authentication =
  | { ok: true; token: ApiToken }
  | { ok: false; reason: 'invalid' | 'revoked' | 'expired' };

export interface TokenService {
  /**
   * InvalidInputError for a bad name (mixed scripts among them), scope or lifetime, or an unknown project
   * (`project`); ConfusableNameError (409) for a name that looks like a live token's other name.
   */
  create(request: NewToken, by: Actor): Promise<IssuedToken>;
  list(page: PageRequest): Promise<Page<ApiToken>>;
  /** NotFoundError for an unknown id; revoking twice keeps the first revocation (and who made it). */
  revoke(id: string, by: Actor): Promise<ApiToken>;
  /** The token whose text this is, if it can be used now. */
  authenticate(text: string): Promise<Authentication>;
  /** Whether any token was ever made (then auth is configured for good: rows are never deleted). */
  anyExists(): Promise<boolean>;
}

export function createTokenService({
  tokens,
  projects,
  now = () => new Date(),
  onTouchError = () => {},
}: TokenServiceDeps): TokenService {
  let configured = false;
  const lastTouched = new Map<string, number>();

  function touchLater(id: string, at: Date): void {
    const previous = lastTouched.get(id);
    if (previous !== undefined && at.getTime() - previous < LAST_USED_RESOLUTION_MS) return;
    lastTouched.set(id, at.getTime());
    tokens.touch(id, at).catch(onTouchError);
  }

  /** The refusal of `name` when a live token's name looks like it without being it (confusable-names.ts). */
  function lookAlikeOf(name: string, at: Date) {
    return (stored: readonly ApiToken[]): Error | null => {
      const clash = stored.find((t) => tokenUnusable(t, at) === null && confusable(name, t.name));
      return clash === undefined ? null : new ConfusableNameError(name, clash);
    };
  }

  return {
    async create(request, by) {
      const input = parseNewToken(request);
      const project = input.project ?? null;
      if (project !== null) {
        await projects.get(project).catch((error: unknown) => {
          if (!(error instanceof NotFoundError)) throw error;
          const message = `project '${project}' does not exist`;
          throw new InvalidInputError(message, [{ path: 'project', message }]);
        });
      }
      const secret = newTokenSecret();
      const token = await tokens.create(
        {
          name: input.name,
          scope: input.scope,
          project,
          digest: tokenDigest(secret),
          lastFour: lastFourOf(secret),
          createdBy: by.actor,
          expiresAt: tokenExpiry(now(), input.expiresInDays),
        },
        lookAlikeOf(input.name, now()),
      );
      configured = true;
      return { token, secret };
    },

    list: (page) => tokens.list(page),

    revoke: (id, by) => tokens.revoke(id, now(), by.actor),

    async authenticate(text) {
      // A typo or a truncated copy fails its checksum: no query.
      if (!isWellFormedToken(text)) return { ok: false, reason: 'invalid' };
      const digest = tokenDigest(text);
      const found = await tokens.findByDigest(digest);
      // The row was found by its digest; comparing the digests again in constant time keeps the last step
      // free of timing differences whatever the index did. (Timing of an index lookup by digest reveals at
      // most bits of a digest, which cannot be turned back into a token.)
      if (found === null || !timingSafeEqual(Buffer.from(found.digest, 'hex'), Buffer.from(digest, 'hex'))) {
        return { ok: false, reason: 'invalid' };
      }
      const at = now();
      const unusable = tokenUnusable(found, at);
      if (unusable !== null) return { ok: false, reason: unusable };
      touchLater(found.id, at);
      const { digest: _digest, ...token } = found;
      return { ok: true, token };
    },

    async anyExists() {
      configured ||= await tokens.anyExists();
      return configured;
    },
  };
}
