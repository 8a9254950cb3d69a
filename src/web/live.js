// Live updates: the project's server-sent events. `change` events are debounced so that a burst
// of writes (an import, a script) costs one refresh; `issue.unblocked` events (an issue's last open
// blocker was finished, e.g. closed on GitHub) are handed over one by one, as they come.

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

/**
 * @param {string} slug
 * @param {{
 *   onChange: () => void,
 *   onStatus: (connected: boolean) => void,
 *   onUnblocked?: (event: UnblockedEvent) => void,
 * }} handlers
 * @param {number} [debounceMs]
 * @returns {() => void} stops listening
 */
export function subscribeToChanges(slug, handlers, debounceMs = 300) {
  if (typeof EventSource === 'undefined') return () => {};
  const source = new EventSource(`/v1/projects/${encodeURIComponent(slug)}/events`);
  /** @type {ReturnType<typeof setTimeout> | undefined} */
  let timer;
  source.addEventListener('change', () => {
    clearTimeout(timer);
    timer = setTimeout(handlers.onChange, debounceMs);
  });
  source.addEventListener('issue.unblocked', (event) => {
    const unblocked = parseUnblocked(/** @type {MessageEvent} */ (event).data);
    if (unblocked !== null && unblocked.project === slug) handlers.onUnblocked?.(unblocked);
  });
  source.addEventListener('open', () => handlers.onStatus(true));
  source.addEventListener('error', () => handlers.onStatus(false));
  return () => {
    clearTimeout(timer);
    source.close();
  };
}
