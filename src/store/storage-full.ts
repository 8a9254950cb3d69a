// The disk under the database is full (or, on SQLite, the database reached its size limit) in the middle
// of a write: the engine rolls the transaction back, so nothing is half-written; the client gets a 507 it
// may retry once an operator has made room, and reads go on. Each engine (src/store/engines) says which of
// its errors are this one: SQLite's SQLITE_FULL, PostgreSQL's SQLSTATE 53100 (disk_full).
import { DomainError } from '../domain/errors.js';

export class StorageFullError extends DomainError {
  constructor() {
    super({
      type: 'storage-full',
      title: 'Storage full',
      status: 507,
      detail:
        "the database's disk is full (or the database reached its size limit): nothing was written; reads still work",
      extensions: { retryAfterSeconds: 60 },
    });
  }
}
