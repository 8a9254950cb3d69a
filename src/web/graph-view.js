// The dependency graph as SVG: one <g data-key> per visible issue (status colour, ready and
// critical marks, a folded parent's progress), one path per blocked-by edge, the critical chain
// drawn on top. Hovering a node lights up its blockers and what it blocks; clicking selects it;
// parents fold and unfold. Wheel, drag and two-finger pinch zoom and pan; buttons too.
//
// Legibility: no text is ever drawn below 11 CSS px. Every text in a node is at least 13 drawing
// units, so below the scale LEGIBLE_SCALE the text is hidden and nodes are drawn as coloured boxes
// (an overview); `fit` never goes below it (fitLegibly: the whole graph, else the critical chain).
import { keepingFocus, s } from './dom.js';
import { verdictWord } from './format.js';
import { layoutGraph } from './layout.js';
import { centreOn, fitView, panBy, toTransform, zoomAt } from './viewport.js';

/**
 * @typedef {import('./graph-model.js').Graph} Graph
 * @typedef {import('./graph-model.js').GraphNode} GraphNode
 * @typedef {import('./viewport.js').View} View
 * @typedef {import('./fast-layout.js').Box} Box
 */

export const NODE_WIDTH = 240;
export const NODE_HEIGHT = 66;
/** The smallest text in a node, in drawing units (CSS: .node text). */
export const MIN_FONT = 13;
/** Below this scale the smallest text would be under 11 CSS px: text is hidden. */
export const LEGIBLE_SCALE = 11 / MIN_FONT;
// Monospace keys at 13.5px: about 8.1px a character; titles at 13px about 7.1px.
const KEY_CHARS = 25;
const TITLE_LINE_CHARS = 30;

