// The graph tab: its toolbar (search, zoom, fit, fold, the focus in force), the legend and the
// graph, drawn from the page's snapshot with the parents folded as the page state says. A graph
// too large to read at Fit starts folded by parent ("auto"); when even that cannot be read, Fit
// shows the critical chain. Marks the first graph on screen for the measurements
// (window.isoplanMetrics).
import { h } from './dom.js';
import { plural } from './format.js';
import { focusSet, pathToGoal, searchIssues } from './graph-focus.js';
import { buildGraph, parentKeys } from './graph-model.js';
import { createGraphView } from './graph-view.js';

/**
 * @typedef {import('./project-data.js').Snapshot} Snapshot
 * @typedef {import('./url-state.js').PageState} PageState
 * @typedef {import('./project-page.js').PageActions} PageActions
 */

/** Beyond this many issues the first view folds parents without trying the whole graph first. */
const AUTO_FOLD_ISSUES = 150;

/** Marks the first graph on screen (for the 1k-issue measurement), once per page load. */
const metrics =
  /** @type {{ firstGraphMs: number | null, layoutEngine: string | null, nodes: number | null }} */ ({
    firstGraphMs: null,
    layoutEngine: null,
    nodes: null,
  });
/** @type {any} */ (window).isoplanMetrics = metrics;

const FOCUS_WORDS = {
  both: 'blockers and what it blocks',
  upstream: 'its blockers',
  downstream: 'what it blocks',
  goal: 'path to the goal',
};

/**
 * @param {HTMLElement} pane
 * @param {PageActions} actions
 */
