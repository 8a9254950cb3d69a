// `isoplan issue create KEY --title TITLE`: a new issue, with its fields and, with --blocked-by, its
// blockers (each edge checked as PUT …/blocked-by does: a cycle is refused with its path).
import { Command } from '@commander-js/extra-typings';
import { isNotFound } from '../../domain/errors.js';
import { assertKnownIssueKeys } from '../../domain/unknown-issue-keys.js';
import type { Backend } from '../backend/backend.js';
import { type CommandFactory, formatOption, projectOption, UsageError } from '../command.js';
import { collectList, issueFieldOptions, issueFields } from '../issue-options.js';
import { statusMark } from '../output/issue-text.js';

/** True when the project has issue `key` (a 404 naming the issue); any other failure is thrown. */
async function issueExists(backend: Backend, project: string, key: string): Promise<boolean> {
  try {
    await backend.issue(project, key);
    return true;
  } catch (error) {
    if (isNotFound(error, 'issue')) return false;
    throw error;
  }
}

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
        // Unknown blockers are bad input (exit 2, as PUT …/blocked-by's 400 is), every one named.
        if (blockers.includes(key)) throw new UsageError(`issue '${key}' cannot be blocked by itself`);
        const known = new Set<string>();
        for (const blocker of new Set(blockers))
          if (await issueExists(backend, project, blocker)) known.add(blocker);
        assertKnownIssueKeys(blockers, (k) => known.has(k), 'blockedBy', project);
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
