// The graph tab: its toolbar (zoom, fit, fold), the legend and the graph itself, drawn from the
// page's snapshot with the parents the user folded. Marks the first graph on screen for the
// measurements (window.isoplanMetrics).
import { h } from './dom.js';
import { plural } from './format.js';
import { buildGraph, parentKeys } from './graph-model.js';
import { createGraphView } from './graph-view.js';

/** @typedef {import('./project-data.js').Snapshot} Snapshot */

/** Marks the first graph on screen (for the 1k-issue measurement), once per page load. */
const metrics = /** @type {{ firstGraphMs: number | null, layoutEngine: string | null }} */ ({
  firstGraphMs: null,
  layoutEngine: null,
});
/** @type {any} */ (window).isoplanMetrics = metrics;

/**
 * @param {HTMLElement} pane
 * @param {{ onSelect: (key: string) => void }} handlers
 */
export function createGraphPane(pane, handlers) {
  /** @type {Snapshot | null} */
  let snap = null;
  /** @type {Set<string>} */
  let collapsed = new Set();
  /** @type {string | null} */
  let selected = null;
  let firstGraph = true;

  const info = h('span', { class: 'muted graph-info' });
  /**
   * @param {string} label
   * @param {Record<string, string>} attrs
   * @param {() => void} onClick
   */
  const button = (label, attrs, onClick) =>
    h('button', { type: 'button', ...attrs, on: { click: onClick } }, label);
  const toolbar = h(
    'div',
    { class: 'toolbar' },
    button('+', { title: 'Zoom in', 'aria-label': 'Zoom in' }, () => graph.zoom(1.25)),
    button('−', { title: 'Zoom out', 'aria-label': 'Zoom out' }, () => graph.zoom(0.8)),
    button('Fit', { title: 'Fit the whole graph' }, () => graph.fit()),
    button(
      'Fold parents',
      { 'data-action': 'fold-all', title: 'Fold every parent’s sub-issues into it' },
      () => setCollapsed(parentKeys(snap?.issues ?? [])),
    ),
    button('Unfold all', { 'data-action': 'unfold-all' }, () => setCollapsed(new Set())),
    info,
  );
  const host = h('div', { class: 'graph-host' });
  pane.append(toolbar, legend(), host);

  const graph = createGraphView(host, { onSelect: handlers.onSelect, onToggle: toggle });

  /** @param {Set<string>} next */
  function setCollapsed(next) {
    collapsed = next;
    void draw(false);
  }
  /** @param {string} key */
  function toggle(key) {
    const next = new Set(collapsed);
    if (next.has(key)) next.delete(key);
    else next.add(key);
    collapsed = next;
    void draw(true);
  }

  /** The node that stands for an issue: itself, or the folded parent it is in. */
  function representative(/** @type {string} */ key) {
    if (snap === null) return key;
    return buildGraph(snap.issues, snap.plan, collapsed).representative.get(key) ?? key;
  }

  /** @param {boolean} keepView */
  async function draw(keepView) {
    if (snap === null) return;
    const verdicts = new Map((snap.validation.run?.issues ?? []).map((v) => [v.key, v.verdict]));
    const model = buildGraph(snap.issues, snap.plan, collapsed, verdicts);
    const result = await graph.render(model, { keepView: keepView && !firstGraph });
    if (result === null) return;
    if (firstGraph) {
      firstGraph = false;
      performance.mark('isoplan:drawn');
      await new Promise((resolve) => requestAnimationFrame(resolve));
      metrics.firstGraphMs = performance.now();
      metrics.layoutEngine = result.engine;
      graph.svg.setAttribute('data-rendered', 'true');
    }
    info.textContent = `${plural(result.nodes, 'node')}, ${plural(result.edges, 'edge')} · drag to pan, wheel to zoom`;
    if (selected !== null) graph.select(model.representative.get(selected) ?? selected);
  }

  return {
    /**
     * @param {Snapshot} next
     * @param {{ keepView: boolean }} options
     */
    update(next, options) {
      snap = next;
      for (const el of pane.querySelectorAll('[data-legend="verdict"]')) {
        /** @type {HTMLElement} */ (el).hidden = next.validation.run === null;
      }
      void draw(options.keepView);
    },
    /**
     * Marks the selected issue (or the folded parent it is in).
     * @param {string | null} key
     */
    select(key) {
      selected = key;
      graph.select(key === null ? null : representative(key));
    },
    /**
     * Pans so that an issue (or the folded parent it is in) is on screen.
     * @param {string} key
     */
    reveal(key) {
      graph.reveal(representative(key));
    },
    /** Fits again after the pane changed size, unless the user moved the view. */
    refit() {
      graph.refit();
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
    item('sw-folded', 'Folded parent', 'A parent whose sub-issues are folded into it'),
    h(
      'li',
      { 'data-legend': 'verdict', title: 'Latest validation: its checks run clean' },
      h('span', { class: 'mark mark-verified', 'aria-hidden': 'true' }, '✓'),
      'Verified',
    ),
    h(
      'li',
      { 'data-legend': 'verdict', title: 'Latest validation: its checks find violations' },
      h('span', { class: 'mark mark-failing', 'aria-hidden': 'true' }, '!'),
      'Failing',
    ),
  );
}
