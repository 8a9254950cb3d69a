// What the project page shows, as URL query parameters and back: the tab, the selected issue,
// the graph's search, focus and folding, the table's filter and sort, and the what-if set. Every
// user choice is pushed to the history, so back/forward and a shared link reopen the same view.
// Pure: no DOM (tested without a browser).

/**
 * @typedef {'both' | 'upstream' | 'downstream' | 'goal'} FocusMode
 * The graph's folding: `auto` (by size), every parent, none, the parents listed, or every parent but those
 * listed (`except`: on a large project most parents stay folded, and listing them all made a URL of
 * kilobytes, past what a server takes in a request line at about 20,000 issues).
 * @typedef {'auto' | 'all' | 'none' | string[] | { except: string[] }} Fold
 * @typedef {{ tab: string, issue: string | null, focus: string | null, focusMode: FocusMode,
 *   fold: Fold, status: string, label: string, text: string,
 *   sort: string, descending: boolean, whatIf: string[] }} PageState
 */

export const FOCUS_MODES = /** @type {const} */ (['both', 'upstream', 'downstream', 'goal']);

/** @type {PageState} */
export const DEFAULT_STATE = Object.freeze({
  tab: 'graph',
  issue: null,
  focus: null,
  focusMode: 'both',
  fold: 'auto',
  status: '',
  label: '',
  text: '',
  sort: 'key',
  descending: false,
  whatIf: [],
});

/** Keys are free text: lists of them are joined by a character no key is expected to hold. */
const LIST_SEP = ' ';

/** @param {string | null} value */
const list = (value) => (value === null || value === '' ? [] : value.split(LIST_SEP).filter(Boolean));

/**
 * @param {string} search `location.search`
 * @param {string[]} tabs the known tab ids
 * @returns {PageState}
 */
export function parseState(search, tabs) {
  const q = new URLSearchParams(search);
  const tab = q.get('view') ?? DEFAULT_STATE.tab;
  const focusMode = /** @type {FocusMode} */ (q.get('mode') ?? 'both');
  const fold = q.get('fold');
  const unfold = q.get('unfold');
  return {
    tab: tabs.includes(tab) ? tab : DEFAULT_STATE.tab,
    issue: q.get('issue') || null,
    focus: q.get('focus') || null,
    focusMode: FOCUS_MODES.includes(focusMode) ? focusMode : 'both',
    fold:
      unfold !== null
        ? { except: list(unfold) }
        : fold === null || fold === 'auto'
          ? 'auto'
          : fold === 'all' || fold === 'none'
            ? fold
            : list(fold),
    status: q.get('status') ?? '',
    label: q.get('label') ?? '',
    text: q.get('q') ?? '',
    sort: q.get('sort') ?? DEFAULT_STATE.sort,
    descending: q.get('desc') === '1',
    whatIf: list(q.get('whatif')),
  };
}

/**
 * The query string for a state: only what differs from the default, in a fixed order.
 * @param {PageState} state
 * @returns {string} '' or '?…'
 */
export function formatState(state) {
  const q = new URLSearchParams();
  if (state.tab !== DEFAULT_STATE.tab) q.set('view', state.tab);
  if (state.issue) q.set('issue', state.issue);
  if (state.focus) q.set('focus', state.focus);
  if (state.focus && state.focusMode !== 'both') q.set('mode', state.focusMode);
  if (typeof state.fold === 'object' && !Array.isArray(state.fold))
    q.set('unfold', state.fold.except.join(LIST_SEP));
  else if (state.fold !== 'auto')
    q.set('fold', Array.isArray(state.fold) ? state.fold.join(LIST_SEP) : state.fold);
  if (state.status) q.set('status', state.status);
  if (state.label) q.set('label', state.label);
  if (state.text) q.set('q', state.text);
  if (state.sort !== DEFAULT_STATE.sort) q.set('sort', state.sort);
  if (state.descending) q.set('desc', '1');
  if (state.whatIf.length > 0) q.set('whatif', state.whatIf.join(LIST_SEP));
  const text = q.toString();
  return text === '' ? '' : `?${text}`;
}

/**
 * The state with only issues the project `holds` in its focus, its folding and its what-if set: an issue
 * deleted (by another client; a stale link) leaves them. The selected issue is left to the page, which
 * says first that it is gone.
 * @param {PageState} state
 * @param {(key: string) => boolean} holds
 * @returns {PageState} `state` itself when nothing is dropped
 */
export function withoutMissingIssues(state, holds) {
  const whatIf = state.whatIf.filter(holds);
  const focus = state.focus !== null && !holds(state.focus) ? null : state.focus;
  const { fold } = state;
  const listed = Array.isArray(fold) ? fold : typeof fold === 'object' ? fold.except : [];
  const kept = listed.filter(holds);
  // A list left empty is said as the graph says it (graph-pane.js foldOf): none folded, or every parent.
  /** @type {Fold} */
  const leftFold =
    kept.length > 0 ? (Array.isArray(fold) ? kept : { except: kept }) : Array.isArray(fold) ? 'none' : 'all';
  const next = { ...state, focus, whatIf, fold: kept.length === listed.length ? fold : leftFold };
  return focus === state.focus && whatIf.length === state.whatIf.length && next.fold === fold ? state : next;
}
