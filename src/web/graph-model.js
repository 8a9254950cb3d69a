// From a project's issues and plan to the graph the page draws: one node per
// visible issue, one edge per blocked-by pair (blocker -> blocked), with the plan's
// marks (ready, critical, blockers). Collapsing a parent folds its sub-issues (at
// any depth) into its node, and their edges onto it; the node then carries their progress. Pure: no DOM.
// O(n·d + e) for n issues of parent depth d and e edges.

/**
 * @typedef {import('./api.js').Issue} Issue
 * @typedef {import('./api.js').Plan} Plan
 * @typedef {{ id: string, key: string, title: string, status: string, ready: boolean, critical: boolean,
 *   blockedBy: string[], rootBlockers: string[], parent: string | null, childCount: number,
 *   collapsed: boolean, hiddenCount: number, verdict: string | null,
 *   progress: import('./api.js').ProgressSummary | null }} GraphNode
 * @typedef {{ id: string, source: string, target: string, critical: boolean, count: number }} GraphEdge
 * @typedef {{ nodes: GraphNode[], edges: GraphEdge[], representative: Map<string, string> }} Graph
 */

/**
 * @param {Issue[]} issues
 * @param {Pick<Plan, 'ready' | 'blocked' | 'criticalPath'> & { progress?: Plan['progress'] }} plan
 * @param {ReadonlySet<string>} [collapsed] parent keys whose sub-issues are folded into them
 * @param {ReadonlyMap<string, string>} [verdicts] the latest validation's verdict per key
 * @returns {Graph}
 */
export function buildGraph(issues, plan, collapsed = new Set(), verdicts = new Map()) {
  /** @type {Map<string, Issue>} */
  const byKey = new Map(issues.map((issue) => [issue.key, issue]));
  /** @type {Map<string, number>} */
  const childCount = new Map();
  for (const issue of issues) {
    if (issue.parent !== null && byKey.has(issue.parent)) {
      childCount.set(issue.parent, (childCount.get(issue.parent) ?? 0) + 1);
    }
  }

  // The node that stands for an issue: its outermost collapsed ancestor, else itself.
  /** @type {Map<string, string>} */
  const representative = new Map();
  for (const issue of issues) {
    let rep = issue.key;
    let current = issue.parent;
    let steps = 0;
    while (current !== null && steps++ <= issues.length) {
      const parent = byKey.get(current);
      if (parent === undefined) break;
      if (collapsed.has(current)) rep = current;
      current = parent.parent;
    }
    representative.set(issue.key, rep);
  }

  const ready = new Set(plan.ready);
  const critical = new Set(plan.criticalPath.keys);
  /** @type {Set<string>} */
  const criticalPairs = new Set();
  const path = plan.criticalPath.keys;
  for (let i = 0; i + 1 < path.length; i++) criticalPairs.add(`${path[i]}\u0000${path[i + 1]}`);
  const blocked = new Map(plan.blocked.map((b) => [b.key, b]));

  /** @type {Map<string, GraphNode>} */
  const nodes = new Map();
  for (const issue of issues) {
    if (representative.get(issue.key) !== issue.key) continue;
    const entry = blocked.get(issue.key);
    nodes.set(issue.key, {
      id: issue.key,
      key: issue.key,
      title: issue.title,
      status: issue.status,
      ready: ready.has(issue.key),
      critical: critical.has(issue.key),
      blockedBy: entry?.blockedBy ?? [],
      rootBlockers: entry?.rootBlockers ?? [],
      parent: issue.parent,
      childCount: childCount.get(issue.key) ?? 0,
      collapsed: collapsed.has(issue.key) && (childCount.get(issue.key) ?? 0) > 0,
      hiddenCount: 0,
      verdict: verdicts.get(issue.key) ?? null,
      // A folded parent shows its sub-issues' progress and status mix.
      progress: collapsed.has(issue.key) ? (plan.progress?.byParent[issue.key] ?? null) : null,
    });
  }
  for (const [key, rep] of representative) {
    if (key === rep) continue;
    const node = /** @type {GraphNode} */ (nodes.get(rep));
    node.hiddenCount++;
    // A folded node is on the critical path when one of the issues it stands for is.
    if (critical.has(key)) node.critical = true;
    // ...and failing when one of them fails.
    if (verdicts.get(key) === 'failing') node.verdict = 'failing';
  }

  /** @type {Map<string, GraphEdge>} */
  const edges = new Map();
  for (const issue of issues) {
    const target = /** @type {string} */ (representative.get(issue.key));
    for (const blocker of issue.blockedBy) {
      const source = representative.get(blocker);
      if (source === undefined || source === target) continue;
      const id = `${source}->${target}`;
      const isCritical = criticalPairs.has(`${blocker}\u0000${issue.key}`);
      const edge = edges.get(id);
      if (edge === undefined) edges.set(id, { id, source, target, critical: isCritical, count: 1 });
      else {
        edge.count++;
        edge.critical ||= isCritical;
      }
    }
  }

  return { nodes: [...nodes.values()], edges: [...edges.values()], representative };
}

/**
 * Parent keys (issues that have sub-issues), for "collapse all".
 * @param {Issue[]} issues
 * @returns {Set<string>}
 */
export function parentKeys(issues) {
  const keys = new Set(issues.map((i) => i.key));
  return new Set(issues.flatMap((i) => (i.parent !== null && keys.has(i.parent) ? [i.parent] : [])));
}
