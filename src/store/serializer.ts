// One operation at a time on the process's single SQLite connection.
//
// The better-sqlite3 adapter gives Prisma ONE connection. Its interactive transactions hold a mutex, but
// queries issued outside a transaction do not wait for it: they would run on the same connection, inside
// another request's open transaction, and see (or, for writes, join) its uncommitted work. Running every
// store operation through this queue keeps each one isolated. It costs no parallelism: better-sqlite3 is
// synchronous, so the connection only ever did one thing at a time anyway.

export interface Serializer {
  run<T>(operation: () => Promise<T>): Promise<T>;
}

export function createSerializer(): Serializer {
  let tail: Promise<unknown> = Promise.resolve();
  return {
    run<T>(operation: () => Promise<T>): Promise<T> {
      const result = tail.then(operation, operation);
      // The queue continues whether this operation succeeds or fails.
      tail = result.then(
        () => undefined,
        () => undefined,
      );
      return result;
    },
  };
}
