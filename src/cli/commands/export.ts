// `isoplan export`: the whole project as one JSON document (what `isoplan import` reads back). JSON is its
// only format; `--format json` is taken all the same, as every other command takes it, so that a script
// may say what it expects (any other format is refused, naming json).
import { writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { Command } from '@commander-js/extra-typings';
import { type CommandFactory, formatOption, projectOption } from '../command.js';

export const exportCommand: CommandFactory = (cli) =>
  new Command('export')
    .summary('write a project as one JSON document (project, issues, dependencies)')
    .description(
      'Writes to standard output unless --output is given. `isoplan import` reads the result back.',
    )
    .addOption(projectOption())
    .option('-o, --output <file>', 'write to FILE instead of standard output')
    .addOption(formatOption(['json']))
    .action(
      cli.action(async (ctx, options) => {
        const { project, backend } = await ctx.onProject(options.project);
        const document = await backend.exportProject(project);
        const text = `${JSON.stringify(document, null, 2)}\n`;
        if (options.output === undefined) ctx.io.stdout.write(text);
        else await writeFile(resolve(ctx.io.cwd, options.output), text);
        return undefined;
      }),
    );
