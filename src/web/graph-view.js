// The dependency graph as SVG: one <g data-key> per visible issue (status colour,
// ready and critical marks), one path per blocked-by edge, critical edges
// highlighted. Hovering a node lights up its blockers and what it blocks; clicking
// selects it; parents fold and unfold. Wheel and drag zoom and pan; buttons too.
import { s } from './dom.js';
import { layoutGraph } from './layout.js';
import { centreOn, fitView, panBy, toTransform, zoomAt } from './viewport.js';

/**
 * @typedef {import('./graph-model.js').Graph} Graph
 * @typedef {import('./graph-model.js').GraphNode} GraphNode
 * @typedef {import('./viewport.js').View} View
 */

export const NODE_WIDTH = 196;
export const NODE_HEIGHT = 48;
const TITLE_CHARS = 27;
// Monospace keys at 12.5px: about 7.6px a character; titles at 12px about 6.6px.
const KEY_CHARS = 22;
const TITLE_CHARS_WITH_MARK = 24;

/** @param {string} text @param {number} max */
export function truncate(text, max) {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

/** @type {Record<string, string>} */
const STATUS_WORDS = { open: 'open', in_progress: 'in progress', done: 'done', wont_do: "won't do" };

/** @param {GraphNode} node */
function tooltip(node) {
  const lines = [`${node.key}: ${node.title}`, `status: ${STATUS_WORDS[node.status] ?? node.status}`];
  if (node.ready) lines.push('ready: every blocker is finished');
  if (node.critical) lines.push('on the critical path');
  if (node.blockedBy.length > 0) lines.push(`blocked by: ${node.blockedBy.join(', ')}`);
  if (node.rootBlockers.length > 0)
    lines.push(`waiting on (ready upstream): ${node.rootBlockers.join(', ')}`);
  if (node.verdict) lines.push(`latest validation: ${node.verdict}`);
  if (node.collapsed) lines.push(`${node.hiddenCount} sub-issues folded in`);
  return lines.join('\n');
}

/**
 * @param {GraphNode} node
 * @param {import('./fast-layout.js').Box} box
 */
function drawNode(node, box) {
  const g = s('g', {
    class: 'node',
    'data-key': node.key,
    'data-status': node.status,
    'data-critical': node.critical ? 'true' : null,
    'data-ready': node.ready ? 'true' : null,
    'data-blocked': node.blockedBy.length > 0 ? 'true' : null,
    'data-collapsed': node.collapsed ? 'true' : null,
    'data-verdict': node.verdict,
    transform: `translate(${box.x} ${box.y})`,
    tabindex: '0',
    role: 'button',
    'aria-label': `${node.key}: ${node.title}`,
  });
  if (node.collapsed) {
    g.append(s('rect', { class: 'node-shadow', x: 5, y: 5, width: box.width, height: box.height, rx: 7 }));
  }
  g.append(
    s('title', null, tooltip(node)),
    s('rect', { class: 'node-box', width: box.width, height: box.height, rx: 7 }),
    s('rect', { class: 'node-stripe', width: 7, height: box.height, rx: 3 }),
    s('text', { class: 'node-key', x: 15, y: 19 }, truncate(node.key, KEY_CHARS)),
    s(
      'text',
      { class: 'node-title', x: 15, y: 37 },
      truncate(
        node.title,
        node.verdict === 'verified' || node.verdict === 'failing' || node.childCount > 0
          ? TITLE_CHARS_WITH_MARK
          : TITLE_CHARS,
      ),
    ),
  );
  if (node.ready) {
    g.append(
      s(
        'g',
        { class: 'badge badge-ready', transform: `translate(${box.width - 53} -8)` },
        s('rect', { width: 45, height: 15, rx: 7.5 }),
        s('text', { x: 22.5, y: 11.2 }, 'READY'),
      ),
    );
  }
  if (node.verdict === 'verified' || node.verdict === 'failing') {
    const x = box.width - (node.childCount > 0 ? 40 : 14);
    g.append(
      s(
        'g',
        {
          class: `verdict-mark verdict-mark-${node.verdict}`,
          transform: `translate(${x} ${box.height - 12})`,
        },
        s('circle', { r: 6.5 }),
        s('text', { y: 3.5 }, node.verdict === 'verified' ? '✓' : '!'),
      ),
    );
  }
  if (node.childCount > 0) {
    g.append(
      s(
        'g',
        {
          class: 'toggle',
          'data-toggle': node.key,
          transform: `translate(${box.width - 26} ${box.height - 19})`,
        },
        s(
          'title',
          null,
          node.collapsed ? `Unfold ${node.hiddenCount} sub-issues` : 'Fold the sub-issues into this node',
        ),
        s('rect', { width: 20, height: 14, rx: 3 }),
        s('text', { x: 10, y: 11 }, node.collapsed ? `+${node.hiddenCount}` : '−'),
      ),
    );
  }
  return g;
}

/**
 * @param {HTMLElement} container
 * @param {{ onSelect: (key: string) => void, onToggle: (key: string) => void }} handlers
 */
export function createGraphView(container, handlers) {
  const viewport = s('g', { class: 'viewport' });
  const edgeLayer = s('g', { class: 'edges' });
  const nodeLayer = s('g', { class: 'nodes' });
  viewport.append(edgeLayer, nodeLayer);
  const svg = /** @type {SVGSVGElement} */ (
    s(
      'svg',
      {
        class: 'graph',
        role: 'group',
        'aria-label': 'Dependency graph: each issue points to what it blocks',
      },
      s(
        'defs',
        null,
        s(
          'marker',
          {
            id: 'arrow',
            viewBox: '0 0 10 10',
            refX: 9,
            refY: 5,
            markerWidth: 7,
            markerHeight: 7,
            orient: 'auto-start-reverse',
            class: 'arrow',
          },
          s('path', { d: 'M0 0L10 5L0 10z' }),
        ),
        s(
          'marker',
          {
            id: 'arrow-critical',
            viewBox: '0 0 10 10',
            refX: 9,
            refY: 5,
            markerWidth: 6,
            markerHeight: 6,
            orient: 'auto-start-reverse',
            class: 'arrow-critical',
          },
          s('path', { d: 'M0 0L10 5L0 10z' }),
        ),
      ),
      viewport,
    )
  );
  container.append(svg);

  /** @type {View} */
  let view = { x: 0, y: 0, k: 1 };
  let size = { width: 0, height: 0 };
  /** @type {Map<string, import('./fast-layout.js').Box>} */
  let boxes = new Map();
  /** @type {Map<string, { el: Element, incoming: Element[], outgoing: Element[], node: GraphNode }>} */
  let index = new Map();
  /** @type {string | null} */
  let selected = null;
  let renderToken = 0;

  /** Whether the user zoomed or panned since the last fit: then the view is theirs. */
  let userMoved = false;
  const apply = () => viewport.setAttribute('transform', toTransform(view));

  /** @param {string | null} key @param {string} cls */
  function mark(key, cls) {
    for (const el of svg.querySelectorAll(`.${cls}`)) el.classList.remove(cls);
    if (key === null) return;
    const entry = index.get(key);
    if (entry === undefined) return;
    entry.el.classList.add(cls);
    for (const edge of entry.incoming) edge.classList.add(`${cls}-in`);
    for (const edge of entry.outgoing) edge.classList.add(`${cls}-out`);
    for (const blocker of entry.node.blockedBy) index.get(blocker)?.el.classList.add(`${cls}-blocker`);
  }
  /** @param {string | null} key @param {string} cls */
  function unmark(key, cls) {
    for (const suffix of ['', '-in', '-out', '-blocker']) {
      for (const el of svg.querySelectorAll(`.${cls}${suffix}`)) el.classList.remove(`${cls}${suffix}`);
    }
    if (key !== null) mark(key, cls);
  }

  // Interactions, delegated once.
  /** @type {{ x: number, y: number, moved: boolean, id: number } | null} */
  let drag = null;
  svg.addEventListener('pointerdown', (event) => {
    if (event.button !== 0) return;
    drag = { x: event.clientX, y: event.clientY, moved: false, id: event.pointerId };
  });
  svg.addEventListener('pointermove', (event) => {
    if (drag === null || event.pointerId !== drag.id) return;
    const dx = event.clientX - drag.x;
    const dy = event.clientY - drag.y;
    if (!drag.moved && Math.hypot(dx, dy) < 4) return;
    if (!drag.moved) svg.setPointerCapture(event.pointerId);
    drag.moved = true;
    drag.x = event.clientX;
    drag.y = event.clientY;
    view = panBy(view, dx, dy);
    userMoved = true;
    apply();
  });
  const endDrag = (/** @type {PointerEvent} */ event) => {
    if (drag?.moved) {
      svg.classList.add('just-dragged');
      setTimeout(() => svg.classList.remove('just-dragged'), 0);
    }
    if (svg.hasPointerCapture(event.pointerId)) svg.releasePointerCapture(event.pointerId);
    drag = null;
  };
  svg.addEventListener('pointerup', endDrag);
  svg.addEventListener('pointercancel', endDrag);
  svg.addEventListener('click', (event) => {
    if (svg.classList.contains('just-dragged')) return;
    const target = /** @type {Element} */ (event.target);
    const toggle = target.closest('[data-toggle]');
    if (toggle !== null) return handlers.onToggle(/** @type {string} */ (toggle.getAttribute('data-toggle')));
    const node = target.closest('[data-key]');
    if (node !== null) handlers.onSelect(/** @type {string} */ (node.getAttribute('data-key')));
  });
  svg.addEventListener('keydown', (event) => {
    const node = /** @type {Element} */ (event.target).closest?.('[data-key]');
    if (node !== null && (event.key === 'Enter' || event.key === ' ')) {
      event.preventDefault();
      handlers.onSelect(/** @type {string} */ (node.getAttribute('data-key')));
    }
  });
  svg.addEventListener('pointerover', (event) => {
    const node = /** @type {Element} */ (event.target).closest('[data-key]');
    unmark(node?.getAttribute('data-key') ?? null, 'hover');
  });
  svg.addEventListener('pointerleave', () => unmark(null, 'hover'));
  svg.addEventListener(
    'wheel',
    (event) => {
      event.preventDefault();
      const rect = svg.getBoundingClientRect();
      view = zoomAt(
        view,
        Math.exp(-event.deltaY * 0.0015),
        event.clientX - rect.left,
        event.clientY - rect.top,
      );
      apply();
    },
    { passive: false },
  );

  return {
    svg,
    /**
     * Lays out and draws the graph; resolves when it is on screen.
     * @param {Graph} graph
     * @param {{ keepView?: boolean }} [options]
     * @returns {Promise<{ engine: string, nodes: number, edges: number } | null>}
     */
    async render(graph, options = {}) {
      const token = ++renderToken;
      const layout = await layoutGraph(
        graph.nodes.map((n) => ({ id: n.id, width: NODE_WIDTH, height: NODE_HEIGHT })),
        graph.edges,
      );
      if (token !== renderToken) return null; // a newer render started meanwhile
      performance.mark('isoplan:layout');
      /** @type {Map<string, { el: Element, incoming: Element[], outgoing: Element[], node: GraphNode }>} */
      const next = new Map();
      const nodeEls = [];
      for (const node of graph.nodes) {
        const box = layout.nodes.get(node.id);
        if (box === undefined) continue;
        const el = drawNode(node, box);
        nodeEls.push(el);
        next.set(node.key, { el, incoming: [], outgoing: [], node });
      }
      const edgeEls = [];
      for (const edge of graph.edges) {
        const d = layout.edges.get(edge.id);
        if (!d) continue;
        const el = s('path', {
          class: edge.critical ? 'edge critical' : 'edge',
          d,
          'data-source': edge.source,
          'data-target': edge.target,
          'marker-end': edge.critical ? 'url(#arrow-critical)' : 'url(#arrow)',
        });
        edgeEls.push(el);
        next.get(edge.source)?.outgoing.push(el);
        next.get(edge.target)?.incoming.push(el);
      }
      // Critical edges last, so they are drawn on top.
      edgeEls.sort(
        (a, b) => Number(a.classList.contains('critical')) - Number(b.classList.contains('critical')),
      );
      edgeLayer.replaceChildren(...edgeEls);
      nodeLayer.replaceChildren(...nodeEls);
      index = next;
      size = { width: layout.width, height: layout.height };
      boxes = layout.nodes;
      if (!options.keepView) this.fit();
      if (selected !== null) unmark(selected, 'selected');
      return { engine: layout.engine, nodes: nodeEls.length, edges: edgeEls.length };
    },
    fit() {
      const rect = svg.getBoundingClientRect();
      view = fitView(size.width, size.height, rect.width, rect.height);
      userMoved = false;
      apply();
    },
    /** Fits again after the graph's box changed size, unless the user has moved the view. */
    refit() {
      if (!userMoved) this.fit();
    },
    /** @param {number} factor */
    zoom(factor) {
      const rect = svg.getBoundingClientRect();
      view = zoomAt(view, factor, rect.width / 2, rect.height / 2);
      userMoved = true;
      apply();
    },
    /** @param {string | null} key */
    select(key) {
      selected = key;
      unmark(key, 'selected');
    },
    /**
     * Pans so that a node is on screen, when it is not (e.g. after the details panel
     * narrowed the graph).
     * @param {string} key
     */
    reveal(key) {
      const box = boxes.get(key);
      if (box === undefined) return;
      const rect = svg.getBoundingClientRect();
      const left = box.x * view.k + view.x;
      const top = box.y * view.k + view.y;
      const inside =
        left >= 0 &&
        top >= 0 &&
        left + box.width * view.k <= rect.width &&
        top + box.height * view.k <= rect.height;
      if (inside) return;
      view = centreOn(box.x + box.width / 2, box.y + box.height / 2, view.k, rect.width, rect.height);
      apply();
    },
  };
}
