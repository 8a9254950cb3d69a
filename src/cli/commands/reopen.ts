// `isoplan reopen KEY`: put a finished (or started) issue back to open.
import { Command } from '@commander-js/extra-typings';
import { type CommandFactory, formatOption, projectOption } from '../command.js';
import { issueHeading } from '../output/issue-text.js';
import { changeStatus } from '../status-change.js';

export const reopenCommand: CommandFactory = (cli) =>
  new Command('reopen')
    .summary("put an issue back to open (from done, won't do or in progress)")
    .argument('<key>', 'the issue')
    .addOption(projectOption())
    .addOption(formatOption(['text', 'json']))
    .action(
      cli.action(async (ctx, key, options) => {
        const { project, backend } = await ctx.onProject(options.project);
        const { after, changed } = await changeStatus(backend, project, key, 'open');
        if (options.format === 'json') ctx.json(after);
        else
          ctx.note(
            issueHeading(
              ctx.style,
              { ...after, status: 'open' },
              ctx.width,
              changed ? 'reopened:' : 'already open:',
            ),
          );
        return undefined;
      }),
    );
