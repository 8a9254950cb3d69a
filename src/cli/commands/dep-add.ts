// `isoplan dep add KEY BLOCKER...`: KEY is blocked by each BLOCKER. An edge that would close a cycle is
// refused with the cycle's path (exit 1), as PUT …/blocked-by/:blocker refuses it.
import { Command } from '@commander-js/extra-typings';
import { type CommandFactory, projectOption } from '../command.js';
import { ticked } from '../output/style.js';
import { wrapped } from '../output/wrap.js';

export const depAddCommand: CommandFactory = (cli) =>
  new Command('add')
    .summary('record that an issue is blocked by others')
    .argument('<key>', 'the issue that waits')
    .argument('<blockers...>', 'the issues it waits on')
    .addOption(projectOption())
    .action(
      cli.action(async (ctx, key, blockers, options) => {
        const { project, backend } = await ctx.onProject(options.project);
        for (const blocker of blockers) {
          const { created } = await backend.addDependency(project, key, blocker);
          // Two keys may not fit one line: the blocker goes on under the issue (wrap.ts).
          ctx.note(
            wrapped(
              [ticked(ctx.style, key), `<- ${blocker}`, created ? '' : '(already there)'],
              '    ',
              ctx.width,
              '',
            ),
          );
        }
        return undefined;
      }),
    );
