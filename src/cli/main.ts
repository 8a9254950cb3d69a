// The `isoplan` command line: finds the command, parses its arguments strictly,
// prints help, and turns errors into messages and exit codes (see EXIT).
import { parseArgs } from 'node:util';
import { ConfigError } from '../config.js';
import { DomainError, InvalidInputError } from '../domain/errors.js';
import { MigrationError } from '../store/migrate.js';
import { type CliIo, type Command, EXIT, type ParseArgsOptionsConfig, UsageError } from './command.js';
import { commands as defaultCommands } from './commands.js';

const HELP_OPTION = { help: { type: 'boolean', short: 'h' } } as const;

function processIo(): CliIo {
  return { stdout: process.stdout, stderr: process.stderr, env: process.env, cwd: process.cwd() };
}

export function topLevelHelp(commands: readonly Command[]): string {
  const width = Math.max(...commands.map((c) => c.name.length));
  const lines = commands.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`);
  return [
    'isoplan: plan the sub-issues of a meta issue and check them against a per-interpreter runtime simulator.',
    '',
    'Usage: isoplan <command> [options]',
    '',
    'Commands:',
    ...lines,
    '',
    "Run 'isoplan <command> --help' for a command's options.",
    'Configuration comes from the environment: PORT, HOST, DATABASE_URL, ISOPLAN_DEMO, LOG_LEVEL, ISOPLAN_API_TOKEN.',
    '',
  ].join('\n');
}

export function commandHelp(command: Command): string {
  const specs: ParseArgsOptionsConfig = { ...command.options, ...HELP_OPTION };
  const options = Object.entries(specs).map(([name, spec]) => {
    const flag = `${spec.short ? `-${spec.short}, ` : '    '}--${name}${spec.type === 'string' ? ' VALUE' : ''}`;
    const help = name === 'help' ? 'show this help' : (command.optionHelp?.[name] ?? '');
    return `  ${flag.padEnd(26)}  ${help}`;
  });
  return [
    `Usage: isoplan ${command.usage}`,
    '',
    command.summary,
    ...(command.details ? ['', command.details] : []),
    '',
    'Options:',
    ...options,
    '',
  ].join('\n');
}

/** The command named by the first words of argv (longest name first, so `sim run` beats `sim`). */
function findCommand(
  commands: readonly Command[],
  argv: string[],
): { command: Command; rest: string[] } | undefined {
  const byLength = [...commands].sort((a, b) => b.name.split(' ').length - a.name.split(' ').length);
  for (const command of byLength) {
    const words = command.name.split(' ');
    if (words.every((word, i) => argv[i] === word)) return { command, rest: argv.slice(words.length) };
  }
  return undefined;
}

function parse(command: Command, args: string[]) {
  try {
    return parseArgs({
      args,
      options: { ...command.options, ...HELP_OPTION },
      allowPositionals: true,
      strict: true,
    });
  } catch (error) {
    // node:util reports unknown options, missing values and the like as TypeErrors with a code.
    throw new UsageError((error as Error).message);
  }
}

function checkArguments(command: Command, values: Record<string, unknown>, positionals: string[]): void {
  const names = command.positionals ?? [];
  if (positionals.length < names.length) {
    throw new UsageError(`missing argument ${names.slice(positionals.length).join(' ')}`);
  }
  if (positionals.length > names.length) {
    throw new UsageError(`unexpected argument '${positionals[names.length]}'`);
  }
  for (const name of command.required ?? []) {
    const value = values[name];
    if (value === undefined || value === '') throw new UsageError(`missing option --${name}`);
  }
}

/** An operating-system error (EADDRINUSE, EACCES, ENOENT...): it names the call and the reason. */
function isSystemError(error: unknown): error is NodeJS.ErrnoException {
  const { code, syscall } = error as NodeJS.ErrnoException;
  return error instanceof Error && typeof code === 'string' && typeof syscall === 'string';
}

function describeInvalidInput(error: InvalidInputError): string {
  return [error.detail, ...error.errors.map((e) => `  ${e.path}: ${e.message}`)].join('\n');
}

export async function main(
  argv: string[],
  io: CliIo = processIo(),
  commands: readonly Command[] = defaultCommands,
): Promise<number> {
  const first = argv[0];
  if (first === undefined) {
    io.stderr.write(topLevelHelp(commands));
    return EXIT.usage;
  }
  if (first === '--help' || first === '-h' || first === 'help') {
    io.stdout.write(topLevelHelp(commands));
    return EXIT.ok;
  }
  const found = findCommand(commands, argv);
  if (found === undefined) {
    const what = first.startsWith('-') ? `unknown option '${first}'` : `unknown command '${first}'`;
    io.stderr.write(`isoplan: ${what}\n\n${topLevelHelp(commands)}`);
    return EXIT.usage;
  }

  const { command, rest } = found;
  try {
    const { values, positionals } = parse(command, rest);
    if ((values as { help?: boolean }).help === true) {
      io.stdout.write(commandHelp(command));
      return EXIT.ok;
    }
    checkArguments(command, values, positionals);
    return await command.run({ values, positionals }, io);
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr.write(
        `isoplan ${command.name}: ${error.message}\nRun 'isoplan ${command.name} --help' for usage.\n`,
      );
      return EXIT.usage;
    }
    if (error instanceof ConfigError) {
      io.stderr.write(`isoplan: ${error.message}\n`);
      return EXIT.usage;
    }
    if (error instanceof InvalidInputError) {
      io.stderr.write(`isoplan ${command.name}: ${describeInvalidInput(error)}\n`);
      return EXIT.usage;
    }
    if (error instanceof DomainError) {
      io.stderr.write(`isoplan ${command.name}: ${error.detail}\n`);
      return EXIT.failure;
    }
    // Expected failures with messages written to be read: a refused migration, a port in use, a file
    // that cannot be opened. A stack trace would only bury the message.
    if (error instanceof MigrationError || isSystemError(error)) {
      io.stderr.write(`isoplan ${command.name}: ${error.message}\n`);
      return EXIT.failure;
    }
    io.stderr.write(
      `isoplan ${command.name}: unexpected error: ${(error as Error)?.stack ?? String(error)}\n`,
    );
    return EXIT.failure;
  }
}
