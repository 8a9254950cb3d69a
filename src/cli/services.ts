// The CLI's services: the same composition root as the API (src/services/services.ts) over the
// configured database, closed (services, then the database) when the command's work is done.
import type { Config } from '../config.js';
import { createServices, type Services, type ServicesDeps } from '../services/services.js';
import type { Database } from '../store/database.js';
import { withDatabase } from './database.js';

/** Runs `work` with the services over an open database; both are closed afterwards, whatever happens. */
export function withServices<T>(
  config: Pick<Config, 'databaseUrl' | 'databasePath'>,
  work: (services: Services, database: Database) => Promise<T>,
  deps: Omit<ServicesDeps, 'stores'> = {},
): Promise<T> {
  return withDatabase(config, async (database) => {
    const services = createServices({ ...deps, stores: database.stores });
    try {
      return await work(services, database);
    } finally {
      await services.close();
    }
  });
}
