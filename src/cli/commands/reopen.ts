// `isoplan reopen KEY`: put a finished (or started) issue back to open.
import { Command } from '@commander-js/extra-typings';
import { type CommandFactory, formatOption, projectOption } from '../command.js';
import { statusMark } from '../output/issue-text.js';
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
            `${statusMark(ctx.style, 'open')} ${changed ? 'reopened:' : 'already open:'} ${ctx.style.bold(key)}  ${after.title}`,
          );
        return undefined;
      }),
    );
