// Opening the configured database from the CLI: the same store code as the API.
import { type Config, describeDatabase } from '../config.js';
import { type Database, openDatabase } from '../store/database.js';
import { DatabaseMissingError } from '../store/database-missing.js';
import { isPostgresUnavailable } from '../store/engines/postgresql.js';
import { isSqliteError } from '../store/engines/sqlite.js';
import { isTlsFailure } from './tls-failure.js';

/**
 * The configured database could not be opened: on PostgreSQL no server there, the connection refused or
 * lost, or the server refused the session (credentials, no such database, no permission); on SQLite a
 * file that is not a database, is damaged, or cannot be opened or written. Its message names the database
 * (password masked) and what the network, the server or SQLite said: an operator's next step.
 */
export class DatabaseOpenError extends Error {
  override readonly name = 'DatabaseOpenError';
  constructor(database: string, cause: unknown) {
    super(`cannot open the database ${database}: ${reasonOf(cause)}`, { cause });
  }
}

/**
 * DATABASE_URL names no isoplan database (no such SQLite file, or a database never migrated) and the command
 * must find one, not create it: a mistyped path is told as such, and nothing is left behind. The message
 * names the database (password masked) and the commands that do create one.
 */
export class NoDatabaseError extends Error {
  override readonly name = 'NoDatabaseError';
  constructor(database: string, missing: DatabaseMissingError) {
    if (missing.reason === 'being-created') {
      super(
        `the database ${database} is being created by another process (its first migration is not done ` +
          'yet); nothing was changed here: try again in a moment',
        { cause: missing },
      );
      return;
    }
    const what =
      missing.reason === 'no-file'
        ? `there is no database file ${database}`
        : `the database ${database} holds no isoplan tables (it was never migrated)`;
    super(
      `${what}; nothing was created: check DATABASE_URL, or create it with 'isoplan serve' or ` +
        "'isoplan import FILE --project SLUG'",
      { cause: missing },
    );
  }
}

/** The cause in words: Node's AggregateError (each address of a host refused) has no message of its own. */
function reasonOf(cause: unknown): string {
  if (cause instanceof AggregateError && cause.message === '') {
    return cause.errors.map((error) => (error as Error).message).join('; ');
  }
  return (cause as Error).message;
}

/**
 * An error the server answered (it has a severity: FATAL, ERROR), one of a connection that failed, or
 * one of TLS (pg's messages, Node's certificate codes).
 */
function isConnectionRefusal(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const { severity } = error as { severity?: unknown };
  return typeof severity === 'string' || isPostgresUnavailable(error) || isTlsFailure(error);
}

/**
 * Runs `open` on the configured database; a refusal (above; on SQLite, SQLite's own error) becomes a
 * DatabaseOpenError, a database that is not there a NoDatabaseError. Anything else (a failed migration
 * says itself what it is) goes on as it is.
 */
export async function openingDatabase<T>(
  config: Pick<Config, 'databaseUrl' | 'databasePath'>,
  open: () => Promise<T>,
): Promise<T> {
  try {
    return await open();
  } catch (error) {
    if (error instanceof DatabaseMissingError) throw new NoDatabaseError(describeDatabase(config), error);
    const refused = config.databasePath === null ? isConnectionRefusal(error) : isSqliteError(error);
    if (!refused) throw error;
    throw new DatabaseOpenError(describeDatabase(config), error);
  }
}

/**
 * Whether a command may create the database: `serve`, `worker`, `import`, `github import` and
 * `token create` start a database where there is none (SQLite's file and directory, isoplan's tables on
 * either engine); every other command must find one (NoDatabaseError), so that a mistyped DATABASE_URL
 * creates nothing. Either way an existing database of an older version is brought up to date.
 */
export interface OpenOptions {
  create: boolean;
  /** Hears the change feed's connection failures (the service logs them). */
  onFeedError?: (error: unknown) => void;
  /** Tells the replicas of each write (DatabaseOptions.announceCommits): the commands that write directly. */
  announceCommits?: boolean;
  /** Told once when another process is migrating the database and opening waits for it. */
  onMigrationWait?: () => void;
}

/** Opens the database named by DATABASE_URL, applying pending migrations. */
export function openConfiguredDatabase(
  config: Pick<Config, 'databaseUrl' | 'databasePath'>,
  { create, onFeedError, announceCommits, onMigrationWait }: OpenOptions,
): Promise<Database> {
  return openingDatabase(config, () =>
    openDatabase({
      url: config.databaseUrl,
      migrate: true,
      create,
      onFeedError,
      announceCommits,
      onMigrationWait,
    }),
  );
}
