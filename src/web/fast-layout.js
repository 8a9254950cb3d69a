// A layered (Sugiyama-style) layout for large graphs, where elkjs would take
// seconds: longest-path layering, a few barycenter sweeps to reduce crossings,
// layers centred on each other, and curved edges leaving and entering at spread ports. O((n + e) · sweeps · log n).
// Reference: Sugiyama, Tagawa, Toda, "Methods for Visual Understanding of
// Hierarchical System Structures" (1981); barycenter heuristic.
// NON-ELK: no long-edge dummies, so an edge that spans layers may cross nodes.

/**
 * @typedef {{ id: string, width: number, height: number }} LayoutNodeIn
 * @typedef {{ id: string, source: string, target: string }} LayoutEdgeIn
 * @typedef {{ x: number, y: number, width: number, height: number }} Box
 * @typedef {{ width: number, height: number, nodes: Map<string, Box>, edges: Map<string, string>,
 *   engine: string }} Layout
 */

const SWEEPS = 4;

/**
 * @param {LayoutNodeIn[]} nodesIn
 * @param {LayoutEdgeIn[]} edgesIn
 * @param {{ gapX?: number, gapY?: number, margin?: number }} [options]
 * @returns {Layout}
 */
export function fastLayout(nodesIn, edgesIn, options = {}) {
  const gapX = options.gapX ?? 60;
  const gapY = options.gapY ?? 16;
  const margin = options.margin ?? 20;
  const n = nodesIn.length;
  /** @type {Map<string, number>} */
  const index = new Map(nodesIn.map((node, i) => [node.id, i]));
  /** @type {number[][]} */
  const preds = Array.from({ length: n }, () => []);
  /** @type {number[][]} */
  const succs = Array.from({ length: n }, () => []);
  const indegree = new Int32Array(n);
  for (const edge of edgesIn) {
    const s = index.get(edge.source);
    const t = index.get(edge.target);
    if (s === undefined || t === undefined || s === t) continue;
    succs[s]?.push(t);
    preds[t]?.push(s);
    indegree[t]++;
  }

  // Longest-path layering in Kahn order; anything left (a cycle, never in a DAG) stays in layer 0.
  const layer = new Int32Array(n);
  /** @type {number[]} */
  const queue = [];
  for (let i = 0; i < n; i++) if (indegree[i] === 0) queue.push(i);
  for (let head = 0; head < queue.length; head++) {
    const v = /** @type {number} */ (queue[head]);
    for (const w of /** @type {number[]} */ (succs[v])) {
      if (layer[v] + 1 > layer[w]) layer[w] = layer[v] + 1;
      if (--indegree[w] === 0) queue.push(w);
    }
  }
  let layerCount = 0;
  for (let i = 0; i < n; i++) layerCount = Math.max(layerCount, layer[i] + 1);
  /** @type {number[][]} */
  const layers = Array.from({ length: layerCount }, () => []);
  // Topological (then input) order as the starting order inside each layer.
  const seen = new Uint8Array(n);
  for (const v of queue) {
    seen[v] = 1;
    layers[layer[v]]?.push(v);
  }
  for (let i = 0; i < n; i++) if (!seen[i]) layers[layer[i]]?.push(i);

  const position = new Float64Array(n);
  const place = () => {
    for (const nodes of layers) {
      for (let i = 0; i < nodes.length; i++) position[/** @type {number} */ (nodes[i])] = i;
    }
  };
  place();
  /**
   * @param {number[]} nodes
   * @param {number[][]} neighbours
   */
  const reorder = (nodes, neighbours) => {
    const keyed = nodes.map((v) => {
      const adj = /** @type {number[]} */ (neighbours[v]);
      let sum = 0;
      for (const w of adj) sum += position[w];
      return { v, key: adj.length > 0 ? sum / adj.length : position[v] };
    });
    keyed.sort((a, b) => a.key - b.key);
    keyed.forEach(({ v }, i) => {
      nodes[i] = v;
      position[v] = i;
    });
  };
  for (let sweep = 0; sweep < SWEEPS; sweep++) {
    for (let l = 1; l < layerCount; l++) reorder(/** @type {number[]} */ (layers[l]), preds);
    for (let l = layerCount - 2; l >= 0; l--) reorder(/** @type {number[]} */ (layers[l]), succs);
  }

  // Coordinates: columns as wide as their widest node, each column centred vertically.
  const columnWidth = layers.map((nodes) => Math.max(0, ...nodes.map((v) => nodesIn[v]?.width ?? 0)));
  const columnHeight = layers.map((nodes) =>
    nodes.reduce((sum, v, i) => sum + (nodesIn[v]?.height ?? 0) + (i > 0 ? gapY : 0), 0),
  );
  const height = Math.max(0, ...columnHeight);
  /** @type {Map<string, Box>} */
  const boxes = new Map();
  let x = margin;
  layers.forEach((nodes, l) => {
    let y = margin + (height - (columnHeight[l] ?? 0)) / 2;
    for (const v of nodes) {
      const node = /** @type {LayoutNodeIn} */ (nodesIn[v]);
      boxes.set(node.id, { x, y, width: node.width, height: node.height });
      y += node.height + gapY;
    }
    x += (columnWidth[l] ?? 0) + gapX;
  });

  // Ports: a node's edges leave (and arrive) at distinct heights along its side, ordered by the
  // other end's height, so that edges fan out instead of combing into one point.
  /** @type {Map<string, { a: Box, b: Box }>} */
  const ends = new Map();
  /** @type {Map<Box, { id: string, other: Box }[]>} */
  const outPorts = new Map();
  /** @type {Map<Box, { id: string, other: Box }[]>} */
  const inPorts = new Map();
  for (const edge of edgesIn) {
    const a = boxes.get(edge.source);
    const b = boxes.get(edge.target);
    if (a === undefined || b === undefined || a === b) continue;
    ends.set(edge.id, { a, b });
    const out = outPorts.get(a) ?? [];
    out.push({ id: edge.id, other: b });
    outPorts.set(a, out);
    const inn = inPorts.get(b) ?? [];
    inn.push({ id: edge.id, other: a });
    inPorts.set(b, inn);
  }
  /**
   * @param {Map<Box, { id: string, other: Box }[]>} ports
   * @returns {Map<string, number>} edge id -> y of its port
   */
  const portY = (ports) => {
    /** @type {Map<string, number>} */
    const ys = new Map();
    for (const [box, list] of ports) {
      list.sort((p, q) => p.other.y - q.other.y || p.other.x - q.other.x);
      const span = box.height * 0.6;
      list.forEach((port, i) => {
        ys.set(
          port.id,
          box.y + box.height / 2 + (list.length === 1 ? 0 : (i / (list.length - 1) - 0.5) * span),
        );
      });
    }
    return ys;
  };
  const startY = portY(outPorts);
  const endY = portY(inPorts);
  /** @type {Map<string, string>} */
  const edges = new Map();
  for (const [id, { a, b }] of ends) {
    const x1 = a.x + a.width;
    const y1 = /** @type {number} */ (startY.get(id));
    const x2 = b.x;
    const y2 = /** @type {number} */ (endY.get(id));
    const bend = Math.max(20, (x2 - x1) / 2);
    edges.set(id, `M${r(x1)} ${r(y1)}C${r(x1 + bend)} ${r(y1)} ${r(x2 - bend)} ${r(y2)} ${r(x2)} ${r(y2)}`);
  }
  const width = Math.max(0, x - gapX) + margin;
  return { width, height: height + 2 * margin, nodes: boxes, edges, engine: 'fast-layered' };
}

/** @param {number} v */
const r = (v) => Math.round(v * 10) / 10;
