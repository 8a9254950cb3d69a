// Changes to projects, told to every process on the database: with SQLite (one service process per
// file) an in-process fan-out; with PostgreSQL, NOTIFY on a channel that every replica LISTENs to, so
// that a write on one replica reaches the event streams of all (its own included, by the same path).
// Notifications are delivered only once the write has committed (it is announced after it answered).
import pg from 'pg';

export interface ChangeEvent {
  project: string;
  method: string;
  url: string;
}

export type ChangeFeedListener = (event: ChangeEvent) => void;

export interface ChangeFeed {
  /** Tells every process on the database, this one included. */
  publish(event: ChangeEvent): Promise<void>;
  /** Listens to every change; returns the function that stops listening. */
  subscribe(listener: ChangeFeedListener): () => void;
  close(): Promise<void>;
}

const CHANNEL = 'isoplan_changes';
/** NOTIFY payloads are limited to 8000 bytes: a URL is cut well below. */
const MAX_URL = 2000;
const RECONNECT_MS = 1000;

function listeners() {
  const set = new Set<ChangeFeedListener>();
  return {
    add(listener: ChangeFeedListener) {
      set.add(listener);
      return () => {
        set.delete(listener);
      };
    },
    emit(event: ChangeEvent) {
      for (const listener of [...set]) listener(event);
    },
  };
}

export function createLocalChangeFeed(): ChangeFeed {
  const all = listeners();
  return {
    async publish(event) {
      all.emit(event);
    },
    subscribe: all.add,
    async close() {},
  };
}

function parse(payload: string | undefined): ChangeEvent | null {
  try {
    const value = JSON.parse(payload ?? '') as Partial<ChangeEvent>;
    if (
      typeof value.project !== 'string' ||
      typeof value.method !== 'string' ||
      typeof value.url !== 'string'
    )
      return null;
    return { project: value.project, method: value.method, url: value.url };
  } catch {
    return null;
  }
}

/**
 * LISTEN on one dedicated connection (re-established after a failure, every second until it holds), NOTIFY
 * through a one-connection pool. `onError` hears what went wrong (logged by the caller).
 */
export function createPostgresChangeFeed(
  config: pg.ClientConfig,
  onError: (error: unknown) => void = () => {},
): ChangeFeed & { ready: Promise<void> } {
  const all = listeners();
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
      listen().catch((error: unknown) => {
        onError(error);
        retry = setTimeout(again, RECONNECT_MS);
      });
    }, RECONNECT_MS);
  }

  const ready = listen();
  return {
    ready,
    async publish(event) {
      const payload = JSON.stringify({ ...event, url: event.url.slice(0, MAX_URL) });
      await notifier.query('SELECT pg_notify($1, $2)', [CHANNEL, payload]);
    },
    subscribe: all.add,
    async close() {
      closed = true;
      clearTimeout(retry);
      await ready.catch(() => {});
      await Promise.all([listener?.end(), notifier.end()]);
      listener = null;
    },
  };
}
