// Opening the configured database from the CLI: the same store code as the API.
import { mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { Config } from '../config.js';
import { type Database, openDatabase } from '../store/database.js';

/** Opens (creating its directory and applying pending migrations) the database named by DATABASE_URL. */
export async function openConfiguredDatabase(
  config: Pick<Config, 'databaseUrl' | 'databasePath'>,
): Promise<Database> {
  await mkdir(dirname(config.databasePath), { recursive: true });
  return openDatabase({ url: config.databaseUrl, migrate: true });
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
