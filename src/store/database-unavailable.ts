// The database cannot be reached: PostgreSQL is restarting or down, refuses connections (too many, or
// starting up), or the network to it failed and dropped the connection. A 503 the client may retry, not a
// 500: the service itself is fine and serves again, without a restart, as soon as the database answers
// (the pools open new connections). The engine (src/store/engines) says which of its errors are this one.
import { DomainError } from '../domain/errors.js';

export class DatabaseUnavailableError extends DomainError {
  /** `cause`: the driver's error, for the log (an operator needs its reason; the client gets none of it). */
  constructor(cause?: unknown) {
    super({
      type: 'database-unavailable',
      title: 'Database unavailable',
      status: 503,
      detail:
        'the database cannot be reached just now (restarting, or the connection to it failed); try again shortly',
      extensions: { retryAfterSeconds: 2 },
    });
    this.cause = cause;
  }
}
