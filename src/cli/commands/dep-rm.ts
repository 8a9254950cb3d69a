// `isoplan dep rm KEY BLOCKER...`: KEY no longer waits on each BLOCKER.
import { Command } from '@commander-js/extra-typings';
import { type CommandFactory, projectOption } from '../command.js';
import { ticked } from '../output/style.js';
import { wrapped } from '../output/wrap.js';

export const depRmCommand: CommandFactory = (cli) =>
  new Command('rm')
    .alias('remove')
    .summary('remove the dependency of an issue on others')
    .argument('<key>', 'the issue that waits')
    .argument('<blockers...>', 'the issues it should no longer wait on')
    .addOption(projectOption())
    .action(
      cli.action(async (ctx, key, blockers, options) => {
        const { project, backend } = await ctx.onProject(options.project);
        for (const blocker of blockers) {
          await backend.removeDependency(project, key, blocker);
          ctx.note(wrapped([ticked(ctx.style, `removed ${key}`), `<- ${blocker}`], '    ', ctx.width, ''));
        }
        return undefined;
      }),
    );
