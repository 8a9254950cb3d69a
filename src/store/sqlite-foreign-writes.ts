// Writes to a SQLite file by other processes (the CLI on the file, a second service), which this process's
// change feed never hears: found by polling. SQLite's `PRAGMA data_version` changes on a connection when
// another connection committed (https://sqlite.org/pragma.html#pragma_data_version); only then are the
// projects' revisions read and compared with those this process last knew (its own commits, announced on
// the commit feed, and the last poll). A project whose revision moved unannounced is told `changed`; one
// that is gone, `deleted` (a dashboard open on it learns it is gone, as from the service's own delete).
// Cost: one pragma a poll, one small query per foreign commit.
import BetterSqlite3 from 'better-sqlite3';
import type { ForeignWriteListeners } from './change-feed.js';
import type { CommitFeed } from './commit-feed.js';

/** How often the file is looked at: the dashboard follows another process's writes within about this. */
export const FOREIGN_WRITES_POLL_MS = 1000;

export interface ForeignWritesOptions {
  path: string;
  commits: CommitFeed;
  told: ForeignWriteListeners;
  onError?: (error: unknown) => void;
  pollMs?: number;
}

/** Starts watching; returns the function that stops it (and closes its connection). */
export function watchForeignWrites(options: ForeignWritesOptions): () => void {
  // Polls run on the event loop: one that would wait for a lock gives up at once and tries next time.
  const db = new BetterSqlite3(options.path, { readonly: true, fileMustExist: true, timeout: 0 });
  /** Prepared at its first use: a file opened without migrations has no table yet. */
  let revisions: BetterSqlite3.Statement<[], { slug: string; revision: number }> | undefined;
  /** The revision of each project as this process last knew it. */
  const known = new Map<string, number>();
  let dataVersion: unknown;
  let lastError = '';

  function poll(): void {
    try {
      const version = db.pragma('data_version', { simple: true });
      if (version === dataVersion) return;
      const first = dataVersion === undefined;
      revisions ??= db.prepare('SELECT "slug", "revision" FROM "Project"');
      const rows = revisions.all();
      dataVersion = version;
      const gone = new Set(known.keys());
      for (const { slug, revision } of rows) {
        gone.delete(slug);
        const before = known.get(slug);
        known.set(slug, revision);
        if (!first && before !== undefined && before !== revision) options.told.changed(slug);
      }
      for (const slug of gone) {
        known.delete(slug);
        options.told.deleted(slug);
      }
      lastError = '';
    } catch (error) {
      if ((error as { code?: unknown }).code === 'SQLITE_BUSY') return;
      // Said once, not every poll (a file removed under the service: readiness says so too).
      const message = (error as Error).message;
      if (message !== lastError) options.onError?.(error);
      lastError = message;
    }
  }

  // This process's own commits are announced on their own path (the event bus: by the request that makes
  // them, or the service, a GitHub webhook delivery): known, not foreign. A write through the stores outside
  // both (a test's fixture) is told to no stream; another connection's, even in this process, is found here.
  // (A project this process deleted is no longer known: the poll must not tell its delete again.)
  const stopCommits = options.commits.subscribe(({ project, revision, deleted }) => {
    if (deleted) known.delete(project);
    else known.set(project, revision);
  });
  poll();
  const timer = setInterval(poll, options.pollMs ?? FOREIGN_WRITES_POLL_MS);
  timer.unref();
  return () => {
    clearInterval(timer);
    stopCommits();
    db.close();
  };
}
