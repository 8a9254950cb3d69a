// The `isoplan` program: commander's root command with the global options, --version, and every command of
// the table (src/cli/commands.ts), each configured alike: output to the given streams, errors as exceptions
// (main.ts turns them into exit codes), the same hint after a usage error, help fitted to the terminal.
import { Command, CommanderError, Option } from '@commander-js/extra-typings';
import { CONFIG_VARIABLES } from '../config.js';
import { DEFAULT_JOB_EXPIRE_SECONDS } from '../store/job-wait.js';
import { answerWithinMs, duration } from './backend/answer-window.js';
import { type AnyCommand, type Cli, type CliIo, type CommandFactory, EXIT } from './command.js';
import { createActionContext, type GlobalOptions } from './context.js';
import { createStyle, decideStyle } from './output/style.js';
import { wrapped } from './output/wrap.js';
import { VERSION } from './version.js';

/** What running the program leaves behind: the exit code of the action that ran. */
export interface RunState {
  code: number;
}

/** `sim run` for the command `run` under `sim` (the root's own name left out). */
export function commandPath(command: AnyCommand): string {
  const names: string[] = [];
  for (let c: AnyCommand | null = command; c?.parent; c = c.parent as AnyCommand | null)
    names.unshift(c.name());
  return names.join(' ');
}

/** `term` and its `text` wrapped to `width` columns, the text's lines starting at column `at`. */
function entry(term: string, text: string, at: number, width: number): string {
  return wrapped(text.split(' '), ' '.repeat(at), Math.max(width, at + 20), `  ${term.padEnd(at - 2)}`);
}

// The service's own variables come from the configuration's schema (src/config.ts), so that a new one is
// named here as soon as it is read; README's Configuration says what each means.
const SERVICE_VARIABLES = CONFIG_VARIABLES.filter((name) => name !== 'DATABASE_URL');
const ENVIRONMENT: ReadonlyArray<readonly [string, string]> = [
  [
    'ISOPLAN_SERVER',
    'the service to talk to (as --server); unset: the database file below. isoplan waits up to ' +
      `${duration(answerWithinMs(DEFAULT_JOB_EXPIRE_SECONDS))} for ` +
      "an answer, the longest a service may take; for one with a longer ISOPLAN_JOB_EXPIRE_SECONDS, set the service's value here too",
  ],
  ['ISOPLAN_TOKEN', 'its bearer token (as --token)'],
  ['ISOPLAN_PROJECT', 'the project when --project is not given'],
  [
    'ISOPLAN_ACTOR',
    "on the database file, the name the audit trail records for your changes; against a service the token's " +
      'name is recorded, and this only as whom you acted for',
  ],
  [
    'DATABASE_URL',
    'the SQLite file (default file:./data/isoplan.db) or a postgresql:// URL; the service also reads ' +
      `(README, Configuration): ${SERVICE_VARIABLES.slice(0, -2).join(', ')}, ${SERVICE_VARIABLES.slice(-2).join(' and ')}`,
  ],
  ['NO_COLOR', 'no colours (as --no-color)'],
];
/** The rule of EXIT (src/cli/command.ts), for users. */
const EXIT_CODES: ReadonlyArray<readonly [string, string]> = [
  ['0', 'success'],
  [
    '1',
    'failure: a check failed, violations found, a change refused (cycle, conflict, open blockers, no ' +
      'access), the service or the database out of reach, not there (serve, worker, import, github ' +
      'import and token create create a database; sim and completion open none; every other command ' +
      'needs one) or without a project, the service busy or over a limit (try again)',
  ],
  [
    '2',
    'bad usage or input: an unknown command or option, a malformed value, configuration or file, or a ' +
      'name that names nothing (an issue, project, dependency or token that does not exist, a meta issue ' +
      'GitHub does not show, a file that cannot be read)',
  ],
];

/** What `isoplan --help` ends with, wrapped to the terminal's `width` as commander wraps what comes before. */
function helpEnd(width: number): string {
  return [
    '',
    'Environment:',
    ...ENVIRONMENT.map(([name, text]) => entry(name, text, 20, width)),
    '',
    'Exit codes:',
    ...EXIT_CODES.map(([code, text]) => entry(code, text, 5, width)),
  ].join('\n');
}