export function createGraphPane(pane, actions) {
  /** @type {Snapshot | null} */
  let snap = null;
  /** @type {PageState | null} */
  let state = null;
  /** Parents folded by "auto" (decided once per project load, by size and legibility). */
  /** @type {Set<string> | null} */
  let autoFolded = null;
  /** @type {string | null} */
  let selected = null;
  let firstGraph = true;
  /** @type {string[]} */
  let cycle = [];
  /** Drawn while the tab was hidden (no size to fit to): drawn again when it shows. */
  let drawnHidden = false;

  const info = h('span', { class: 'muted graph-info', 'aria-live': 'polite' });
  /**
   * @param {string} label
   * @param {Record<string, string>} attrs
   * @param {() => void} onClick
   */
  const button = (label, attrs, onClick) =>
    h('button', { type: 'button', ...attrs, on: { click: onClick } }, label);

  // Search: key or title; Enter or a click picks a result, which is selected and centred.
  const searchInput = h('input', {
    type: 'search',
    class: 'graph-search',
    placeholder: 'Find an issue (key or title)',
    'aria-label': 'Find an issue by key or title',
    role: 'combobox',
    'aria-autocomplete': 'list',
    'aria-expanded': 'false',
    'aria-controls': 'graph-search-results',
    autocomplete: 'off',
  });
  const results = h('ul', {
    class: 'search-results',
    id: 'graph-search-results',
    role: 'listbox',
    hidden: true,
  });
  let active = -1;
  /** @type {import('./api.js').Issue[]} */
  let hits = [];
  function drawResults() {
    hits = snap === null ? [] : searchIssues(snap.issues, searchInput.value);
    results.hidden = hits.length === 0 && searchInput.value.trim() === '';
    searchInput.setAttribute('aria-expanded', String(!results.hidden));
    if (active >= hits.length) active = hits.length - 1;
    results.replaceChildren(
      ...(hits.length === 0
        ? [h('li', { class: 'muted', role: 'option', 'aria-disabled': 'true' }, 'No issue matches.')]
        : hits.map((issue, i) =>
            h(
              'li',
              {
                id: `search-hit-${i}`,
                role: 'option',
                'aria-selected': String(i === active),
                'data-hit': issue.key,
                on: { pointerdown: (e) => e.preventDefault(), click: () => pick(issue.key) },
              },
              h('span', { class: 'mono' }, issue.key),
              ' ',
              h('span', { class: 'muted' }, issue.title),
            ),
          )),
    );
    if (active >= 0) searchInput.setAttribute('aria-activedescendant', `search-hit-${active}`);
    else searchInput.removeAttribute('aria-activedescendant');
  }
  /** @param {string} key */
  function pick(key) {
    searchInput.value = '';
    active = -1;
    drawResults();
    results.hidden = true;
    searchInput.setAttribute('aria-expanded', 'false');
    actions.select(key, { centre: true });
  }
  searchInput.addEventListener('input', () => {
    active = 0;
    drawResults();
  });
  searchInput.addEventListener('keydown', (event) => {
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      if (hits.length === 0) return;
      active = (active + (event.key === 'ArrowDown' ? 1 : hits.length - 1)) % hits.length;
      drawResults();
    } else if (event.key === 'Enter') {
      const hit = hits[Math.max(0, active)];
      if (hit !== undefined) pick(hit.key);
    } else if (event.key === 'Escape') {
      searchInput.value = '';
      drawResults();
      results.hidden = true;
    }
  });
  searchInput.addEventListener('blur', () => {
    results.hidden = true;
    searchInput.setAttribute('aria-expanded', 'false');
  });

  const focusChip = h('span', { class: 'focus-chip', hidden: true, 'data-focus-chip': '' });
  const toolbar = h(
    'div',
    { class: 'toolbar' },
    h('div', { class: 'search-box' }, searchInput, results),
    h(
      'div',
      { class: 'toolbar-group' },
      button('+', { title: 'Zoom in', 'aria-label': 'Zoom in' }, () => graph.zoom(1.25)),
      button('−', { title: 'Zoom out', 'aria-label': 'Zoom out' }, () => graph.zoom(0.8)),
      button(
        'Fit',
        { title: 'Fit the whole graph (or its critical chain when the whole cannot be read)' },
        () => graph.fit(),
      ),
      button(
        'Fold parents',
        { 'data-action': 'fold-all', title: 'Fold every parent’s sub-issues into it' },
        () => actions.navigate({ fold: 'all' }),
      ),
      button('Unfold all', { 'data-action': 'unfold-all' }, () => actions.navigate({ fold: 'none' })),
    ),
    focusChip,
    info,
  );
  const host = h('div', { class: 'graph-host' });
  pane.append(toolbar, legend(), host);

  const graph = createGraphView(host, {
    onSelect: (key) => actions.select(key),
    onToggle: toggle,
  });

  /** @returns {Set<string>} */
  function collapsed() {
    if (snap === null || state === null) return new Set();
    if (state.fold === 'all') return parentKeys(snap.issues);
    if (state.fold === 'none') return new Set();
    if (Array.isArray(state.fold)) return new Set(state.fold);
    if (typeof state.fold === 'object') {
      const except = new Set(state.fold.except);
      return new Set([...parentKeys(snap.issues)].filter((k) => !except.has(k)));
    }
    return autoFolded ?? new Set();
  }

  /**
   * The folding for a set of folded parents, as the URL says it in fewer words: none, those folded, or
   * (most are) every parent but those open, or all.
   * @param {Set<string>} folded
   * @returns {import('./url-state.js').Fold}
   */
  function foldOf(folded) {
    const parents = snap === null ? new Set() : parentKeys(snap.issues);
    if (folded.size === 0) return 'none';
    if ([...parents].every((k) => folded.has(k))) return 'all';
    if (folded.size * 2 <= parents.size) return [...folded];
    return { except: [...parents].filter((k) => !folded.has(k)) };
  }

  /**
   * An issue to bring on screen once the graph is drawn (the one just folded, or a search result), and
   * to focus (folded from the keyboard: the node the focus was on is drawn again).
   * @type {{ key: string, centre: boolean, focus?: boolean } | null}
   */
  let pendingReveal = null;
  /** Draws under way: a reveal waits for them. */
  let drawing = 0;

  /** @param {string} key @param {{ keyboard: boolean }} [how] */
  function toggle(key, how) {
    pendingReveal = { key, centre: false, focus: how?.keyboard === true };
    const next = collapsed();
    if (next.has(key)) next.delete(key);
    else next.add(key);
    actions.navigate({ fold: foldOf(next) });
  }

  /** The node that stands for an issue: itself, or the folded parent it is in. */
  function representative(/** @type {string} */ key) {
    if (snap === null) return key;
    return buildGraph(snap.issues, snap.plan, collapsed()).representative.get(key) ?? key;
  }

  /** @param {boolean} keepView */
  async function draw(keepView) {
    drawing++;
    try {
      await drawNow(keepView);
    } finally {
      drawing--;
    }
    if (pendingReveal !== null && drawing === 0) {
      const { key, centre, focus } = pendingReveal;
      pendingReveal = null;
      reveal(key, centre);
      if (focus)
        /** @type {SVGElement | null} */ (host.querySelector(`svg [data-key="${CSS.escape(key)}"]`))?.focus();
    }
  }

  /**
   * @param {string} key
   * @param {boolean} centre
   */
  function reveal(key, centre) {
    if (drawing > 0) {
      pendingReveal = { key, centre };
      return;
    }
    if (centre) graph.centre(representative(key));
    else graph.reveal(representative(key));
  }

  /** @param {boolean} keepView */
  async function drawNow(keepView) {
    if (snap === null || state === null) return;
    if (state.fold === 'auto' && autoFolded === null) {
      autoFolded = snap.issues.length > AUTO_FOLD_ISSUES ? parentKeys(snap.issues) : new Set();
    }
    drawnHidden = pane.hidden === true;
    const folded = collapsed();
    const verdicts = new Map((snap.validation.run?.issues ?? []).map((v) => [v.key, v.verdict]));
    const model = buildGraph(snap.issues, snap.plan, folded, verdicts);
    const critical = [...new Set(snap.plan.criticalPath.keys.map((k) => model.representative.get(k) ?? k))];
    const result = await graph.render(model, { keepView: keepView && !firstGraph, critical });
    if (result === null) return;
    // Auto: a graph that cannot be read whole starts folded by parent.
    if (
      state.fold === 'auto' &&
      autoFolded?.size === 0 &&
      !graph.fitsLegibly() &&
      parentKeys(snap.issues).size > 0
    ) {
      autoFolded = parentKeys(snap.issues);
      return drawNow(keepView);
    }
    decorate();
    if (firstGraph) {
      firstGraph = false;
      performance.mark('isoplan:drawn');
      await new Promise((resolve) => requestAnimationFrame(resolve));
      metrics.firstGraphMs = performance.now();
      metrics.layoutEngine = result.engine;
      metrics.nodes = result.nodes;
      graph.svg.setAttribute('data-rendered', 'true');
    }
    graph.svg.setAttribute('data-folded', String(folded.size));
    info.textContent = `${plural(result.nodes, 'node')}, ${plural(result.edges, 'edge')}${
      folded.size > 0 ? ` · ${plural(folded.size, 'parent')} folded` : ''
    }${result.legible ? '' : ' · showing the critical chain: Fit shows it again'}`;
  }

  /** Selection, focus, what-if and cycle marks over the drawn graph. */
  function decorate() {
    if (snap === null || state === null) return;
    graph.select(selected === null ? null : representative(selected));
    const folded = collapsed();
    const model = folded.size === 0 ? null : buildGraph(snap.issues, snap.plan, folded);
    /** @param {string} k */
    const rep = (k) => model?.representative.get(k) ?? k;
    if (state.focus !== null && snap.byKey.has(state.focus)) {
      const keys = focusSet(state.focus, state.focusMode, snap.byKey, snap.plan);
      const path = state.focusMode === 'goal' ? pathToGoal(state.focus, snap.byKey, snap.plan) : [];
      graph.focus(new Set([...keys].map(rep)), path.map(rep));
      focusChip.hidden = false;
      focusChip.replaceChildren(
        h(
          'span',
          null,
          'Focus: ',
          h('strong', { class: 'mono' }, state.focus),
          ` · ${FOCUS_WORDS[state.focusMode]}`,
        ),
        h(
          'button',
          {
            type: 'button',
            class: 'icon',
            'aria-label': 'Clear the focus',
            on: { click: () => actions.navigate({ focus: null }) },
          },
          '×',
        ),
      );
      graph.svg.setAttribute('data-focus', state.focus);
    } else {
      graph.focus(null);
      focusChip.hidden = true;
      graph.svg.removeAttribute('data-focus');
    }
    graph.markWhatIf(new Set(state.whatIf.map(rep)));
    graph.showCycle(cycle.map(rep));
  }

  return {
    /**
     * @param {Snapshot} next
     * @param {{ keepView: boolean, state: PageState }} options
     */
    update(next, options) {
      const foldChanged = state !== null && JSON.stringify(state.fold) !== JSON.stringify(options.state.fold);
      snap = next;
      state = options.state;
      selected = state.issue;
      for (const el of pane.querySelectorAll('[data-legend="verdict"]')) {
        /** @type {HTMLElement} */ (el).hidden = next.validation.run === null;
      }
      void draw(options.keepView || foldChanged);
    },
    /**
     * The state changed without new data (selection, focus): marks only, unless the folding changed.
     * @param {PageState} next
     */
    setState(next) {
      const foldChanged = state === null || JSON.stringify(state.fold) !== JSON.stringify(next.fold);
      state = next;
      selected = next.issue;
      if (drawnHidden && !pane.hidden) void draw(false);
      else if (foldChanged) void draw(true);
      else decorate();
    },
    /**
     * Pans so that an issue (or the folded parent it is in) is on screen; `centre` centres it.
     * @param {string} key
     * @param {boolean} [centre]
     */
    reveal(key, centre = false) {
      reveal(key, centre);
    },
    /**
     * Shows a refused dependency's cycle on the graph (empty: clears it).
     * @param {string[]} keys
     */
    showCycle(keys) {
      cycle = keys;
      decorate();
    },
    /** Fits again after the pane changed size, unless the user moved the view. */
    refit() {
      graph.refit();
    },
    /**
     * The folding that shows an issue folded into a parent (its folded ancestors opened), or null
     * when it is visible already.
     * @param {string} key
     * @returns {import('./url-state.js').Fold | null}
     */
    foldRevealing(key) {
      if (snap === null || representative(key) === key) return null;
      const next = collapsed();
      for (let k = snap.byKey.get(key)?.parent ?? null, n = 0; k !== null && n <= snap.issues.length; n++) {
        next.delete(k);
        k = snap.byKey.get(k)?.parent ?? null;
      }
      return foldOf(next);
    },
  };
}

