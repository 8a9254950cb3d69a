// `isoplan completion bash|zsh|fish`: the shell completion script, generated from the commands themselves.
import { Argument, Command } from '@commander-js/extra-typings';
import type { AnyCommand, CommandFactory } from '../command.js';
import { type CompletionCommand, completionScript, SHELLS } from '../output/completion-scripts.js';

/** What completion needs of a commander command, recursively. */
function describe(command: AnyCommand): CompletionCommand {
  return {
    name: command.name(),
    description: command.summary() || command.description().split('\n')[0] || '',
    options: command.options
      .filter((o) => !o.hidden)
      .map((o) => ({
        flags: [o.short, o.long].filter((f): f is string => f !== undefined),
        description: o.description,
        takesValue: o.required || o.optional,
        choices: o.argChoices,
      })),
    subcommands: (command.commands as AnyCommand[]).filter((c) => c.name() !== 'help').map(describe),
  };
}

export const completionCommand: CommandFactory = (cli) =>
  new Command('completion')
    .summary('print the shell completion script (bash, zsh or fish)')
    .description(
      'bash: eval "$(isoplan completion bash)" in ~/.bashrc\n' +
        'zsh:  eval "$(isoplan completion zsh)" in ~/.zshrc\n' +
        'fish: isoplan completion fish > ~/.config/fish/completions/isoplan.fish',
    )
    .addArgument(new Argument('<shell>', 'the shell').choices(SHELLS))
    .action(
      cli.action(async (ctx, shell, _options, command) => {
        let root = command as AnyCommand;
        while (root.parent !== null) root = root.parent as AnyCommand;
        ctx.io.stdout.write(completionScript(shell, describe(root)));
        return undefined;
      }),
    );
