// Live updates: the project's server-sent `change` events, debounced so that a burst
// of writes (an import, a script) costs one refresh.

/**
 * @param {string} slug
 * @param {() => void} onChange
 * @param {(connected: boolean) => void} onStatus
 * @param {number} [debounceMs]
 * @returns {() => void} stops listening
 */
export function subscribeToChanges(slug, onChange, onStatus, debounceMs = 300) {
  if (typeof EventSource === 'undefined') return () => {};
  const source = new EventSource(`/v1/projects/${encodeURIComponent(slug)}/events`);
  /** @type {ReturnType<typeof setTimeout> | undefined} */
  let timer;
  source.addEventListener('change', () => {
    clearTimeout(timer);
    timer = setTimeout(onChange, debounceMs);
  });
  source.addEventListener('open', () => onStatus(true));
  source.addEventListener('error', () => onStatus(false));
  return () => {
    clearTimeout(timer);
    source.close();
  };
}
