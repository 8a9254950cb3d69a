// Changes to projects, told to every process on the database: with SQLite an in-process fan-out, and
// the writes of other processes on the file (the CLI, a second service) found by polling it
// (sqlite-foreign-writes.ts) and told as missed changes; with PostgreSQL, NOTIFY on a channel that every
// replica LISTENs to, so that a write on one replica reaches the event streams of all (its own included,
// by the same path). Notifications are delivered only once the write has committed (it is announced
// after it answered).
import pg from 'pg';

/** A write changed the project (`method` and `url` of the request). */
export interface ChangeEvent {
  type: 'change';
  project: string;
  method: string;
  url: string;
}

/**
 * The event the service sends for its own `DELETE /v1/projects/:project` (its request's method and URL): a
 * stream ends on it (src/api/routes/events.ts). A delete made by a process with no request to announce (a
 * second service on the SQLite file, found by the poll; a process announcing its commits on PostgreSQL) is
 * told with it too, so that a dashboard learns that the project is gone, not only that it may have changed.
 */
export function projectDeletedEvent(project: string): ChangeEvent {
  return { type: 'change', project, method: 'DELETE', url: `/v1/projects/${encodeURIComponent(project)}` };
}

/**
 * The project may have changed unannounced: read it again. Either this process lost its connection to the
 * feed and has it again (writes made meanwhile on other replicas were told to nobody here), or a process
 * with no request to announce wrote to the database: the CLI on a SQLite file (found by the service's poll,
 * sqlite-foreign-writes.ts) or on PostgreSQL (told by the CLI itself, DatabaseOptions.announceCommits).
 */
export interface MissedChangesEvent {
  type: 'change';
  project: string;
  missed: true;
}

/**
 * An issue's last open blocker was finished (GitHub sends no such event): `finishedBlockers` are the
 * blockers whose closing unblocked it. Announced after the change is stored.
 */
export interface IssueUnblockedEvent {
  type: 'issue.unblocked';
  project: string;
  issue: string;
  title: string;
  finishedBlockers: string[];
  /** ISO 8601 time of the change. */
  at: string;
}

/** What a project's event stream (GET /v1/projects/:project/events) announces. */
export type ProjectEvent = ChangeEvent | MissedChangesEvent | IssueUnblockedEvent;

/** What a process tells every process on the database. */
export type PublishedEvent = ChangeEvent | MissedChangesEvent | IssueUnblockedEvent;

/** What a listener hears: what processes published, and changes found made unannounced. */
export type ChangeFeedListener = (event: ProjectEvent) => void;

export interface ChangeFeed {
  /** Tells every process on the database, this one included. */
  publish(event: PublishedEvent): Promise<void>;
  /** Listens to every change; returns the function that stops listening. */
  subscribe(listener: ChangeFeedListener): () => void;
  /**
   * Hears that the feed listens again after it lost its connection: changes made meanwhile were not told
   * (never with SQLite, where the feed is in-process). Returns the function that stops listening.
   */
  onResumed(listener: () => void): () => void;
  close(): Promise<void>;
}

const CHANNEL = 'isoplan_changes';
/** NOTIFY payloads are limited to 8000 bytes: a URL is cut well below. */
const MAX_URL = 2000;
const RECONNECT_MS = 1000;

function listeners<T>() {
  const set = new Set<(value: T) => void>();
  return {
    add(listener: (value: T) => void) {
      set.add(listener);
      return () => {
        set.delete(listener);
      };
    },
    emit(value: T) {
      for (const listener of [...set]) listener(value);
    },
  };
}

/** What another process did to a project, found unannounced (sqlite-foreign-writes.ts). */
export interface ForeignWriteListeners {
  /** Heard as `{ project, missed: true }`: read it again. */
  changed(project: string): void;
  /** Heard as the service's own delete (projectDeletedEvent). */
  deleted(project: string): void;
}

