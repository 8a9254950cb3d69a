// `isoplan issue edit KEY [--title …] [--estimate …] …`: change the given fields of an issue, nothing else.
import { Command } from '@commander-js/extra-typings';
import { type CommandFactory, formatOption, projectOption, UsageError } from '../command.js';
import { issueFieldOptions, issueFields } from '../issue-options.js';
import { statusMark } from '../output/issue-text.js';

export const issueEditCommand: CommandFactory = (cli) => {
  const [title, body, estimate, low, high, assignee, priority, parent, label, url, status] =
    issueFieldOptions(true);
  return new Command('edit')
    .summary('change fields of an issue (only those given)')
    .argument('<key>', 'the issue')
    .addOption(projectOption())
    .addOption(title)
    .addOption(body)
    .addOption(estimate)
    .addOption(low)
    .addOption(high)
    .addOption(assignee)
    .addOption(priority)
    .addOption(parent)
    .addOption(label)
    .addOption(url)
    .addOption(status)
    .addOption(formatOption(['text', 'json']))
    .action(
      cli.action(async (ctx, key, options) => {
        const patch = issueFields(options, true);
        if (Object.keys(patch).length === 0)
          throw new UsageError('nothing to change: give at least one field option');
        const { project, backend } = await ctx.onProject(options.project);
        const issue = await backend.updateIssue(project, key, patch);
        if (options.format === 'json') ctx.json(issue);
        else ctx.note(`${statusMark(ctx.style, issue.status)} edited ${ctx.style.bold(key)}  ${issue.title}`);
        return undefined;
      }),
    );
};
