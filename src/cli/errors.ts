// An error out of a command as one message on standard error and an exit code (EXIT): bad usage, bad
// configuration and invalid input are 2; everything else that goes wrong is 1. Expected failures print
// their message; only a bug prints a stack.
import { ConfigError } from '../config.js';
import { DomainError, InvalidInputError } from '../domain/errors.js';
import { MigrationError } from '../store/migrate.js';
import { ServiceUnreachableError } from './backend/api-client.js';
import { type CliIo, EXIT, type ExitCode, UsageError } from './command.js';
import { DatabaseOpenError, NoDatabaseError } from './database.js';

/** After a 401 from a service: what the CLI sends as its bearer token, and where a token comes from. */
export const TOKEN_HINT =
  "  isoplan sends --token (or ISOPLAN_TOKEN) as Authorization: Bearer; an admin makes one with 'isoplan token create'";

/** An operating-system error (EADDRINUSE, EACCES, ENOENT...): it names the call and the reason. */
function isSystemError(error: unknown): error is NodeJS.ErrnoException {
  const { code, syscall } = error as NodeJS.ErrnoException;
  return error instanceof Error && typeof code === 'string' && typeof syscall === 'string';
}

function describeInvalidInput(error: InvalidInputError): string {
  return [error.detail, ...error.errors.map((e) => `  ${e.path}: ${e.message}`)].join('\n');
}

/** Prints `error` for the command at `path` (e.g. `sim run`) and answers its exit code. */
export function reportError(error: unknown, path: string, io: CliIo): ExitCode {
  const say = (message: string) => io.stderr.write(`isoplan ${path}: ${message}\n`);
  if (error instanceof UsageError) {
    say(error.message);
    io.stderr.write(`Run 'isoplan ${path} --help' for usage.\n`);
    return EXIT.usage;
  }
  if (error instanceof ConfigError) {
    io.stderr.write(`isoplan: ${error.message}\n`);
    return EXIT.usage;
  }
  if (error instanceof InvalidInputError) {
    say(describeInvalidInput(error));
    return EXIT.usage;
  }
  if (error instanceof DomainError) {
    // A request the service refuses as malformed is bad input too, whatever its problem type.
    say(error.detail);
    // The service's words are for any HTTP client; say where the CLI's token comes from.
    if (error.status === 401) io.stderr.write(`${TOKEN_HINT}\n`);
    return error.status === 400 || error.status === 413 || error.status === 415 ? EXIT.usage : EXIT.failure;
  }
  // Expected failures with messages written to be read: a refused migration, a port in use, a file that
  // cannot be opened, a database or a service that does not answer. A stack trace would only bury the message.
  if (
    error instanceof MigrationError ||
    error instanceof DatabaseOpenError ||
    error instanceof NoDatabaseError ||
    error instanceof ServiceUnreachableError ||
    isSystemError(error)
  ) {
    say((error as Error).message);
    return EXIT.failure;
  }
  say(`unexpected error: ${(error as Error)?.stack ?? String(error)}`);
  return EXIT.failure;
}
