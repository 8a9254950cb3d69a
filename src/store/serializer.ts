// One operation at a time on one connection (the SQLite engine has two: src/store/engines/sqlite.ts):
// each operation starts when the one before it has settled, whether it succeeded or failed.

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
