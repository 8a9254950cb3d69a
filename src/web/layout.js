// Chooses and runs the layout: elkjs's layered algorithm in a Web Worker for graphs
// it lays out quickly (so the page never freezes), the in-page fast layered layout
// beyond that or when the worker fails. The worker is elkjs's own
// (elk-worker.min.js, served from node_modules), spoken to in its message protocol.
import { fastLayout } from './fast-layout.js';

/**
 * @typedef {import('./fast-layout.js').Layout} Layout
 * @typedef {import('./fast-layout.js').LayoutNodeIn} LayoutNodeIn
 * @typedef {import('./fast-layout.js').LayoutEdgeIn} LayoutEdgeIn
 */

/**
 * Above this many nodes (or edges) elkjs, with a port per edge end, takes over a second here; the
 * fast layout takes milliseconds.
 */
export const ELK_MAX_NODES = 120;
export const ELK_MAX_EDGES = 240;
const ELK_TIMEOUT_MS = 10_000;
const WORKER_URL = '/assets/vendor/elk-worker.min.js';

const ELK_OPTIONS = {
  'elk.algorithm': 'layered',
  'elk.direction': 'RIGHT',
  // Splines: orthogonal routing merges edges into combs.
  'elk.edgeRouting': 'SPLINES',
  'elk.layered.spacing.nodeNodeBetweenLayers': '70',
  'elk.spacing.nodeNode': '16',
  'elk.layered.spacing.edgeNodeBetweenLayers': '16',
  'elk.layered.nodePlacement.strategy': 'BRANDES_KOEPF',
  'elk.layered.considerModelOrder.strategy': 'NODES_AND_EDGES',
  'elk.padding': '[top=20,left=20,bottom=20,right=20]',
};

/** @type {{ worker: Worker, next: number, pending: Map<number, (answer: any) => void>, ready: Promise<unknown> } | null} */
let elk = null;

function elkWorker() {
  if (elk !== null) return elk;
  const worker = new Worker(WORKER_URL);
  /** @type {Map<number, (answer: any) => void>} */
  const pending = new Map();
  worker.onmessage = (event) => {
    const resolve = pending.get(event.data?.id);
    if (resolve === undefined) return;
    pending.delete(event.data.id);
    resolve(event.data);
  };
  worker.onerror = (event) => {
    for (const resolve of pending.values()) resolve({ error: event.message || 'layout worker failed' });
    pending.clear();
    worker.terminate();
    elk = null;
  };
  const state = { worker, next: 0, pending, ready: Promise.resolve() };
  state.ready = send(state, { cmd: 'register', algorithms: ['layered'] });
  elk = state;
  return state;
}

/**
 * @param {NonNullable<typeof elk>} state
 * @param {object} message
 * @returns {Promise<any>}
 */
function send(state, message) {
  const id = state.next++;
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      state.pending.delete(id);
      reject(new Error('layout timed out'));
    }, ELK_TIMEOUT_MS);
    state.pending.set(id, (answer) => {
      clearTimeout(timer);
      if (answer.error) reject(new Error(String(answer.error.message ?? answer.error)));
      else resolve(answer.data);
    });
    state.worker.postMessage({ ...message, id });
  });
}

/**
 * @param {LayoutNodeIn[]} nodes
 * @param {LayoutEdgeIn[]} edges
 * @returns {Promise<Layout>}
 */
async function elkLayout(nodes, edges) {
  const state = elkWorker();
  await state.ready;
  // One port per edge end, on the node's left (in) or right (out) side: ELK spreads them along
  // the side, so that many edges into one node arrive side by side instead of in one point.
  /** @type {Map<string, { id: string, width: number, height: number, layoutOptions: object }[]>} */
  const ports = new Map(nodes.map((n) => [n.id, []]));
  for (const e of edges) {
    ports
      .get(e.source)
      ?.push({ id: `${e.id}:out`, width: 1, height: 1, layoutOptions: { 'elk.port.side': 'EAST' } });
    ports
      .get(e.target)
      ?.push({ id: `${e.id}:in`, width: 1, height: 1, layoutOptions: { 'elk.port.side': 'WEST' } });
  }
  const graph = {
    id: 'root',
    children: nodes.map((n) => ({
      id: n.id,
      width: n.width,
      height: n.height,
      ports: ports.get(n.id),
      layoutOptions: { 'elk.portConstraints': 'FIXED_SIDE' },
    })),
    edges: edges.map((e) => ({ id: e.id, sources: [`${e.id}:out`], targets: [`${e.id}:in`] })),
  };
  /** @type {any} */
  const out = await send(state, { cmd: 'layout', graph, layoutOptions: ELK_OPTIONS, options: {} });
  /** @type {Layout['nodes']} */
  const boxes = new Map();
  for (const child of out.children ?? []) {
    boxes.set(child.id, { x: child.x, y: child.y, width: child.width, height: child.height });
  }
  /** @type {Layout['edges']} */
  const paths = new Map();
  for (const edge of out.edges ?? []) {
    const d = (edge.sections ?? []).map(sectionPath).join('');
    paths.set(edge.id, d);
  }
  return {
    width: out.width ?? 0,
    height: out.height ?? 0,
    nodes: boxes,
    edges: paths,
    engine: 'elk-layered',
  };
}

/** @param {{ x: number, y: number }} p */
const pt = (p) => `${Math.round(p.x * 10) / 10} ${Math.round(p.y * 10) / 10}`;

/**
 * One edge section as a path: ELK's spline routing gives the control points of consecutive cubic
 * Bézier curves (three per curve, the last one ending at the end point); anything else is drawn
 * as a polyline through its bend points.
 * @param {{ startPoint: { x: number, y: number }, endPoint: { x: number, y: number },
 *   bendPoints?: { x: number, y: number }[] }} section
 */
function sectionPath(section) {
  const points = [...(section.bendPoints ?? []), section.endPoint];
  if (points.length % 3 === 0) {
    let d = `M${pt(section.startPoint)}`;
    for (let i = 0; i < points.length; i += 3) {
      d += `C${pt(/** @type {any} */ (points[i]))} ${pt(/** @type {any} */ (points[i + 1]))} ${pt(/** @type {any} */ (points[i + 2]))}`;
    }
    return d;
  }
  return `M${pt(section.startPoint)}${points.map((p) => `L${pt(p)}`).join('')}`;
}

/**
 * Starts the worker and warms elkjs up with a tiny layout while the page fetches its
 * data: the first real layout then skips loading and compiling 1.6 MB of script.
 */
export function prewarmLayout() {
  if (typeof Worker === 'undefined') return;
  void elkLayout(
    [
      { id: 'a', width: 10, height: 10 },
      { id: 'b', width: 10, height: 10 },
    ],
    [{ id: 'e', source: 'a', target: 'b' }],
  ).catch(() => {});
}

/**
 * @param {LayoutNodeIn[]} nodes
 * @param {LayoutEdgeIn[]} edges
 * @returns {Promise<Layout>}
 */
export async function layoutGraph(nodes, edges) {
  if (nodes.length > ELK_MAX_NODES || edges.length > ELK_MAX_EDGES || typeof Worker === 'undefined') {
    return fastLayout(nodes, edges);
  }
  try {
    return await elkLayout(nodes, edges);
  } catch (error) {
    console.warn('elkjs layout failed; using the fast layout', error);
    return fastLayout(nodes, edges);
  }
}
