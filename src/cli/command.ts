// What a CLI command is, and what its action receives. A command is one file in src/cli/commands/ that
// exports a factory: it builds a commander Command (name, summary, arguments, options, typed by
// @commander-js/extra-typings) whose action is wrapped by `cli.action`. The wrapper hands the action a
// CommandContext (output, the backend, the project) and turns what it returns into the exit code.
// src/cli/commands.ts lists the factories; src/cli/program.ts assembles them; main.ts runs the program.
import { type Command, InvalidArgumentError, Option } from '@commander-js/extra-typings';
import type { Config } from '../config.js';
import type { Backend, Simulator } from './backend/backend.js';
import type { Progress } from './output/progress.js';
import type { Style } from './output/style.js';

/**
 * Exit codes, the same for every command (src/cli/errors.ts applies the rule to errors; `isoplan --help`
 * and README state it):
 * - 0 success (a check passed or is neutral, a scenario is clean);
 * - 1 failure: the request was understood and could not be done, or its answer is no: a check failed,
 *   violations were found, a change was refused (a cycle, a conflict, open blockers, no access), the
 *   service or the database cannot be reached, is not there (a wrong host, PostgreSQL database or SQLite
 *   file alike) or holds no project, the service is busy or over a limit (503, 429: to retry);
 * - 2 bad usage or input, for the user to correct: an unknown command or option, a malformed value,
 *   configuration or file, or a name that names nothing: an issue, project, dependency or token that does
 *   not exist, a meta issue GitHub does not show, a file that cannot be read.
 * So `isoplan check` answers 1 only for a change that fails the check, never for a mistyped key.
 */
export const EXIT = { ok: 0, failure: 1, usage: 2 } as const;
export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

export interface CliStream {
  write(chunk: string): unknown;
  isTTY?: boolean;
  /** The terminal's width, when it is one. */
  columns?: number;
}

export interface CliIo {
  stdout: CliStream;
  stderr: CliStream;
  env: NodeJS.ProcessEnv;
  cwd: string;
}

/** Bad arguments: printed with a hint to --help; exit code 2. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

/** What an action gets besides its arguments and options. */
export interface CommandContext {
  readonly io: CliIo;
  /** Colours and symbols on a terminal, plain text elsewhere. */
  readonly style: Style;
  /** --quiet: no progress, no confirmations; results and errors only. */
  readonly quiet: boolean;
  /** Columns for tables: the terminal's width, or Infinity when standard output is not a terminal. */
  readonly width: number;
  /** Writes lines of text to standard output. */
  print(...lines: string[]): void;
  /** Writes `value` as indented JSON to standard output (never coloured). */
  json(value: unknown): void;
  /** A confirmation or hint for a person, on standard output; nothing with --quiet. */
  note(...lines: string[]): void;
  /** The service's configuration from the environment (parsed on first use; ConfigError names what is wrong). */
  config(): Promise<Config>;
  /** The running service of --server or ISOPLAN_SERVER, when one is given. */
  readonly server: string | undefined;
  /** Who the audit trail names for changes made on the database file: ISOPLAN_ACTOR, else `cli`. */
  readonly fileActor: string;
  /**
   * The running service (--server, ISOPLAN_SERVER) or else the database of DATABASE_URL; closed after the
   * action. The database must be there unless `create` (src/cli/database.ts says which commands may).
   */
  backend(options?: { create?: boolean }): Promise<Backend>;
  /** The running service's simulator, or else this process's: no database is opened for it. */
  simulator(): Promise<Simulator>;
  /**
   * The project a command works on — `given` (--project), else ISOPLAN_PROJECT, else the only project there
   * is (UsageError naming them when there are several) — with the backend to ask about it.
   */
  onProject(given: string | undefined): Promise<{ project: string; backend: Backend }>;
  /** A progress indicator on standard error (only on a terminal, only after half a second). */
  progress(label: string): Progress;
  /** Runs `work` under a progress indicator. */
  withProgress<T>(label: string, work: Promise<T>): Promise<T>;
}

/** What an action returns: an exit code (EXIT), or nothing for success. */
export type ActionResult = number | undefined;

export interface Cli {
  /** Wraps `run` as a commander action: the context first, then commander's arguments and options. */
  action<A extends unknown[]>(
    run: (ctx: CommandContext, ...args: A) => Promise<ActionResult>,
  ): (...args: A) => Promise<void>;
}

// biome-ignore lint/suspicious/noExplicitAny: commands differ in their argument and option types.
export type AnyCommand = Command<any, any, any>;

/** A command file's export: builds its command (a leaf, or a group such as `sim` with its subcommands). */
export type CommandFactory = (cli: Cli) => AnyCommand;

// Options many commands share, so that they read and behave the same everywhere.

export const projectOption = () =>
  new Option('-p, --project <slug>', 'the project (default: $ISOPLAN_PROJECT, or the only project there is)');

/** `--format`: one of `formats`, the first by default (typed as their union; the return type keeps it so). */
export const formatOption = <const F extends readonly [string, ...string[]]>(
  formats: F,
): Option<'-f, --format <format>', undefined, F[0], undefined, false, F[number]> =>
  new Option('-f, --format <format>', 'output format').choices(formats).default(formats[0]);

/**
 * An option's value as a whole number (`--trials 5000`): decimal digits only, as the API's query numbers
 * (src/api/schemas/query-number.ts; `Number` would take `0x10`, `1e3`, ` 5`). Its range is the service's
 * to check.
 */
export function wholeNumber(text: string): number {
  const value = Number(text);
  if (!/^[0-9]+$/.test(text) || !Number.isSafeInteger(value))
    throw new InvalidArgumentError('must be a whole number');
  return value;
}

/**
 * An option's value as a decimal number (`--estimate 2.5`): digits with an optional fraction, as wholeNumber
 * reads digits (`Number` would take `0x10` as 16, `1e3`, ` 5`). Its range is the caller's to check.
 */
export function decimalNumber(text: string, message = 'must be a decimal number such as 2 or 2.5'): number {
  if (!/^(?:[0-9]+(?:\.[0-9]+)?|\.[0-9]+)$/.test(text)) throw new InvalidArgumentError(message);
  return Number(text);
}
