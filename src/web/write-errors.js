// What the page says when a write is refused: a conflict (412: someone else changed it since the
// page showed it), a missing token (401: ask for one, kept for this tab), or anything else.
import * as api from './api.js';

/**
 * @typedef {{ toast: (message: string, kind?: 'info' | 'error') => void }} Toaster
 */

/**
 * Asks for the API token the service needs for writes.
 * @returns {boolean} whether a token was given
 */
export function askForToken() {
  const value = window.prompt('This service needs an API token for changes. Token:');
  if (value) api.token.set(value.trim());
  return Boolean(value);
}

/**
 * @param {unknown} error
 * @param {string} key the issue the write was about
 * @param {Toaster} shell
 * @returns {'conflict' | 'unauthorized' | 'failed'}
 */
export function reportWriteError(error, key, shell) {
  if (error instanceof api.ApiError && error.status === 412) {
    shell.toast(
      `${key} was changed by someone else meanwhile. The page now shows the latest state; try again.`,
      'error',
    );
    return 'conflict';
  }
  if (error instanceof api.ApiError && error.status === 401) {
    askForToken();
    return 'unauthorized';
  }
  shell.toast(`Could not change ${key}: ${error instanceof Error ? error.message : String(error)}`, 'error');
  return 'failed';
}
