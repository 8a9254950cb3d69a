// `isoplan forecast`: when the open work lands with this team, and how sure — the P50/P85/P95 dates, the
// most critical issues, the levelled schedule by person, the history and the assumptions, as text to paste
// into the meta issue, or the document GET /v1/projects/SLUG/forecast answers.
import { Command, Option } from '@commander-js/extra-typings';
import { type CommandFactory, formatOption, projectOption, UsageError, wholeNumber } from '../command.js';
import { collectList } from '../issue-options.js';
import { formatForecastText, formatTrendText } from '../output/forecast-text.js';

export const forecastCommand: CommandFactory = (cli) =>
  new Command('forecast')
    .summary('when the open work lands with this team, and how sure: P50/P85/P95 dates, critical issues')
    .description(
      "The open issues levelled over the project's team (or --people) on their most likely estimates, " +
        'and a Monte Carlo forecast over their estimate ranges (seeded: the same seed gives the same ' +
        'answer). Days are working days from the start; dates are ISO dates. The JSON format is the ' +
        'document GET /v1/projects/SLUG/forecast answers. With --trend, what the forecast said at the end of ' +
        'each of the last --weeks weeks (today and the Sundays before it), rebuilt from the audit trail, one ' +
        'line a week: the open issues, P50, P85 and what changed (the document GET …/forecast/trend answers).',
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
    .option(
      '--trend',
      'is the date slipping? the forecast at the end of each of the last weeks, and why it moved',
    )
    .addOption(
      new Option('--weeks <n>', 'with --trend: how many weeks, today included (default 8, at most 52)')
        .argParser(wholeNumber)
        .implies({ trend: true }),
    )
    .addOption(formatOption(['text', 'json']))
    .action(
      cli.action(async (ctx, options) => {
        const { project, backend } = await ctx.onProject(options.project);
        const { people, trials, seed, target, holiday: holidays } = options;
        if (options.trend === true) {
          const asked = { people, target, holiday: holidays };
          const other = Object.entries(asked).find(([, value]) => value !== undefined);
          if (other !== undefined)
            throw new UsageError(`--trend takes no --${other[0]}: the trend is the project's own forecast`);
          const trend = await ctx.withProgress(
            'Forecasting each week',
            backend.forecastTrend(project, { weeks: options.weeks, trials, seed }),
          );
          if (options.format === 'json') ctx.json(trend);
          else ctx.io.stdout.write(formatTrendText(trend, ctx.width));
          return undefined;
        }
        const forecast = await ctx.withProgress(
          'Forecasting',
          backend.forecast(project, { people, trials, seed, target, holidays }),
        );
        if (options.format === 'json') ctx.json(forecast);
        else ctx.io.stdout.write(formatForecastText(forecast, { width: ctx.width }));
        return undefined;
      }),
    );
