// Opening the configured database from the CLI: the same store code as the API.
import type { Config } from '../config.js';
import { type Database, openDatabase } from '../store/database.js';

/** Opens the database named by DATABASE_URL (creating a SQLite file's directory), applying pending migrations. */
export function openConfiguredDatabase(
  config: Pick<Config, 'databaseUrl'>,
  onFeedError?: (error: unknown) => void,
): Promise<Database> {
  return openDatabase({ url: config.databaseUrl, migrate: true, onFeedError });
}

/** Runs `work` with an open database and always closes it. */
export async function withDatabase<T>(
  config: Pick<Config, 'databaseUrl'>,
  work: (database: Database) => Promise<T>,
): Promise<T> {
  const database = await openConfiguredDatabase(config);
  try {
    return await work(database);
  } finally {
    await database.close();
  }
}
