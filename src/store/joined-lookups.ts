// Lookups by key that concurrent callers share, soundly for a freshness check (a project's revision on
// every cached plan): a caller joins only a lookup that has not started yet, never one already running,
// so every answer a caller gets was read after it asked and sees every commit before that. A lookup
// starts once the event loop has handled the I/O at hand (setImmediate): the requests that arrived on
// all connections in that turn share one statement instead of running one each. Measured on plan-api
// (32 connections, ~16 requests a statement): the service's CPU per cached plan 65-75 us -> 29-33 us on
// SQLite, 108-132 us -> 45 us on PostgreSQL (Node's only: PostgreSQL's own work is not counted). Waiting
// instead for a running lookup to settle before the next (one running per key) was measured twice: under
// the bench's load 16-58% of the statements started while another for the same key ran (on a second
// pooled connection), and one running per key removed those yet joined about as many requests a statement
// (15-16 against 12-16) with no throughput change beyond a shared machine's noise (plan/bare per-round
// medians 0.73 vs 0.56 in one run, 0.66 vs 0.71 in the next); on a quieter machine 6-7 either way.

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
