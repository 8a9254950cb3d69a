// The database file is damaged: SQLite found a page it cannot read (SQLITE_CORRUPT, "database disk image is
// malformed"; SQLITE_NOTADB), as a failing disk, a copy taken in the middle of a write or another program
// writing into the file leaves it. Not a bug of this service (a 500) and not something a retry mends: a 503
// that names it, and readiness fails from then on (the engine's `fault`), so that an operator restores the
// file from a backup (or `sqlite3 FILE .recover`). Each engine (src/store/engines) says which of its
// errors are this one.
import { DomainError } from '../domain/errors.js';

export class DatabaseDamagedError extends DomainError {
  constructor(code: string) {
    super({
      type: 'database-damaged',
      title: 'Database damaged',
      status: 503,
      detail: `the database file is damaged (${code}): an operator must restore it from a backup; nothing was changed`,
    });
  }
}
