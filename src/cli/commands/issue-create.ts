// `isoplan issue create KEY --title TITLE`: a new issue, with its fields and, with --blocked-by, its
// blockers (each edge checked as PUT …/blocked-by does: a cycle is refused with its path).
import { Command } from '@commander-js/extra-typings';
import { type CommandFactory, formatOption, projectOption, UsageError } from '../command.js';
import { collectList, issueFieldOptions, issueFields } from '../issue-options.js';
import { statusMark } from '../output/issue-text.js';

export const issueCreateCommand: CommandFactory = (cli) => {
  const [title, body, estimate, low, high, assignee, priority, parent, label, url, status] =
    issueFieldOptions(false);
  return new Command('create')
    .summary('create an issue')
    .argument('<key>', 'its key, unique in the project (ASCII letters, digits, . _ : -)')
    .addOption(projectOption())
    .addOption(title.makeOptionMandatory())
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
    .option('--blocked-by <keys>', 'issues it waits on (repeatable or comma-separated)', collectList)
    .addOption(formatOption(['text', 'json']))
    .action(
      cli.action(async (ctx, key, options) => {
        const { project, backend } = await ctx.onProject(options.project);
        const blockers = options.blockedBy ?? [];
        // A new issue blocks nothing, so its blockers cannot close a cycle: only itself or an unknown key
        // can be refused, and both are checked before anything is written (a refusal leaves no issue).
        if (blockers.includes(key)) throw new UsageError(`issue '${key}' cannot be blocked by itself`);
        for (const blocker of blockers) await backend.issue(project, blocker);
        const created = await backend.createIssue(project, {
          ...issueFields(options, false),
          key,
          title: options.title,
        });
        for (const blocker of blockers) await backend.addDependency(project, key, blocker);
        const issue = options.blockedBy === undefined ? created : await backend.issue(project, key);
        if (options.format === 'json') ctx.json(issue);
        else {
          const waits = issue.blockedBy.length > 0 ? `  (blocked by ${issue.blockedBy.join(', ')})` : '';
          ctx.note(
            `${statusMark(ctx.style, issue.status)} created ${ctx.style.bold(key)}  ${issue.title}${waits}`,
          );
        }
        return undefined;
      }),
    );
};
