// A publish/subscribe bus, `app.events`, that announces every successful write to a project (any 2xx
// answer to a non-GET request under /v1/projects/:project, read-only POSTs such as what-if excepted), so
// that open dashboards refresh. Publishing from one `onResponse` hook means no route needs to know about
// it. Events travel through the database's change feed (src/store/change-feed.ts): in-process with
// SQLite, LISTEN/NOTIFY with PostgreSQL, so that a write on one replica reaches the streams of every one.
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import type { ProjectEvent, ProjectEventPublisher } from '../../services/project-events.js';
import { type ChangeFeed, createLocalChangeFeed } from '../../store/change-feed.js';

export type { ChangeEvent, ProjectEvent } from '../../services/project-events.js';

export type ChangeListener = (event: ProjectEvent) => void;

/** The services publish here too (`issue.unblocked`). */
export interface EventBus extends ProjectEventPublisher {
  /** Listens to one project's changes; returns the function that stops listening. */
  subscribe(project: string, listener: ChangeListener): () => void;
  /** How many listeners a project has (for tests and diagnostics). */
  listenerCount(project: string): number;
}

declare module 'fastify' {
  interface FastifyInstance {
    events: EventBus;
  }
}

const READ_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
const PROJECT_URL = /^\/v1\/projects\/([^/?#]+)/;

export function createEventBus(
  onListenerError: (error: unknown) => void = () => {},
  feed: ChangeFeed = createLocalChangeFeed(),
): EventBus & { close(): void } {
  const listeners = new Map<string, Set<ChangeListener>>();
  const tell = (event: ProjectEvent) => {
    // A copy: a listener may unsubscribe while we iterate.
    for (const listener of [...(listeners.get(event.project) ?? [])]) {
      try {
        listener(event);
      } catch (error) {
        onListenerError(error);
      }
    }
  };
  const stop = feed.subscribe(tell);
  // Writes made while the feed was away were told to nobody here: every open stream reads its project again.
  const stopResumed = feed.onResumed(() => {
    for (const project of [...listeners.keys()]) tell({ type: 'change', project, missed: true });
  });
  return {
    publish(event) {
      feed.publish(event).catch(onListenerError);
    },
    close() {
      stop();
      stopResumed();
    },
    subscribe(project, listener) {
      let set = listeners.get(project);
      if (set === undefined) {
        set = new Set();
        listeners.set(project, set);
      }
      set.add(listener);
      return () => {
        const current = listeners.get(project);
        if (current === undefined) return;
        current.delete(listener);
        if (current.size === 0) listeners.delete(project);
      };
    },
    listenerCount(project) {
      return listeners.get(project)?.size ?? 0;
    },
  };
}

/** The project a write under /v1/projects/:project… changes, or null for any other request. */
export function changedProject(method: string, url: string, statusCode: number): string | null {
  if (READ_METHODS.has(method) || statusCode < 200 || statusCode >= 300) return null;
  const match = PROJECT_URL.exec(url);
  if (match === null) return null;
  try {
    return decodeURIComponent(match[1] as string);
  } catch {
    return null;
  }
}

async function eventBus(app: FastifyInstance): Promise<void> {
  const bus = createEventBus(
    (error) => app.log.error({ err: error }, 'event listener or change feed failed'),
    app.database.changes ?? createLocalChangeFeed(),
  );
  app.addHook('onClose', async () => bus.close());
  app.decorate('events', bus);
  app.addHook('onResponse', async (request, reply) => {
    // A POST that changes nothing (what-if) is a read: announcing it would refresh every open dashboard.
    if (request.routeOptions.config?.scope === 'read') return;
    const project = changedProject(request.method, request.url, reply.statusCode);
    if (project !== null)
      app.events.publish({ type: 'change', project, method: request.method, url: request.url });
  });
}

export default fp(eventBus, { name: 'event-bus', fastify: '5.x', dependencies: ['isoplan-stores'] });
