// The audit trails the forecast reads (its history's burn-up, its trend's past states), kept per project
// between revisions and brought up to date by reading only the events after the newest one kept: read whole
// on every revision, a busy project's trail cost its forecast more than the forecast (60,000 events:
// 857 ms read whole, 8 ms kept, where the rest of a forecast after a write took 457 ms; bench/trail.ts).
//
// Sound because events are never changed, and writers to one project take turns (store-context.ts), each
// taking its event ids while it holds the turn: an event committed after a read has a larger id than every
// event of the project that read saw. The count read in the same snapshot as the tail checks it: when the
// events kept and the tail do not add up to it (an event below the newest kept appeared or went: a trail
// cut by hand), the trail is read whole again; so is a project deleted and created again under its slug
// (its trail is another row's).
//
// A caller gets a trail read after it asked (the forecast reads the project first: an older trail would
// miss a change the project shows): callers join a read that has not started yet, never one running, and
// the reads of one project run one at a time. Kept: the events without what no forecast reads
// (forecast-trail.ts), at most `maxEvents` across projects, the least recently used first out; a trail
// longer than that alone is read whole each time, as before.

import { forecastTrailEvent } from '../domain/forecast/forecast-trail.js';
import type { AuditEvent } from '../domain/model.js';
import type { AuditStore } from '../store/types.js';

/** Events kept across projects by default (as forecastTrailEvent keeps them: ~550 bytes of heap each, ~105 MB at most; bench/trail.ts). */
export const MAX_KEPT_TRAIL_EVENTS = 200_000;

export interface AuditTrailCache {
  /** The project's trail, oldest first, as forecastTrailEvent keeps it; read after this call. */
  events(slug: string): Promise<readonly AuditEvent[]>;
}

interface Kept {
  /** The project's row (AuditTrailTail.trail). */
  trail: number;
  events: readonly AuditEvent[];
}

export function createAuditTrailCache(
  audit: Pick<AuditStore, 'listAfter'>,
  maxEvents = MAX_KEPT_TRAIL_EVENTS,
): AuditTrailCache {
  /** By slug, least recently used first. */
  const kept = new Map<string, Kept>();
  let keptEvents = 0;
  /** Per slug, the read queued last (running or not). */
  const queued = new Map<string, Promise<readonly AuditEvent[]>>();
  /** Per slug, a read queued that has not started: a caller joins it. */
  const waiting = new Map<string, Promise<readonly AuditEvent[]>>();

  function forget(slug: string): void {
    const held = kept.get(slug);
    if (held === undefined) return;
    kept.delete(slug);
    keptEvents -= held.events.length;
  }

  function keep(slug: string, entry: Kept): void {
    forget(slug);
    if (entry.events.length > maxEvents) return;
    kept.set(slug, entry);
    keptEvents += entry.events.length;
    for (const [oldest] of kept) {
      if (keptEvents <= maxEvents) break;
      forget(oldest);
    }
  }

  async function read(slug: string): Promise<readonly AuditEvent[]> {
    const held = kept.get(slug);
    try {
      if (held !== undefined) {
        const tail = await audit.listAfter(slug, held.events.at(-1)?.id ?? 0);
        if (tail.trail === held.trail && held.events.length + tail.events.length === tail.total) {
          const events =
            tail.events.length === 0 ? held.events : [...held.events, ...tail.events.map(forecastTrailEvent)];
          keep(slug, { trail: held.trail, events });
          return events;
        }
      }
      const whole = await audit.listAfter(slug, 0);
      const events = whole.events.map(forecastTrailEvent);
      keep(slug, { trail: whole.trail, events });
      return events;
    } catch (error) {
      forget(slug);
      throw error;
    }
  }

  return {
    events(slug) {
      const joined = waiting.get(slug);
      if (joined !== undefined) return joined;
      const before = queued.get(slug);
      const next = (before ?? Promise.resolve())
        .catch(() => undefined)
        .then(() => {
          waiting.delete(slug);
          return read(slug);
        });
      waiting.set(slug, next);
      queued.set(slug, next);
      const settled = () => {
        if (queued.get(slug) === next) queued.delete(slug);
      };
      next.then(settled, settled);
      return next;
    },
  };
}
