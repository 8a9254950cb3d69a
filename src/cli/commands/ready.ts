// `isoplan ready`: what can start now — the open issues whose blockers are all finished, in the order to
// start them (the plan's ranking: priority, least slack, the work downstream, what each unblocks), with the
// reason in words.
import { Command } from '@commander-js/extra-typings';
import { planWithIssues } from '../backend/backend.js';
import { type CommandFactory, formatOption, projectOption } from '../command.js';
import { days, issueTable } from '../output/issue-text.js';

export const readyCommand: CommandFactory = (cli) =>
  new Command('ready')
    .summary('what can start now: open issues whose blockers are all finished, best first')
    .description(
      'Ranked as the plan ranks them (src/domain/plan/ready-ranking.ts): by priority (p0 first), then least ' +
        'slack, then the most estimated work waiting on it downstream, then the most issues it unblocks. The ' +
        'JSON format lists each ready issue with its title, estimate, priority, slack, the issues it ' +
        'unblocks, the work downstream and the reasons.',
    )
    .addOption(projectOption())
    .addOption(formatOption(['text', 'json']))
    .action(
      cli.action(async (ctx, options) => {
        const { project, backend } = await ctx.onProject(options.project);
        const { plan, byKey } = await planWithIssues(backend, project);
        const ready = plan.readyRanking.map((r) => {
          const issue = byKey.get(r.key);
          return {
            ...r,
            title: issue?.title ?? '',
            status: issue?.status ?? 'open',
            estimateDays: issue?.estimateDays ?? null,
          };
        });
        if (options.format === 'json') {
          ctx.json(ready);
          return undefined;
        }
        if (ready.length === 0) {
          ctx.print(
            plan.blocked.length === 0
              ? 'Nothing is open.'
              : `Nothing is ready: ${plan.blocked.length} issues are blocked.`,
          );
          return undefined;
        }
        ctx.print(
          ...issueTable(
            ready.map((r) => ({ ...r, extra: [days(r.estimateDays), r.reason] })),
            ctx.style,
            ctx.width,
          ),
        );
        return undefined;
      }),
    );
