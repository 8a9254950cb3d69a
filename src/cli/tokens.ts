// What the `isoplan token …` commands share: the token service over the database file of DATABASE_URL
// (never a running service: the first token of a service is made this way, or with ISOPLAN_API_TOKEN),
// closed after the command's work.
import { createTokenService, type TokenService } from '../services/token-service.js';
import type { CommandContext } from './command.js';
import { openConfiguredDatabase } from './database.js';

/** Runs `work` with the token service over the database file; the database is closed afterwards. */
export async function withTokenService<T>(
  ctx: CommandContext,
  work: (tokens: TokenService) => Promise<T>,
): Promise<T> {
  const database = await openConfiguredDatabase(await ctx.config());
  try {
    return await work(
      createTokenService({ tokens: database.stores.tokens, projects: database.stores.projects }),
    );
  } finally {
    await database.close();
  }
}