/**
 * In-process. `watchForeign`, when given, starts telling what other processes did to projects unannounced
 * and returns the function that stops it.
 */
export function createLocalChangeFeed(
  watchForeign?: (told: ForeignWriteListeners) => () => void,
): ChangeFeed {
  const all = listeners<ProjectEvent>();
  const stop = watchForeign?.({
    changed: (project) => all.emit({ type: 'change', project, missed: true }),
    deleted: (project) => all.emit(projectDeletedEvent(project)),
  });
  return {
    async publish(event) {
      all.emit(event);
    },
    subscribe: all.add,
    onResumed: () => () => {},
    async close() {
      stop?.();
    },
  };
}

function parse(payload: string | undefined): PublishedEvent | null {
  let value: Record<string, unknown>;
  try {
    value = JSON.parse(payload ?? '') as Record<string, unknown>;
  } catch {
    return null;
  }
  if (value === null || typeof value !== 'object' || typeof value.project !== 'string') return null;
  const { project } = value;
  if (value.type === 'change') {
    if (value.missed === true) return { type: 'change', project, missed: true };
    if (typeof value.method !== 'string' || typeof value.url !== 'string') return null;
    return { type: 'change', project, method: value.method, url: value.url };
  }
  if (value.type === 'issue.unblocked') {
    const { issue, title, finishedBlockers, at } = value;
    if (typeof issue !== 'string' || typeof title !== 'string' || typeof at !== 'string') return null;
    if (!Array.isArray(finishedBlockers) || !finishedBlockers.every((k) => typeof k === 'string'))
      return null;
    return { type: 'issue.unblocked', project, issue, title, finishedBlockers, at };
  }
  return null;
}

/**
 * LISTEN on one dedicated connection (re-established after a failure, every second until it holds), NOTIFY
 * through a one-connection pool. `onError` hears what went wrong (logged by the caller).
 */
export function createPostgresChangeFeed(
  config: pg.ClientConfig,
  onError: (error: unknown) => void = () => {},
): ChangeFeed & { ready: Promise<void> } {
  const all = listeners<ProjectEvent>();
  const resumed = listeners<void>();
  const notifier = new pg.Pool({ ...config, max: 1 });
  notifier.on('error', onError);
  let listener: pg.Client | null = null;
  let closed = false;
  let retry: NodeJS.Timeout | undefined;

  async function listen(): Promise<void> {
    const client = new pg.Client(config);
    client.on('notification', (message) => {
      if (message.channel !== CHANNEL) return;
      const event = parse(message.payload);
      if (event !== null) all.emit(event);
    });
    client.on('error', (error) => {
      onError(error);
      reconnect(client);
    });
    client.on('end', () => reconnect(client));
    await client.connect();
    await client.query(`LISTEN ${CHANNEL}`);
    if (closed) {
      await client.end();
      return;
    }
    listener = client;
  }

  function reconnect(failed: pg.Client): void {
    if (closed || listener !== failed) return;
    listener = null;
    failed.end().catch(() => {});
    retry = setTimeout(function again() {
      if (closed) return;
      listen().then(
        () => {
          if (!closed) resumed.emit();
        },
        (error: unknown) => {
          onError(error);
          retry = setTimeout(again, RECONNECT_MS);
        },
      );
    }, RECONNECT_MS);
  }

  const ready = listen();
  return {
    ready,
    async publish(event) {
      const payload = JSON.stringify(
        event.type === 'change' && 'url' in event ? { ...event, url: event.url.slice(0, MAX_URL) } : event,
      );
      await notifier.query('SELECT pg_notify($1, $2)', [CHANNEL, payload]);
    },
    subscribe: all.add,
    onResumed: resumed.add,
    async close() {
      closed = true;
      clearTimeout(retry);
      await ready.catch(() => {});
      await Promise.all([listener?.end(), notifier.end()]);
      listener = null;
    },
  };
}
