// `isoplan token create --name NAME --scope read|write|admin [--project SLUG] [--expires 90d]`: a new API
// token on the database file. The token alone goes to standard output (`TOKEN=$(isoplan token create …)`);
// what was made goes to standard error. `--format json` prints what POST /v1/tokens answers.
import { Command, Option } from '@commander-js/extra-typings';
import { toCreatedTokenResponse } from '../../api/schemas/tokens.js';
import { DEFAULT_TOKEN_DAYS, MAX_TOKEN_DAYS } from '../../domain/access/new-token.js';
import { SCOPES } from '../../domain/access/scope.js';
import { type CommandFactory, formatOption, UsageError } from '../command.js';
import { withTokenService } from '../tokens.js';

/** `--expires`: `90d` or `90`, in days. */
export function parseExpiry(text: string): number {
  const match = /^(\d{1,4})d?$/.exec(text.trim());
  if (match === null) throw new UsageError(`--expires must be a number of days such as 90d, not '${text}'`);
  return Number(match[1]);
}

export const tokenCreateCommand: CommandFactory = (cli) =>
  new Command('create')
    .summary('create an API token and print it (shown this once)')
    .description(
      // One string per paragraph: commander wraps each to the terminal's width.
      [
        'Works on the database file (DATABASE_URL), with or without a running service. The token alone goes ' +
          'to standard output (TOKEN=$(isoplan token create …)); what was made goes to standard error. The ' +
          'token is stored only as a SHA-256 digest: keep it now, it cannot be shown again.',
        'NAME is the actor of the audit trail for everything done with the token. Scopes: read (GET and ' +
          'read-only POSTs such as what-ifs and forecasts); write (implies read: issues, dependencies, claims, ' +
          'checks, imports, validations, syncs); admin (implies both: projects, GitHub links, tokens). With ' +
          '--project, the token sees that project only: others answer 404 as if they did not exist.',
        'A NAME that mixes the letters of two scripts (Cyrillic а in аlice) is refused, and so is one that looks ' +
          'like the name of another live token (Cyrillic рор against pop): a history would show them alike. ' +
          'The same name as a live token is fine (rotating a token).',
      ].join('\n\n'),
    )
    .requiredOption('-n, --name <name>', 'who acts with the token (the audit trail names it)')
    .addOption(new Option('-s, --scope <scope>', 'what it may do').choices(SCOPES).makeOptionMandatory())
    .option('-p, --project <slug>', 'limit the token to this project')
    .option(
      '-e, --expires <days>',
      `days until it expires, e.g. 30d (default ${DEFAULT_TOKEN_DAYS}d, at most ${MAX_TOKEN_DAYS}d)`,
    )
    .addOption(formatOption(['text', 'json']))
    .action(
      cli.action(async (ctx, options) => {
        const request = {
          name: options.name,
          scope: options.scope,
          ...(options.project === undefined ? {} : { project: options.project }),
          ...(options.expires === undefined ? {} : { expiresInDays: parseExpiry(options.expires) }),
        };
        const issued = await withTokenService(ctx, { create: true }, (tokens) =>
          tokens.create(request, { actor: ctx.fileActor }),
        );
        if (options.format === 'json') ctx.json(toCreatedTokenResponse(issued));
        else ctx.print(issued.secret);
        const { token } = issued;
        if (!ctx.quiet) {
          ctx.io.stderr.write(
            `created token ${token.id} '${token.name}' (${token.scope}, ${token.project ?? 'any project'}), ` +
              `expires ${token.expiresAt.toISOString()}; it is not shown again\n`,
          );
        }
        return undefined;
      }),
    );
