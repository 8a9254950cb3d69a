// `isoplan forecast`: when the open work lands with this team, and how sure — the P50/P85/P95 dates, the
// most critical issues, the levelled schedule by person, the history and the assumptions, as text to paste
// into the meta issue, or the document GET /v1/projects/SLUG/forecast answers.
import { Command } from '@commander-js/extra-typings';
import { type CommandFactory, formatOption, projectOption, wholeNumber } from '../command.js';
import { collectList } from '../issue-options.js';
import { formatForecastText } from '../output/forecast-text.js';

export const forecastCommand: CommandFactory = (cli) =>
  new Command('forecast')
    .summary('when the open work lands with this team, and how sure: P50/P85/P95 dates, critical issues')
    .description(
      "The open issues levelled over the project's team (or --people) on their most likely estimates, " +
        'and a Monte Carlo forecast over their estimate ranges (seeded: the same seed gives the same ' +
        'answer). Days are working days from the start; dates are ISO dates. The JSON format is the ' +
        'document GET /v1/projects/SLUG/forecast answers.',
    )
    .addOption(projectOption())
    .option('--people <n>', "N people instead of the project's team", wholeNumber)
    .option(
      '--trials <n>',
      'Monte Carlo trials (default 10,000; 0: the levelled schedule alone)',
      wholeNumber,
    )
    .option('--seed <n>', 'the random seed (default 1)', wholeNumber)
    .option('--target <key>', "forecast this issue's finish instead of the end of all open work")
    .option(
      '--holiday <dates>',
      "more days off for this forecast, besides the project's holidays (ISO dates; repeatable or comma-separated)",
      collectList,
    )
    .addOption(formatOption(['text', 'json']))
    .action(
      cli.action(async (ctx, options) => {
        const { project, backend } = await ctx.onProject(options.project);
        const { people, trials, seed, target, holiday: holidays } = options;
        const forecast = await ctx.withProgress(
          'Forecasting',
          backend.forecast(project, { people, trials, seed, target, holidays }),
        );
        if (options.format === 'json') ctx.json(forecast);
        else ctx.io.stdout.write(formatForecastText(forecast));
        return undefined;
      }),
    );
