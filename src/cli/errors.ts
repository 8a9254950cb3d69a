// An error out of a command as one message on standard error and an exit code (EXIT, whose rule this file
// applies): what the user gave is wrong, 2; everything else that goes wrong, 1. Expected failures print
// their message; only a bug prints a stack.
import { ConfigError } from '../config.js';
import { DomainError, InvalidInputError } from '../domain/errors.js';
import { MigrationError } from '../store/migrate.js';
import {
  NotTheApiError,
  ServiceConnectionLostError,
  ServiceTimeoutError,
  ServiceUnreachableError,
} from './backend/api-client.js';
import { type CliIo, EXIT, type ExitCode, UsageError } from './command.js';
import { NoProjectError } from './context.js';
import { DatabaseOpenError, NoDatabaseError } from './database.js';

/** After a 401 from a service: what the CLI sends as its bearer token, and where a token comes from. */
export const TOKEN_HINT =
  "  isoplan sends --token (or ISOPLAN_TOKEN) as Authorization: Bearer; an admin makes one with 'isoplan token create'";

/** After a 404 that names no resource: the address asked is no isoplan service's API. */
export const SERVER_HINT =
  "  --server (or ISOPLAN_SERVER) must be the isoplan service's address, such as http://127.0.0.1:8080 (its API is under /v1)";

/** A 404 of no route (the service's own, or another server's page): --server names no isoplan API. */
function answersNoRoute(error: DomainError): boolean {
  return error.status === 404 && (error.type === 'route-not-found' || error.type === 'http-error');
}

/** An operating-system error (EADDRINUSE, EACCES, ENOENT...): it names the call and the reason. */
function isSystemError(error: unknown): error is NodeJS.ErrnoException {
  const { code, syscall } = error as NodeJS.ErrnoException;
  return error instanceof Error && typeof code === 'string' && typeof syscall === 'string';
}

/**
 * Whether the detail already says what the single problem `message` says: it words it (`the request is
 * invalid: limit: must be …`), or it names each thing the message names in quotes (`unknown target issue
 * 'nope'` for `unknown issue 'nope'`, `unknown issue keys in project 'p': nope` for `unknown issue
 * 'nope'`). A message naming something the detail does not (`'2026-02-30' is not an ISO date` under `the
 * holidays are invalid`) adds to it.
 */
function saysAlready(detail: string, message: string): boolean {
  if (detail.includes(message)) return true;
  const names = [...message.matchAll(/'([^']+)'/g)].map((m) => m[1]!);
  return names.length > 0 && names.every((name) => detail.includes(name));
}

/**
 * The detail, then each problem on a line of its own (a document's many); a single problem the detail
 * already says (saysAlready) is not said twice.
 */
export function describeInvalidInput(error: InvalidInputError): string {
  const [only, ...more] = error.errors;
  if (only !== undefined && more.length === 0 && saysAlready(error.detail, only.message)) return error.detail;
  return [error.detail, ...error.errors.map((e) => `  ${e.path}: ${e.message}`)].join('\n');
}

/**
 * A refusal of what the request says rather than of what it asks (EXIT.usage): malformed (400, and 413,
 * 415 for a body), or naming an issue, project, dependency or token that is not there (a 404 of a
 * resource; a 404 without one is a service that lacks the route, no mistake of the user's), or a meta
 * issue GitHub does not show (`github-not-found`: GitHub answers 404 alike for an issue that does not
 * exist and for one the credentials cannot see, and its message says both; the name is the likelier
 * mistake, and either way the user corrects the command or its credentials: nothing to retry). Unknown
 * keys in a request's body are 400s (InvalidInputError, src/domain/unknown-issue-keys.ts) already.
 */
function refusesTheRequest(error: DomainError): boolean {
  if (error.status === 404)
    return typeof error.extensions.resource === 'string' || error.type === 'github-not-found';
  return error.status === 400 || error.status === 413 || error.status === 415;
}

/**
 * The exit code of an error (the rule of EXIT in src/cli/command.ts): 2 for bad usage, bad configuration,
 * and input that is malformed or names what is not there (an issue, a project, a file); 1 for the rest:
 * refusals of a well-formed request (a cycle, a conflict, no access), a database or service out of reach
 * or not there (a host, a PostgreSQL database or a SQLite file alike) or without any project, a service
 * busy or over a limit (a 503 or 429: to retry), and bugs.
 */
export function exitCodeFor(error: unknown): ExitCode {
  if (error instanceof UsageError || error instanceof ConfigError) return EXIT.usage;
  if (error instanceof DomainError) return refusesTheRequest(error) ? EXIT.usage : EXIT.failure;
  return EXIT.failure;
}

/** Prints `error` for the command at `path` (e.g. `sim run`) and answers its exit code. */
export function reportError(error: unknown, path: string, io: CliIo): ExitCode {
  const say = (message: string) => io.stderr.write(`isoplan ${path}: ${message}\n`);
  const code = exitCodeFor(error);
  if (error instanceof UsageError) {
    say(error.message);
    io.stderr.write(`Run 'isoplan ${path} --help' for usage.\n`);
    return code;
  }
  if (error instanceof ConfigError) {
    io.stderr.write(`isoplan: ${error.message}\n`);
    return code;
  }
  if (error instanceof InvalidInputError) {
    say(describeInvalidInput(error));
    return code;
  }
  if (error instanceof DomainError) {
    say(error.detail);
    // The service's words are for any HTTP client; say where the CLI's token comes from.
    if (error.status === 401) io.stderr.write(`${TOKEN_HINT}\n`);
    if (answersNoRoute(error)) io.stderr.write(`${SERVER_HINT}\n`);
    return code;
  }
  // Expected failures with messages written to be read: a refused migration, a port in use, a file that
  // cannot be opened, a database or a service that does not answer or holds no project. A stack trace would only bury the message.
  if (
    error instanceof MigrationError ||
    error instanceof DatabaseOpenError ||
    error instanceof NoDatabaseError ||
    error instanceof NoProjectError ||
    error instanceof ServiceUnreachableError ||
    error instanceof ServiceTimeoutError ||
    error instanceof ServiceConnectionLostError ||
    error instanceof NotTheApiError ||
    isSystemError(error)
  ) {
    say((error as Error).message);
    return code;
  }
  say(`unexpected error: ${(error as Error)?.stack ?? String(error)}`);
  return code;
}
