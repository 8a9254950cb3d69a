// API tokens (table ApiToken, 0005_api_tokens): the digest of each secret, never the secret; ids are the
// row ids as strings; lists are newest first. Rows are never deleted, so that a revoked token's name and
// dates stay on record and "was any token ever made" (auth is configured) can never become false again.
import type { ApiToken } from '../domain/access/api-token.js';
import type { Scope } from '../domain/access/scope.js';
import { NotFoundError } from '../domain/errors.js';
import { decodeNumberCursor, toPage } from './cursor.js';
import type { Prisma } from './generated/client.js';
import { rowId } from './row-id.js';
import { read, type StoreContext, write } from './store-context.js';
import type { Page, PageRequest, TokenStore } from './types.js';

/** What creations of tokens that check the others take turns on (the engine's write lock); no slug can be it. */
const TOKENS_LOCK = ':api-tokens';

type TokenRow = Prisma.ApiTokenGetPayload<object>;

function toToken(row: TokenRow): ApiToken {
  return {
    id: String(row.id),
    name: row.name,
    scope: row.scope as Scope,
    project: row.projectSlug,
    lastFour: row.lastFour,
    createdBy: row.createdBy,
    createdAt: row.createdAt,
    expiresAt: row.expiresAt,
    lastUsedAt: row.lastUsedAt,
    revokedAt: row.revokedAt,
    revokedBy: row.revokedBy,
  };
}

export function createTokenStore(ctx: StoreContext): TokenStore {
  return {
    async create(token, refuse) {
      // Under the tokens' own write lock when there is something to check: the look and the insert are
      // then one step for every process (as deliveries' claims are).
      const row = await write(ctx, refuse === undefined ? null : TOKENS_LOCK, async (tx) => {
        if (refuse !== undefined) {
          const refused = refuse((await tx.apiToken.findMany({ orderBy: { id: 'desc' } })).map(toToken));
          if (refused !== null) throw refused;
        }
        return tx.apiToken.create({
          data: {
            name: token.name,
            scope: token.scope,
            projectSlug: token.project,
            digest: token.digest,
            lastFour: token.lastFour,
            createdBy: token.createdBy,
            expiresAt: token.expiresAt,
          },
        });
      });
      return toToken(row);
    },

    async list(page: PageRequest): Promise<Page<ApiToken>> {
      const before = page.cursor === undefined ? undefined : decodeNumberCursor('tokens', page.cursor);
      const rows = await read(ctx, (db) =>
        db.apiToken.findMany({
          where: before === undefined ? {} : { id: { lt: before } },
          orderBy: { id: 'desc' },
          take: page.limit + 1,
        }),
      );
      return toPage(rows.map(toToken), page.limit, 'tokens', (token) => Number(token.id));
    },

    async findByDigest(digest: string): Promise<(ApiToken & { digest: string }) | null> {
      const row = await read(ctx, (db) => db.apiToken.findUnique({ where: { digest } }));
      return row === null ? null : { ...toToken(row), digest: row.digest };
    },

    async revoke(id: string, at: Date, by: string): Promise<ApiToken> {
      const n = rowId(id);
      const row = await write(ctx, null, async (tx) => {
        const current = n === null ? null : await tx.apiToken.findUnique({ where: { id: n } });
        if (current === null) throw new NotFoundError('token', id);
        if (current.revokedAt !== null) return current;
        return tx.apiToken.update({ where: { id: current.id }, data: { revokedAt: at, revokedBy: by } });
      });
      return toToken(row);
    },

    async touch(id: string, at: Date): Promise<void> {
      const n = rowId(id);
      if (n === null) return;
      // Only forward: uses are written in the background and may land out of order (on PostgreSQL, over
      // several connections), and an older one must not move lastUsedAt back.
      await write(ctx, null, (tx) =>
        tx.apiToken.updateMany({
          where: { id: n, OR: [{ lastUsedAt: null }, { lastUsedAt: { lt: at } }] },
          data: { lastUsedAt: at },
        }),
      );
    },

    async anyExists(): Promise<boolean> {
      const row = await read(ctx, (db) => db.apiToken.findFirst({ select: { id: true } }));
      return row !== null;
    },
  };
}