/** @param {string} text @param {number} max */
export function truncate(text, max) {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

/**
 * A title on at most two lines of `width` characters, broken at spaces where possible.
 * @param {string} text
 * @param {number} width
 * @returns {string[]}
 */
export function wrapTitle(text, width) {
  const clean = text.replace(/\s+/g, ' ').trim();
  if (clean.length <= width) return [clean];
  let cut = clean.lastIndexOf(' ', width);
  if (cut < width / 2) cut = width;
  const first = clean.slice(0, cut).trimEnd();
  return [first, truncate(clean.slice(cut).trimStart(), width)];
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
  if (node.verdict) lines.push(`latest validation: ${verdictWord(node)}`);
  if (node.collapsed) lines.push(`${node.hiddenCount} sub-issues folded in (+ or → unfolds them)`);
  else if (node.childCount > 0) lines.push('− or ← folds its sub-issues in');
  return lines.join('\n');
}

/**
 * @param {GraphNode} node
 * @param {Box} box
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
    'data-checks': node.verdict === 'verified' && node.status !== 'done' ? 'pass' : null,
    transform: `translate(${box.x} ${box.y})`,
    tabindex: '0',
    role: 'button',
    // A parent says whether its sub-issues are folded in; the keyboard folds it (see the keydown below).
    'aria-expanded': node.childCount > 0 ? String(!node.collapsed) : null,
    // Its accessible name is its <title> (key, title, status, marks): the drawn text is cut to fit.
  });
  const { width, height } = box;
  if (node.collapsed) g.append(s('rect', { class: 'node-shadow', x: 5, y: 5, width, height, rx: 7 }));
  g.append(
    s('title', null, tooltip(node)),
    s('rect', { class: 'node-box', width, height, rx: 7 }),
    s('rect', { class: 'node-stripe', width: 7, height, rx: 3 }),
    s(
      'text',
      { class: 'node-key', x: 15, y: 20 },
      truncate(node.key, node.ready ? KEY_CHARS - 8 : KEY_CHARS),
    ),
  );
  const marks = node.childCount > 0 ? 2 : node.verdict === 'verified' || node.verdict === 'failing' ? 1 : 0;
  if (node.collapsed && node.progress !== null) {
    g.append(s('text', { class: 'node-title', x: 15, y: 39 }, truncate(node.title, TITLE_LINE_CHARS)));
    g.append(foldedProgress(node.progress, width));
  } else {
    const lines = wrapTitle(node.title, TITLE_LINE_CHARS);
    lines.forEach((line, i) => {
      const last = i === lines.length - 1;
      g.append(
        s(
          'text',
          { class: 'node-title', x: 15, y: 39 + i * 17 },
          last && marks > 0 ? truncate(line, TITLE_LINE_CHARS - 3 * marks) : line,
        ),
      );
    });
  }
  if (node.ready) {
    g.append(
      s(
        'g',
        { class: 'badge badge-ready', transform: `translate(${width - 66} 6)` },
        s('rect', { width: 58, height: 19, rx: 9.5 }),
        s('text', { x: 29, y: 14 }, 'READY'),
      ),
    );
  }
  if (node.verdict === 'verified' || node.verdict === 'failing') {
    const x = width - (node.childCount > 0 ? 46 : 16);
    const kind = node.verdict === 'failing' ? 'failing' : node.status === 'done' ? 'verified' : 'pass';
    g.append(
      s(
        'g',
        { class: `verdict-mark verdict-mark-${kind}`, transform: `translate(${x} ${height - 14})` },
        s('circle', { r: 9 }),
        s('text', { y: 4.5 }, node.verdict === 'failing' ? '!' : '✓'),
      ),
    );
  }
  if (node.childCount > 0) {
    g.append(
      s(
        'g',
        { class: 'toggle', 'data-toggle': node.key, transform: `translate(${width - 34} ${height - 23})` },
        s(
          'title',
          null,
          node.collapsed ? `Unfold ${node.hiddenCount} sub-issues` : 'Fold the sub-issues into this node',
        ),
        s('rect', { width: 30, height: 19, rx: 4 }),
        s('text', { x: 15, y: 14 }, node.collapsed ? `+${node.hiddenCount}` : '−'),
      ),
    );
  }
  return g;
}

const MIX = /** @type {const} */ (['done', 'wont_do', 'in_progress', 'open']);

/**
 * A folded parent's sub-issues: a bar by status and "7/10 finished".
 * @param {import('./api.js').ProgressSummary} p
 * @param {number} width
 */
function foldedProgress(p, width) {
  const barWidth = width - 15 - 46;
  const g = s('g', { class: 'folded-progress', transform: 'translate(15 49)' });
  let x = 0;
  for (const status of MIX) {
    const w = p.total === 0 ? 0 : (p.counts[status] / p.total) * (barWidth - 86);
    if (w <= 0) continue;
    g.append(s('rect', { class: `mix mix-${status}`, x, y: 0, width: w, height: 8 }));
    x += w;
  }
  g.append(s('text', { class: 'folded-figure', x: barWidth - 80, y: 9 }, `${p.finished}/${p.total} done`));
  return g;
}

/**
 * @param {HTMLElement} container
 * @param {{ onSelect: (key: string) => void,
 *   onToggle: (key: string, how?: { keyboard: boolean }) => void }} handlers onToggle: a parent's
 *   sub-issues to fold or unfold (from the keyboard: the focus stays on the parent once drawn again)
 */
export function createGraphView(container, handlers) {
  const viewport = s('g', { class: 'viewport' });
  const edgeLayer = s('g', { class: 'edges' });
  const overlay = s('g', { class: 'overlay' });
  const nodeLayer = s('g', { class: 'nodes' });
  viewport.append(edgeLayer, nodeLayer, overlay);
  /** @param {string} id @param {string} cls */
  const marker = (id, cls) =>
    s(
      'marker',
      {
        id,
        viewBox: '0 0 10 10',
        refX: 9,
        refY: 5,
        markerWidth: 9,
        markerHeight: 9,
        markerUnits: 'userSpaceOnUse',
        orient: 'auto-start-reverse',
        class: cls,
      },
      s('path', { d: 'M0 0L10 5L0 10z' }),
    );
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
        marker('arrow', 'arrow'),
        marker('arrow-critical', 'arrow-critical'),
        marker('arrow-cycle', 'arrow-cycle'),
      ),
      viewport,
    )
  );
  container.append(svg);

  /** @type {View} */
  let view = { x: 0, y: 0, k: 1 };
  let size = { width: 0, height: 0 };
  /** @type {Map<string, Box>} */
  let boxes = new Map();
  /** @type {Map<string, { el: Element, incoming: Element[], outgoing: Element[], node: GraphNode }>} */
  let index = new Map();
  /** @type {string[]} */
  let criticalKeys = [];
  /** @type {string | null} */
  let selected = null;
  let renderToken = 0;
  /** Whether the user zoomed or panned since the last fit: then the view is theirs. */
  let userMoved = false;
  /** Whether the last fit showed the whole graph (else the critical chain). */
  let wholeShown = true;
  let frame = 0;

  /** Applies the view, once per frame however many events asked for it. */
  function apply() {
    if (frame !== 0) return;
    frame = requestAnimationFrame(() => {
      frame = 0;
      viewport.setAttribute('transform', toTransform(view));
      svg.classList.toggle('far', view.k < LEGIBLE_SCALE - 1e-9);
    });
  }
  /** Applies the view now (after a fit or a button: tests and screenshots read it at once). */
  function applyNow() {
    if (frame !== 0) cancelAnimationFrame(frame);
    frame = 0;
    viewport.setAttribute('transform', toTransform(view));
    svg.classList.toggle('far', view.k < LEGIBLE_SCALE - 1e-9);
  }

  /** @param {string | null} key @param {string} cls */
  function mark(key, cls) {
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
    mark(key, cls);
  }

  // Interactions, delegated once. Pointers: one drags, two pinch.
  /** @type {Map<number, { x: number, y: number }>} */
  const pointers = new Map();
  let moved = false;
  /** @type {{ distance: number, x: number, y: number } | null} */
  let pinch = null;
  const pinchOf = () => {
    const [a, b] = [...pointers.values()];
    if (a === undefined || b === undefined) return null;
    return { distance: Math.hypot(a.x - b.x, a.y - b.y), x: (a.x + b.x) / 2, y: (a.y + b.y) / 2 };
  };
  svg.addEventListener('pointerdown', (event) => {
    if (event.pointerType === 'mouse' && event.button !== 0) return;
    pointers.set(event.pointerId, { x: event.clientX, y: event.clientY });
    if (pointers.size === 1) moved = false;
    pinch = pointers.size === 2 ? pinchOf() : null;
  });
  svg.addEventListener('pointermove', (event) => {
    const last = pointers.get(event.pointerId);
    if (last === undefined) return;
    const dx = event.clientX - last.x;
    const dy = event.clientY - last.y;
    if (!moved && Math.hypot(dx, dy) < 4) return;
    if (!moved) svg.setPointerCapture(event.pointerId);
    moved = true;
    last.x = event.clientX;
    last.y = event.clientY;
    userMoved = true;
    if (pointers.size === 2 && pinch !== null) {
      const next = pinchOf();
      if (next === null || pinch.distance === 0) return;
      const rect = svg.getBoundingClientRect();
      view = panBy(view, next.x - pinch.x, next.y - pinch.y);
      view = zoomAt(view, next.distance / pinch.distance, next.x - rect.left, next.y - rect.top);
      pinch = next;
    } else {
      view = panBy(view, dx, dy);
    }
    apply();
  });
  const endPointer = (/** @type {PointerEvent} */ event) => {
    if (!pointers.has(event.pointerId)) return;
    pointers.delete(event.pointerId);
    pinch = pointers.size === 2 ? pinchOf() : null;
    if (moved && pointers.size === 0) {
      svg.classList.add('just-dragged');
      setTimeout(() => svg.classList.remove('just-dragged'), 0);
    }
    if (svg.hasPointerCapture(event.pointerId)) svg.releasePointerCapture(event.pointerId);
  };
  svg.addEventListener('pointerup', endPointer);
  svg.addEventListener('pointercancel', endPointer);
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
    if (node === null || node === undefined) return;
    const key = /** @type {string} */ (node.getAttribute('data-key'));
    if (event.key === 'Enter' || event.key === ' ') {
      event.preventDefault();
      handlers.onSelect(key);
      return;
    }
    // A parent folds and unfolds as a tree's node does (→ opens, ← closes), or with + and −, as its
    // toggle does for the pointer.
    const expanded = node.getAttribute('aria-expanded');
    const unfold = (event.key === 'ArrowRight' || event.key === '+') && expanded === 'false';
    const fold = (event.key === 'ArrowLeft' || event.key === '-') && expanded === 'true';
    if (unfold || fold) {
      event.preventDefault();
      handlers.onToggle(key, { keyboard: true });
    }
  });
  svg.addEventListener('focusin', (event) => {
    // A node reached with Tab comes on screen.
    const key = /** @type {Element} */ (event.target).closest?.('[data-key]')?.getAttribute('data-key');
    if (key) reveal(key);
  });
  svg.addEventListener('pointerover', (event) => {
    if (pointers.size > 0) return;
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
      userMoved = true;
      apply();
    },
    { passive: false },
  );

  /** @param {string} key */
  function reveal(key) {
    const box = boxes.get(key);
    if (box === undefined) return;
    const rect = svg.getBoundingClientRect();
    const left = box.x * view.k + view.x;
    const top = box.y * view.k + view.y;
    const inside =
      view.k >= LEGIBLE_SCALE &&
      left >= 0 &&
      top >= 0 &&
      left + box.width * view.k <= rect.width &&
      top + box.height * view.k <= rect.height;
    if (!inside) centreBox(box);
  }

  /** Brings a box to the middle of the graph, at a legible scale. @param {Box} box */
  function centreBox(box) {
    const rect = svg.getBoundingClientRect();
    view = centreOn(
      box.x + box.width / 2,
      box.y + box.height / 2,
      Math.max(view.k, 1),
      rect.width,
      rect.height,
    );
    applyNow();
  }

  /**
   * The view that shows a set of boxes, legibly: fitted when they fit at a legible scale, else
   * the first of them at the left, at scale 1.
   * @param {Box[]} list
   * @returns {{ view: View, whole: boolean }}
   */
  function legibleView(list) {
    const rect = svg.getBoundingClientRect();
    if (list.length === 0) return { view: { x: 0, y: 0, k: 1 }, whole: true };
    const x0 = Math.min(...list.map((b) => b.x)) - 20;
    const y0 = Math.min(...list.map((b) => b.y)) - 20;
    const x1 = Math.max(...list.map((b) => b.x + b.width)) + 20;
    const y1 = Math.max(...list.map((b) => b.y + b.height)) + 20;
    const fitted = fitView(x1 - x0, y1 - y0, rect.width, rect.height);
    if (fitted.k >= LEGIBLE_SCALE) {
      return { view: { k: fitted.k, x: fitted.x - x0 * fitted.k, y: fitted.y - y0 * fitted.k }, whole: true };
    }
    const first = /** @type {Box} */ (list[0]);
    const k = Math.max(LEGIBLE_SCALE, Math.min(1, rect.width / (first.width + 80)));
    return {
      view: { k, x: 24 - first.x * k, y: rect.height / 2 - (first.y + first.height / 2) * k },
      whole: false,
    };
  }

  return {
    svg,
    /**
     * Lays out and draws the graph; resolves when it is on screen.
     * @param {Graph} graph
     * @param {{ keepView?: boolean, critical?: string[] }} [options] critical: the critical chain's keys
     *   (as drawn), which a fit shows when the whole graph cannot be read
     * @returns {Promise<{ engine: string, nodes: number, edges: number, legible: boolean } | null>}
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
      const criticalEls = [];
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
        (edge.critical ? criticalEls : edgeEls).push(el);
        next.get(edge.source)?.outgoing.push(el);
        next.get(edge.target)?.incoming.push(el);
      }
      // The critical chain last, so it is drawn on top of every other edge.
      edgeLayer.replaceChildren(...edgeEls, ...criticalEls);
      keepingFocus(nodeLayer, 'data-key', () => nodeLayer.replaceChildren(...nodeEls));
      overlay.replaceChildren();
      index = next;
      size = { width: layout.width, height: layout.height };
      boxes = layout.nodes;
      criticalKeys = options.critical ?? graph.nodes.filter((n) => n.critical).map((n) => n.key);
      svg.classList.toggle('has-critical', criticalEls.length > 0);
      const legible = options.keepView ? wholeShown : this.fit();
      if (selected !== null) unmark(selected, 'selected');
      return {
        engine: layout.engine,
        nodes: nodeEls.length,
        edges: edgeEls.length + criticalEls.length,
        legible,
      };
    },
    /** Whether the whole graph fits on screen legibly (it is laid out). */
    fitsLegibly() {
      const rect = svg.getBoundingClientRect();
      return fitView(size.width, size.height, rect.width, rect.height).k >= LEGIBLE_SCALE;
    },
    /**
     * Shows the whole graph when it fits legibly, else the critical chain (or its start).
     * @returns {boolean} whether the whole graph is shown
     */
    fit() {
      const rect = svg.getBoundingClientRect();
      const whole = fitView(size.width, size.height, rect.width, rect.height);
      let shown = true;
      if (whole.k >= LEGIBLE_SCALE || boxes.size === 0) view = whole;
      else {
        const chain = criticalKeys.flatMap((k) => boxes.get(k) ?? []);
        const target = legibleView(
          chain.length > 0 ? chain : [/** @type {Box} */ (boxes.values().next().value)],
        );
        view = target.view;
        shown = false;
      }
      userMoved = false;
      wholeShown = shown;
      applyNow();
      return shown;
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
      applyNow();
    },
    /** @param {string | null} key */
    select(key) {
      selected = key;
      unmark(key, 'selected');
    },
    /** Pans (and zooms to a legible scale) so that a node is on screen, when it is not. */
    reveal,
    /**
     * Centres a node at a legible scale (a search result).
     * @param {string} key
     */
    centre(key) {
      const box = boxes.get(key);
      if (box === undefined) return;
      userMoved = true;
      centreBox(box);
    },
    /**
     * Fades every node and edge outside `keys` (null: nothing faded); marks `path` (consecutive keys)
     * as a highlighted chain.
     * @param {Set<string> | null} keys
     * @param {string[]} [path]
     */
    focus(keys, path = []) {
      svg.classList.toggle('focused', keys !== null);
      const pairs = new Set(path.slice(1).map((k, i) => `${path[i]}\u0000${k}`));
      for (const [key, entry] of index) {
        entry.el.classList.toggle('in-focus', keys?.has(key) === true);
        for (const edge of entry.outgoing) {
          const target = /** @type {string} */ (edge.getAttribute('data-target'));
          edge.classList.toggle('in-focus', keys?.has(key) === true && keys.has(target));
          edge.classList.toggle('on-path', pairs.has(`${key}\u0000${target}`));
        }
      }
    },
    /**
     * Draws a refused cycle over the graph: its nodes marked, a dashed arrow between each pair
     * (the refused edge among them). Empty: clears it.
     * @param {string[]} cycle keys, first = last
     */
    showCycle(cycle) {
      for (const el of svg.querySelectorAll('.in-cycle')) el.classList.remove('in-cycle');
      overlay.replaceChildren();
      for (const key of cycle) index.get(key)?.el.classList.add('in-cycle');
      for (let i = 0; i + 1 < cycle.length; i++) {
        // cycle[i] is blocked by cycle[i + 1]: the arrow goes from the blocker to what it blocks.
        const a = boxes.get(/** @type {string} */ (cycle[i + 1]));
        const b = boxes.get(/** @type {string} */ (cycle[i]));
        if (a === undefined || b === undefined) continue;
        const x1 = a.x + a.width / 2;
        const y1 = a.y + a.height / 2;
        const x2 = b.x + b.width / 2;
        const y2 = b.y + b.height / 2;
        const mx = (x1 + x2) / 2 + (y2 - y1) * 0.2;
        const my = (y1 + y2) / 2 - (x2 - x1) * 0.2;
        overlay.append(
          s('path', {
            class: 'cycle-edge',
            d: `M${x1} ${y1}Q${mx} ${my} ${x2} ${y2}`,
            'marker-end': 'url(#arrow-cycle)',
          }),
        );
      }
      const first = cycle.flatMap((k) => boxes.get(k) ?? []);
      if (first.length > 0) {
        view = legibleView(first).view;
        userMoved = true;
        applyNow();
      }
    },
    /**
     * Marks the issues a what-if takes as done.
     * @param {Set<string>} keys
     */
    markWhatIf(keys) {
      for (const [key, entry] of index) entry.el.toggleAttribute('data-whatif', keys.has(key));
    },
    /** The current scale (tests, measurements). */
    get scale() {
      return view.k;
    },
  };
}
