// What the `isoplan token …` commands share: the token service over the database file of DATABASE_URL
// (never a running service: the first token of a service is made this way, or with ISOPLAN_API_TOKEN),
// closed after the command's work.
import { describeDatabase } from '../config.js';
import { createTokenService, type TokenService } from '../services/token-service.js';
import type { CommandContext } from './command.js';
import { type OpenOptions, openConfiguredDatabase } from './database.js';

/**
 * Runs `work` with the token service over the database file; the database is closed afterwards. With a
 * service given (--server, ISOPLAN_SERVER), which every other command would talk to, it says first which
 * file it works on instead: a token made in another file than the service's is one the service never takes.
 * `create`: only `token create` may create the database (the first token of a new service).
 */
export async function withTokenService<T>(
  ctx: CommandContext,
  { create }: Pick<OpenOptions, 'create'>,
  work: (tokens: TokenService) => Promise<T>,
): Promise<T> {
  const config = await ctx.config();
  if (ctx.server !== undefined) {
    ctx.io.stderr.write(
      `isoplan: token commands work on the database file ${describeDatabase(config)} (DATABASE_URL), ` +
        `not on the service at ${ctx.server}; a service's own tokens are made on its database, or over ` +
        'its API (POST /v1/tokens with an admin token)\n',
    );
  }
  const database = await openConfiguredDatabase(config, { create });
  try {
    return await work(
      createTokenService({ tokens: database.stores.tokens, projects: database.stores.projects }),
    );
  } finally {
    await database.close();
  }
}
