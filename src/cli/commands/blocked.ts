// `isoplan blocked`: the open issues that wait on others, each with its open blockers and the ready issues
// upstream that hold it (what to do first to free it).
import { Command } from '@commander-js/extra-typings';
import { planWithIssues } from '../backend/backend.js';
import { type CommandFactory, formatOption, projectOption } from '../command.js';
import { issueTable } from '../output/issue-text.js';

export const blockedCommand: CommandFactory = (cli) =>
  new Command('blocked')
    .summary('open issues waiting on others, with their blockers and what to do first')
    .description(
      'Each blocked issue with its direct open blockers (<-) and the ready issues upstream that hold it ' +
        '(first: start with those). The JSON format lists `key`, `title`, `blockedBy` and `rootBlockers`.',
    )
    .addOption(projectOption())
    .addOption(formatOption(['text', 'json']))
    .action(
      cli.action(async (ctx, options) => {
        const { project, backend } = await ctx.onProject(options.project);
        const { plan, byKey } = await planWithIssues(backend, project);
        const blocked = plan.blocked.map((b) => ({
          ...b,
          title: byKey.get(b.key)?.title ?? '',
          status: byKey.get(b.key)?.status ?? 'open',
        }));
        if (options.format === 'json') {
          ctx.json(blocked);
          return undefined;
        }
        if (blocked.length === 0) {
          ctx.print('Nothing is blocked.');
          return undefined;
        }
        const rows = blocked.map((b) => ({
          ...b,
          extra: [`<- ${b.blockedBy.join(', ')}`, `first: ${b.rootBlockers.join(', ')}`],
        }));
        ctx.print(...issueTable(rows, ctx.style, ctx.width));
        return undefined;
      }),
    );
