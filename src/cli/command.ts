// What a CLI command is. Each command lives in its own file and is listed once in
// commands.ts; main.ts parses arguments, prints help and maps errors to exit codes.
import type { ParseArgsConfig, parseArgs } from 'node:util';

export type ParseArgsOptionsConfig = NonNullable<ParseArgsConfig['options']>;

/** Exit codes: 0 success, 1 the operation failed, 2 bad usage, configuration or input. */
export const EXIT = { ok: 0, failure: 1, usage: 2 } as const;

export interface CliIo {
  stdout: { write(chunk: string): unknown };
  stderr: { write(chunk: string): unknown };
  env: NodeJS.ProcessEnv;
  cwd: string;
}

type Parsed<O extends ParseArgsOptionsConfig> = ReturnType<
  typeof parseArgs<{ options: O; allowPositionals: true; strict: true }>
>;

export interface CommandInput<O extends ParseArgsOptionsConfig> {
  values: Parsed<O>['values'];
  /** The positional arguments, named by `positionals` in the command's definition. */
  positionals: string[];
}

export interface Command<O extends ParseArgsOptionsConfig = ParseArgsOptionsConfig> {
  /** One or more words: `serve`, `sim run`. */
  name: string;
  summary: string;
  /** Synopsis after `isoplan`, e.g. `import FILE --project SLUG`. */
  usage: string;
  /** Help text for each option, by option name. */
  optionHelp?: Partial<Record<keyof O & string, string>>;
  /** Extra paragraphs printed by --help. */
  details?: string;
  options: O;
  /** Names of the required positional arguments, in order, e.g. ['FILE']. */
  positionals?: string[];
  /** Options that must be given. */
  required?: Array<keyof O & string>;
  run(input: CommandInput<O>, io: CliIo): Promise<number>;
}

/** Keeps each command's option types precise while the table holds them uniformly. */
export function defineCommand<const O extends ParseArgsOptionsConfig>(command: Command<O>): Command {
  return command as unknown as Command;
}

/** Bad arguments: printed with a hint to --help; exit code 2. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}
