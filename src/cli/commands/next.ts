// `isoplan next`: what to start next — the ready issues ranked (priority, least slack, the work waiting
// downstream, what each unblocks), each with its reasons and its share of trials on the critical chain.
import { Command } from '@commander-js/extra-typings';
import { type CommandFactory, formatOption, projectOption, wholeNumber } from '../command.js';
import { formatNextText } from '../output/forecast-text.js';

export const nextCommand: CommandFactory = (cli) =>
  new Command('next')
    .summary("what's next: the ready issues ranked, each with its reasons and criticality")
    .description(
      "Ranked as the plan ranks its ready issues, with each one's criticality index from the project's " +
        'forecast among the reasons. The JSON format lists the items GET /v1/projects/SLUG/next answers.',
    )
    .addOption(projectOption())
    .option('-n, --limit <n>', 'how many, 1 to 500', wholeNumber, 10)
    .addOption(formatOption(['text', 'json']))
    .action(
      cli.action(async (ctx, options) => {
        const { project, backend } = await ctx.onProject(options.project);
        const next = await ctx.withProgress('Ranking', backend.next(project, options.limit));
        if (options.format === 'json') ctx.json(next);
        else ctx.io.stdout.write(formatNextText(next, ctx.width));
        return undefined;
      }),
    );
