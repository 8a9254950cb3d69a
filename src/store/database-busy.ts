// A write that could not get its lock within the busy timeout: another process holds SQLite's write lock
// (the CLI, a second service), or PostgreSQL's lock on the project (lock_timeout), or no connection of the
// pool came free in time. A 503 the client may retry, not a 500; nothing was changed. Each engine
// (src/store/engines) says which of its errors are this one.
import { DomainError } from '../domain/errors.js';

/** How long a write waits for a lock, and a PostgreSQL connection for the server, unless configured. */
export const DEFAULT_BUSY_TIMEOUT_MS = 5000;

export class DatabaseBusyError extends DomainError {
  constructor(reason = 'another process holds the database write lock') {
    super({
      type: 'database-busy',
      title: 'Database busy',
      status: 503,
      detail: `${reason}; nothing was changed, try again shortly`,
      extensions: { retryAfterSeconds: 1 },
    });
  }
}