export function buildProgram(io: CliIo, factories: readonly CommandFactory[], state: RunState): AnyCommand {
  const program = new Command('isoplan')
    .description(
      'Plan the sub-issues of a meta issue and check them against a per-interpreter runtime simulator. ' +
        'Every command works on a running service (--server) or on the database file (DATABASE_URL).',
    )
    .version(VERSION, '-V, --version', 'print the version')
    .addOption(new Option('--server <url>', 'talk to the isoplan service at URL (default: $ISOPLAN_SERVER)'))
    .addOption(new Option('--token <token>', "the service's bearer token (default: $ISOPLAN_TOKEN)"))
    .option('--no-color', 'no colours, even on a terminal (also NO_COLOR)')
    .option('-q, --quiet', 'no progress and no confirmations: results and errors only')
    .addHelpText('after', ({ error }) => helpEnd((error ? io.stderr.columns : io.stdout.columns) ?? 80));

  const cli: Cli = {
    action:
      (run) =>
      async (...args) => {
        // commander passes the command itself last.
        const command = args[args.length - 1] as AnyCommand;
        const ctx = createActionContext(io, program.opts() as GlobalOptions);
        try {
          state.code = (await run(ctx, ...args)) ?? EXIT.ok;
        } catch (error) {
          const { reportError } = await import('./errors.js');
          state.code = reportError(error, commandPath(command), io);
        } finally {
          await ctx.close();
        }
      },
  };
  for (const factory of factories) program.addCommand(factory(cli));
  configure(program, io);
  return program;
}

/**
 * The subcommand of `group` called `name`; a name that names none is the usage error running it is:
 * commander's unknownCommand (the one home of the "Did you mean" suggestion; not in its typings) on
 * `group`, exit 2.
 */
function subcommand(group: AnyCommand, name: string): AnyCommand {
  const found = group.commands.find((c) => c.name() === name || c.aliases().includes(name));
  if (found !== undefined) return found as AnyCommand;
  group.args = [name];
  return (group as unknown as { unknownCommand(): never }).unknownCommand();
}

/**
 * `help [command...]` of a group (`isoplan help sim run`, `isoplan sim help run`): the help of the command
 * named, as `… --help` prints it. It replaces commander's own, which read only the first name (`help sim
 * run` printed sim's help) and answered a name it did not know with the whole help of the group.
 */
function helpCommand(group: AnyCommand): AnyCommand {
  return new Command('help')
    .summary('display help for command')
    .argument('[command...]', 'the command (and subcommand) to show the help of')
    .action((names: string[]) => {
      let command = group;
      for (const name of names) command = subcommand(command, name);
      command.help();
    });
}

/** The same settings on every command of the tree (commander copies them only to `.command()` children). */
function configure(root: AnyCommand, io: CliIo): void {
  const env = io.env;
  const style = createStyle(decideStyle({ noColor: false, env, isTTY: io.stdout.isTTY === true }));
  const visit = (command: AnyCommand) => {
    const path = commandPath(command);
    const name = path === '' ? 'isoplan' : `isoplan ${path}`;
    if (command.commands.length > 0) {
      command.addCommand(helpCommand(command));
      // `isoplan raedy --help`: commander printed the group's help (exit 0) for a name it does not know.
      command.on('beforeHelp', () => {
        const [name] = command.args;
        if (name !== undefined && !name.startsWith('-')) subcommand(command, name);
      });
    }
    command
      .exitOverride()
      .showSuggestionAfterError(true)
      .showHelpAfterError(`Run '${name} --help' for usage.`)
      .configureOutput({
        writeOut: (text) => io.stdout.write(text),
        writeErr: (text) => io.stderr.write(text),
        outputError: (text, write) => write(text.replace(/^error: /, `${name}: `)),
        getOutHelpWidth: () => io.stdout.columns ?? 80,
        getErrHelpWidth: () => io.stderr.columns ?? 80,
        getOutHasColors: () => style.colour,
        getErrHasColors: () => false,
      })
      .configureHelp({
        styleTitle: (text) => style.bold(text),
        styleCommandText: (text) => style.cyan(text),
        styleSubcommandText: (text) => style.cyan(text),
        styleOptionText: (text) => style.yellow(text),
        // `ready [key]`, not `ready [options] [key]`: every command has options.
        subcommandTerm: (sub) => `${sub.name()} ${sub.usage()}`.replace(' [options]', '').trim(),
        showGlobalOptions: true,
        sortSubcommands: false,
      });
    for (const child of command.commands) visit(child as AnyCommand);
  };
  visit(root);
}

/** commander's own exits (help, version, usage errors) as exit codes: 0 for help and version, else 2. */
export function exitCodeOf(error: CommanderError): number {
  return error.exitCode === 0 ? EXIT.ok : EXIT.usage;
}

export { CommanderError };
