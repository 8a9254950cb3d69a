// `isoplan start KEY`: mark an issue in progress. An issue still waiting on open blockers is refused
// (naming them) unless --force; a finished one must be reopened first.
import { Command } from '@commander-js/extra-typings';
import { isFinished } from '../../domain/model.js';
import { type CommandFactory, formatOption, projectOption } from '../command.js';
import { issueHeading } from '../output/issue-text.js';
import { changeStatus } from '../status-change.js';

export const startCommand: CommandFactory = (cli) =>
  new Command('start')
    .summary('mark an issue in progress (refused while its blockers are open, unless --force)')
    .argument('<key>', 'the issue')
    .addOption(projectOption())
    .option('--force', 'start it even though some of its blockers are still open')
    .addOption(formatOption(['text', 'json']))
    .action(
      cli.action(async (ctx, key, options) => {
        const { project, backend } = await ctx.onProject(options.project);
        const { after, changed } = await changeStatus(backend, project, key, 'in_progress', async (issue) => {
          if (isFinished(issue.status))
            return `${key} is ${issue.status}: reopen it first (isoplan reopen ${key})`;
          if (options.force) return null;
          const open = (await backend.blockers(project, key)).blockers.filter((b) => b.distance === 1);
          if (open.length === 0) return null;
          return `${key} is blocked by ${open.map((b) => b.key).join(', ')}: finish them first, or start it anyway with --force`;
        });
        if (options.format === 'json') ctx.json(after);
        else
          ctx.note(issueHeading(ctx.style, after, ctx.width, changed ? 'started' : 'already in progress:'));
        return undefined;
      }),
    );
