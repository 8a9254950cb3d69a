// Lookups by key that concurrent callers share, soundly for a freshness check (a project's revision on
// every cached plan): a caller joins only a lookup that has not started yet, never one already running,
// so every answer a caller gets was read after it asked and sees every commit before that. A lookup
// starts once the event loop has handled the I/O at hand (setImmediate): the requests that arrived on
// all connections in that turn share one statement instead of running one each. Measured on plan-api
// (32 connections, ~16 requests a statement): the service's CPU per cached plan 65-75 us -> 29-33 us on
// SQLite, 108-132 us -> 45 us on PostgreSQL (Node's only: PostgreSQL's own work is not counted). Waiting
// instead for a running lookup to settle before the next (one running per key), or two turns instead of
// one, was measured on PostgreSQL (plan-api's load, a quiet shared machine, 6 rounds A/B in one process):
// one running per key removed the 30-60% of statements that started beside another (on a second pooled
// connection), and two turns joined 19-24 requests a statement against 12-14, yet plan/bare stayed at
// 0.45-0.48 against 0.46-0.49 (per-round medians, two runs); a 1 ms wait between statements (26-29
// requests each) gave 0.39. The same batching answered with no statement at all (an unsafe experiment)
// gave 0.64-0.67, SQLite's figure: what PostgreSQL costs here is waiting on a round trip at all (the
// processes sleep and wake for it), not how many statements there are.

export function joinedLookups<K, V>(lookup: (key: K) => Promise<V>): (key: K) => Promise<V> {
  /** Lookups not started yet, by key: a caller for the same key joins them. */
  const waiting = new Map<K, Promise<V>>();
  return (key) => {
    let joined = waiting.get(key);
    if (joined === undefined) {
      joined = new Promise<void>((resolve) => setImmediate(resolve)).then(() => {
        // Started: a caller from now on waits for the next one.
        waiting.delete(key);
        return lookup(key);
      });
      waiting.set(key, joined);
    }
    return joined;
  };
}
