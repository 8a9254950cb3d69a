// `isoplan token list`: the API tokens of the database file, newest first, with their last four
// characters, never their secrets.
import { Command } from '@commander-js/extra-typings';
import { toTokenResponse } from '../../api/schemas/tokens.js';
import { type ApiToken, tokenUnusable } from '../../domain/access/api-token.js';
import { type CommandFactory, formatOption } from '../command.js';
import { renderTable } from '../output/table.js';
import { withTokenService } from '../tokens.js';

const minute = (date: Date | null) =>
  date === null ? '-' : date.toISOString().slice(0, 16).replace('T', ' ');

/** active, expired, revoked, or revoked by whom when that was recorded. */
function statusOf(token: ApiToken, now: Date): string {
  const unusable = tokenUnusable(token, now);
  if (unusable === 'revoked' && token.revokedBy !== null) return `revoked by ${token.revokedBy}`;
  return unusable ?? 'active';
}

/** The token list as table lines: each token's status (active, expired, revoked) at `now`. */
export function tokenTable(tokens: readonly ApiToken[], now: Date, width: number): string[] {
  const header = ['ID', 'NAME', 'SCOPE', 'PROJECT', 'TOKEN', 'EXPIRES', 'LAST USED', 'STATUS'];
  const rows = tokens.map((t) => [
    t.id,
    t.name,
    t.scope,
    t.project ?? '(any)',
    `isp_…${t.lastFour}`,
    minute(t.expiresAt),
    minute(t.lastUsedAt),
    statusOf(t, now),
  ]);
  return renderTable(
    [header, ...rows],
    header.map((_, i) => ({ text: (row: string[]) => row[i] as string, flexible: i === 1 })),
    width,
  );
}

export const tokenListCommand: CommandFactory = (cli) =>
  new Command('list')
    .alias('ls')
    .summary('list the API tokens, newest first (never their secrets)')
    .description('Works on the database file (DATABASE_URL). The JSON format is what GET /v1/tokens lists.')
    .addOption(formatOption(['text', 'json']))
    .action(
      cli.action(async (ctx, options) => {
        const all = await withTokenService(ctx, { create: false }, async (tokens) => {
          const items: ApiToken[] = [];
          let cursor: string | undefined;
          do {
            const page = await tokens.list({ limit: 500, cursor });
            items.push(...page.items);
            cursor = page.nextCursor ?? undefined;
          } while (cursor !== undefined);
          return items;
        });
        if (options.format === 'json') ctx.json(all.map(toTokenResponse));
        else ctx.print(...tokenTable(all, new Date(), ctx.width));
        return undefined;
      }),
    );
