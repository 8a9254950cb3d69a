// A write the database refused because it cannot be written at all: SQLite's file (or its directory, or its
// filesystem) became read-only, or PostgreSQL's session is read-only (a standby, default_transaction_read_only).
// A 503 naming the cause, not a 500: nothing was changed, and the same write may succeed once an operator
// has fixed the database. Readiness fails meanwhile (src/api/routes/health.ts, the engine's `fault`). Each
// engine (src/store/engines) says which of its errors are this one.
import { DomainError } from '../domain/errors.js';

export class DatabaseReadOnlyError extends DomainError {
  constructor(reason: string) {
    super({
      type: 'database-read-only',
      title: 'Database read-only',
      status: 503,
      detail: `the database cannot be written (${reason}); nothing was changed, reads still work`,
      extensions: { retryAfterSeconds: 30 },
    });
  }
}

/** How long readiness reports a read-only database after a write found it so (unless a write succeeds). */
export const READ_ONLY_REMEMBERED_MS = 30_000;
