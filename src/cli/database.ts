// Opening the configured database from the CLI: the same store code as the API.
import { type Config, describeDatabase } from '../config.js';
import { type Database, openDatabase } from '../store/database.js';
import { isPostgresUnavailable } from '../store/engines/postgresql.js';
import { isSqliteError } from '../store/engines/sqlite.js';

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

/** The cause in words: Node's AggregateError (each address of a host refused) has no message of its own. */
function reasonOf(cause: unknown): string {
  if (cause instanceof AggregateError && cause.message === '') {
    return cause.errors.map((error) => (error as Error).message).join('; ');
  }
  return (cause as Error).message;
}

/** TLS that could not be agreed: a server without it (sslmode=…), a certificate not trusted. */
const TLS_FAILURE = /SSL|TLS|CERT/;

/**
 * An error the server answered (it has a severity: FATAL, ERROR), one of a connection that failed, or
 * one of TLS (pg's messages, Node's certificate codes).
 */
function isConnectionRefusal(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const { severity, code } = error as { severity?: unknown; code?: unknown };
  return (
    typeof severity === 'string' ||
    isPostgresUnavailable(error) ||
    TLS_FAILURE.test(error.message) ||
    (typeof code === 'string' && TLS_FAILURE.test(code))
  );
}

/**
 * Runs `open` on the configured database; a refusal (above; on SQLite, SQLite's own error) becomes a
 * DatabaseOpenError. Anything else (a failed migration says itself what it is) goes on as it is.
 */
export async function openingDatabase<T>(
  config: Pick<Config, 'databaseUrl' | 'databasePath'>,
  open: () => Promise<T>,
): Promise<T> {
  try {
    return await open();
  } catch (error) {
    const refused = config.databasePath === null ? isConnectionRefusal(error) : isSqliteError(error);
    if (!refused) throw error;
    throw new DatabaseOpenError(describeDatabase(config), error);
  }
}

/** Opens the database named by DATABASE_URL (creating a SQLite file's directory), applying pending migrations. */
export function openConfiguredDatabase(
  config: Pick<Config, 'databaseUrl' | 'databasePath'>,
  onFeedError?: (error: unknown) => void,
): Promise<Database> {
  return openingDatabase(config, () => openDatabase({ url: config.databaseUrl, migrate: true, onFeedError }));
}

/** Runs `work` with an open database and always closes it. */
export async function withDatabase<T>(
  config: Pick<Config, 'databaseUrl' | 'databasePath'>,
  work: (database: Database) => Promise<T>,
): Promise<T> {
  const database = await openConfiguredDatabase(config);
  try {
    return await work(database);
  } finally {
    await database.close();
  }
}
