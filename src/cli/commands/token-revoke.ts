// `isoplan token revoke ID`: a running service on the same database refuses the token from its next
// request.
import { Command } from '@commander-js/extra-typings';
import type { CommandFactory } from '../command.js';
import { ticked } from '../output/style.js';
import { withTokenService } from '../tokens.js';

export const tokenRevokeCommand: CommandFactory = (cli) =>
  new Command('revoke')
    .summary('revoke an API token: refused from the next request on')
    .description('Works on the database file (DATABASE_URL). Revoking a revoked token changes nothing.')
    .argument('<id>', 'the token id (isoplan token list)')
    .action(
      cli.action(async (ctx, id) => {
        const token = await withTokenService(ctx, { create: false }, (tokens) =>
          tokens.revoke(id, { actor: ctx.fileActor }),
        );
        ctx.note(ticked(ctx.style, `revoked token ${token.id} '${token.name}'`));
        return undefined;
      }),
    );
