// SQLite's write lock held by another process (the CLI, a second service) for longer than busy_timeout:
// a 503 the client may retry, not a 500. The better-sqlite3 adapter reports SQLITE_BUSY as a
// `SocketTimeout` driver error inside Prisma's P2010.
import { DomainError } from '../domain/errors.js';

export class DatabaseBusyError extends DomainError {
  constructor() {
    super({
      type: 'database-busy',
      title: 'Database busy',
      status: 503,
      detail: 'another process holds the database write lock; nothing was changed, try again shortly',
      extensions: { retryAfterSeconds: 1 },
    });
  }
}

export function isDatabaseBusy(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const adapterError = (error as { meta?: { driverAdapterError?: unknown } }).meta?.driverAdapterError;
  if (adapterError instanceof Error && adapterError.message === 'SocketTimeout') return true;
  return /\bSQLITE_BUSY\b|database is locked/.test(error.message);
}

/** Runs `operation`, turning a lock timeout into DatabaseBusyError. */
export async function withBusyAsUnavailable<T>(operation: () => Promise<T>): Promise<T> {
  try {
    return await operation();
  } catch (error) {
    if (isDatabaseBusy(error)) throw new DatabaseBusyError();
    throw error;
  }
}
