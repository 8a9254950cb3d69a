// What the page says when a write is refused: a conflict (412: someone else changed the issue
// since the page showed it; the history says who and what), a cycle (409: the refused
// dependency's path), a missing token (401: ask for one, kept for this tab), a token that may not
// make the change (403 for its scope or project: ask for another, or the tab would be stuck with it),
// the issue deleted meanwhile (404 for the issue itself: who deleted it, from the history), no answer at
// all (the server down or the network cut: the browser's "Failed to fetch" is not what the user reads;
// what they typed stays in the form for another try), or anything else.
import * as api from './api.js';
import { formatActor } from './format.js';
import { describeChange } from './issue-panel.js';

/**
 * @typedef {{ toast: (message: string, kind?: 'info' | 'error') => void }} Toaster
 * @typedef {{ kind: 'conflict' | 'gone' | 'unauthorized' | 'unreachable' | 'failed' } | { kind: 'cycle', cycle: string[] }} WriteOutcome
 */

/**
 * Asks for the API token the service needs (for changes, or to read at all).
 * @param {string} [why]
 * @returns {boolean} whether a token was given
 */
export function askForToken(why = 'This service needs an API token for changes.') {
  const value = window.prompt(`${why} Token:`);
  if (value) api.token.set(value.trim());
  return Boolean(value);
}

/** The problem types of a 403 that another token would not get. */
const TOKEN_REFUSALS = /\/(insufficient-scope|token-limited-to-project)$/;

/**
 * Whether a 404 is about the issue `key` itself (not, say, a blocker it names).
 * @param {api.ApiError} error
 * @param {string} key
 */
const isThisIssue = (error, key) => {
  const problem = /** @type {{ resource?: unknown, id?: unknown } | null} */ (error.problem);
  return problem?.resource === 'issue' && problem.id === key;
};

/** @param {api.ApiError} error */
const problemType = (error) => String(/** @type {any} */ (error.problem)?.type ?? '');

/**
 * A write refused for its token: none (401), or one that may not make it (403 for its scope or its
 * project; the tab would be stuck with it). Asks for one, and says whether it did.
 * @param {unknown} error
 * @returns {boolean}
 */
export function askForTokenIfRefused(error) {
  if (!(error instanceof api.ApiError)) return false;
  if (error.status === 401) {
    askForToken();
    return true;
  }
  if (error.status !== 403 || !TOKEN_REFUSALS.test(problemType(error))) return false;
  askForToken(`This token may not make this change: ${error.message}.`);
  return true;
}

/**
 * Who changed an issue after the revision the page showed, and what: "alice: status: open → done".
 * @param {api.AuditEvent[]} events newest first
 * @param {string} key
 * @param {number | undefined} revision
 * @returns {string[]}
 */
export function changesSince(events, key, revision) {
  /** @param {unknown} v */
  const revisionOf = (v) =>
    typeof v === 'object' && v !== null && typeof (/** @type {any} */ (v).revision) === 'number'
      ? /** @type {number} */ (/** @type {any} */ (v).revision)
      : null;
  return events
    .filter((e) => {
      if (e.target !== key) return false;
      const after = revisionOf(e.after);
      return revision === undefined || after === null || after > revision;
    })
    .slice(0, 3)
    .map((e) => {
      const what = describeChange(e.before, e.after);
      return `${formatActor(e)}: ${what.length > 0 ? what.join('; ') : e.action}`;
    });
}

/**
 * @param {unknown} error
 * @param {{ slug: string, key: string, revision?: number, shell: Toaster }} context
 * @returns {Promise<WriteOutcome>}
 */
export async function reportWriteError(error, { slug, key, revision, shell }) {
  if (error instanceof api.ApiError && error.status === 412) {
    let who = '';
    try {
      const changes = changesSince(await api.getHistory(slug, 100, key), key, revision);
      if (changes.length > 0) who = ` (${changes.join(' · ')})`;
    } catch {
      // the message stands without the details
    }
    shell.toast(
      `${key} was changed by someone else meanwhile${who}. The page now shows the latest state; try again.`,
      'error',
    );
    return { kind: 'conflict' };
  }
  if (error instanceof api.ApiError && error.status === 404 && isThisIssue(error, key)) {
    let who = '';
    try {
      const deleted = await api.getDeletion(slug, key);
      if (deleted !== null) who = ` by ${formatActor(deleted)}`;
    } catch {
      // the message stands without who
    }
    shell.toast(`${key} was deleted${who} meanwhile: nothing was saved.`, 'error');
    return { kind: 'gone' };
  }
  if (
    error instanceof api.ApiError &&
    error.status === 409 &&
    Array.isArray(/** @type {any} */ (error.problem)?.cycle)
  ) {
    const cycle = /** @type {string[]} */ (/** @type {any} */ (error.problem).cycle);
    shell.toast(
      `Refused: that dependency would close a cycle ${cycle.join(' → ')}. It is shown on the graph.`,
      'error',
    );
    return { kind: 'cycle', cycle };
  }
  if (askForTokenIfRefused(error)) return { kind: 'unauthorized' };
  if (error instanceof api.UnreachableError) {
    shell.toast(
      `Could not change ${key}: the server could not be reached. Try again once it is back.`,
      'error',
    );
    return { kind: 'unreachable' };
  }
  shell.toast(`Could not change ${key}: ${error instanceof Error ? error.message : String(error)}`, 'error');
  return { kind: 'failed' };
}
