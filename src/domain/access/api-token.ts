// A token as the service keeps and shows it: everything but the secret, of which only the SHA-256 digest
// is stored (token-secret.ts) and the last four characters are shown.
import type { Scope } from './scope.js';

export interface ApiToken {
  id: string;
  /** The actor of the audit trail. */
  name: string;
  scope: Scope;
  /** The one project the token may see, or null for any. */
  project: string | null;
  /** The secret's last four characters. */
  lastFour: string;
  /** The actor that created it. */
  createdBy: string;
  createdAt: Date;
  expiresAt: Date;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
  /** The actor that revoked it: null while it is not revoked (or revoked before this was recorded). */
  revokedBy: string | null;
}

/** Why a stored token cannot be used now, or null when it can. */
export function tokenUnusable(
  token: Pick<ApiToken, 'expiresAt' | 'revokedAt'>,
  now: Date,
): 'revoked' | 'expired' | null {
  if (token.revokedAt !== null && token.revokedAt.getTime() <= now.getTime()) return 'revoked';
  if (token.expiresAt.getTime() <= now.getTime()) return 'expired';
  return null;
}
