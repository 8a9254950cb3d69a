// Live updates: the project's server-sent events. `change` events are debounced so that a burst
// of writes (an import, a script) costs one refresh; `issue.unblocked` events (an issue's last open
// blocker was finished, e.g. closed on GitHub) are handed over one by one, as they come. Read with fetch
// (event-stream.js), so that the tab's token goes in the Authorization header when the service closes
// reads; a dropped stream is reconnected after the delay the server asks for, and a deleted project (404)
// ends it. A stream only tells what happens while it is open: a connection made after the first attempt (made
// just after the page read the project) counts as a change, so that writes made while the page was cut off (a
// server restart, another replica or the CLI meanwhile) are shown when it is back, not with the next write.
// A stream refused for its token (401: revoked, expired) is not opened again with that token: each attempt
// would spend the address's rate-limit budget (guessed tokens count against it) for nothing. The page reads
// once instead, which asks for a token, and the stream opens again once the tab has another.
// While the stream is down its status says why: `offline` when the server gives no answer at all (down,
// restarting, the network cut), `reconnecting` when it answers but the stream is not open (yet).
import { openEvents, token, UnreachableError } from './api.js';
import { createEventStreamParser } from './event-stream.js';

/** Until the server says otherwise (its `retry` field). */
const DEFAULT_RETRY_MS = 3000;

/**
 * @typedef {{ project: string, issue: string, title: string, finishedBlockers: string[], at: string }}
 *   UnblockedEvent
 */

/**
 * The data of an `issue.unblocked` event, or null when it is not one (a stream is input like any other).
 * @param {string} text
 * @returns {UnblockedEvent | null}
 */
export function parseUnblocked(text) {
  let data;
  try {
    data = JSON.parse(text);
  } catch {
    return null;
  }
  if (data === null || typeof data !== 'object') return null;
  const { project, issue, title, finishedBlockers, at } = data;
  const strings = [project, issue, title, at].every((v) => typeof v === 'string');
  const blockers = Array.isArray(finishedBlockers) && finishedBlockers.every((b) => typeof b === 'string');
  return strings && blockers ? { project, issue, title, finishedBlockers, at } : null;
}

/** @typedef {'live' | 'reconnecting' | 'offline'} StreamStatus */

/**
 * @param {string} slug
 * @param {{
 *   onChange: () => void,
 *   onStatus: (status: StreamStatus) => void,
 *   onUnblocked?: (event: UnblockedEvent) => void,
 * }} handlers
 * @param {number} [debounceMs]
 * @returns {() => void} stops listening
 */
export function subscribeToChanges(slug, handlers, debounceMs = 300) {
  if (typeof fetch === 'undefined' || typeof TextDecoderStream === 'undefined') return () => {};
  /** @type {ReturnType<typeof setTimeout> | undefined} */
  let timer;
  let retryMs = DEFAULT_RETRY_MS;
  let stopped = false;
  let aborter = new AbortController();
  let attempts = 0;
  /** @type {string | null | undefined} the tab's token (null: none) the stream was refused with, if it is */
  let refusedWith;
  /** Whether the stream was ever open. */
  let connected = false;

  /** @param {import('./event-stream.js').StreamEvent} event */
  function take(event) {
    if (event.type === 'change') {
      clearTimeout(timer);
      timer = setTimeout(handlers.onChange, debounceMs);
    } else if (event.type === 'issue.unblocked') {
      const unblocked = parseUnblocked(event.data);
      if (unblocked !== null && unblocked.project === slug) handlers.onUnblocked?.(unblocked);
    }
  }

  /** Reads one connection to its end; whether to connect again. */
  async function readOnce() {
    attempts++;
    const bearer = token.get();
    if (refusedWith !== undefined && bearer === refusedWith) return true; // no request: wait for another
    const response = await openEvents(slug, aborter.signal);
    if (response.status === 404) return false; // the project is gone
    if (response.status === 401) {
      // A token that was taken before and no longer is: a read, which asks for another (api.js
      // onReadRefused). Refused from the start, the page's own first read has asked already.
      if (refusedWith === undefined && connected) handlers.onChange();
      refusedWith = bearer;
      return true;
    }
    refusedWith = undefined;
    if (!response.ok || response.body === null) return true;
    connected = true;
    handlers.onStatus('live');
    if (attempts > 1) take({ type: 'change', data: '' });
    const parser = createEventStreamParser(take, (ms) => {
      retryMs = ms;
    });
    const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return true;
      parser.push(value);
    }
  }

  (async () => {
    while (!stopped) {
      /** @type {StreamStatus} */
      let status = 'reconnecting';
      const again = await readOnce().catch((error) => {
        if (error instanceof UnreachableError) status = 'offline';
        return true;
      });
      if (stopped) return;
      handlers.onStatus(status);
      if (!again) return;
      await new Promise((resolve) => setTimeout(resolve, retryMs));
      aborter = new AbortController();
    }
  })();

  return () => {
    stopped = true;
    clearTimeout(timer);
    aborter.abort();
  };
}