function legend() {
  /** @param {string} cls @param {string} label @param {string} [hint] */
  const item = (cls, label, hint) =>
    h('li', { title: hint ?? label }, h('span', { class: `swatch ${cls}`, 'aria-hidden': 'true' }), label);
  return h(
    'ul',
    { class: 'legend', 'aria-label': 'Legend' },
    item('sw-open', 'Open'),
    item('sw-in_progress', 'In progress'),
    item('sw-done', 'Done'),
    item('sw-wont_do', "Won't do"),
    item('sw-ready', 'Ready now', 'Open, and every blocker is finished: can start today'),
    item('sw-critical', 'Critical path', 'The chain of open issues that sets the earliest finish'),
    item(
      'sw-edge',
      'Blocks →',
      'An arrow goes from a blocker to the issue it blocks; hover a node to see its blockers',
    ),
    item('sw-folded', 'Folded parent', 'A parent whose sub-issues are folded into it, with their progress'),
    h(
      'li',
      { 'data-legend': 'verdict', title: 'Latest validation: a finished issue whose checks run clean' },
      h('span', { class: 'mark mark-verified', 'aria-hidden': 'true' }, '✓'),
      'Verified (done)',
    ),
    h(
      'li',
      { 'data-legend': 'verdict', title: 'Latest validation: an open issue whose checks already run clean' },
      h('span', { class: 'mark mark-pass', 'aria-hidden': 'true' }, '✓'),
      'Checks pass (open)',
    ),
    h(
      'li',
      { 'data-legend': 'verdict', title: 'Latest validation: its checks find violations' },
      h('span', { class: 'mark mark-failing', 'aria-hidden': 'true' }, '!'),
      'Failing',
    ),
  );
}
