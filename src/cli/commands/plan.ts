// `isoplan plan`: the project's plan, as GET /v1/projects/:project/plan answers it (`--format json`) or as
// text with each issue's title beside its key.
import { Command } from '@commander-js/extra-typings';
import { planWithIssues } from '../backend/backend.js';
import { type CommandFactory, formatOption, projectOption } from '../command.js';
import { formatPlanText } from '../output/plan-text.js';

export const planCommand: CommandFactory = (cli) =>
  new Command('plan')
    .summary('the plan: progress, ready (ranked) and blocked issues, critical path, waves')
    .description('The JSON format is the document GET /v1/projects/SLUG/plan answers.')
    .addOption(projectOption())
    .addOption(formatOption(['text', 'json']))
    .option('--all', 'every item of every list (default: the first 20 of each)')
    .action(
      cli.action(async (ctx, options) => {
        const { project, backend } = await ctx.onProject(options.project);
        if (options.format === 'json') {
          ctx.json(await backend.plan(project));
          return undefined;
        }
        // The text lists the redundant edges too; the JSON is GET …/plan's, without them.
        const { plan, issues } = await planWithIssues(backend, project, { redundantEdges: true });
        const titles = new Map(issues.map((i) => [i.key, { title: i.title, status: i.status }]));
        const maxItems = options.all ? Number.MAX_SAFE_INTEGER : 20;
        ctx.io.stdout.write(formatPlanText(plan, titles, { width: ctx.width, style: ctx.style, maxItems }));
        return undefined;
      }),
    );
