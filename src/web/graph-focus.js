// Navigating the graph: searching issues by key and title, the set an issue's focus shows (its
// transitive blockers and what it transitively blocks), and an issue's path to the goal (the chain
// of open work through it that ends the project). Pure: no DOM. Iterative walks, O(n + e).

/**
 * @typedef {import('./api.js').Issue} Issue
 * @typedef {import('./api.js').Plan} Plan
 * @typedef {import('./url-state.js').FocusMode} FocusMode
 */

/**
 * Issues matching a query in key or title, best first: exact key, key prefix, key substring,
 * title substring (case-insensitive); ties by key.
 * @param {Issue[]} issues
 * @param {string} query
 * @param {number} [limit]
 * @returns {Issue[]}
 */
export function searchIssues(issues, query, limit = 8) {
  const q = query.trim().toLowerCase();
  if (q === '') return [];
  /** @type {{ issue: Issue, rank: number }[]} */
  const hits = [];
  for (const issue of issues) {
    const key = issue.key.toLowerCase();
    const rank =
      key === q
        ? 0
        : key.startsWith(q)
          ? 1
          : key.includes(q)
            ? 2
            : issue.title.toLowerCase().includes(q)
              ? 3
              : -1;
    if (rank >= 0) hits.push({ issue, rank });
  }
  hits.sort(
    (a, b) => a.rank - b.rank || a.issue.key.localeCompare(b.issue.key, undefined, { numeric: true }),
  );
  return hits.slice(0, limit).map((h) => h.issue);
}

/**
 * Every issue reachable from `start` along `next` (start excluded).
 * @param {string} start
 * @param {(key: string) => readonly string[]} next
 * @returns {Set<string>}
 */
function reach(start, next) {
  /** @type {Set<string>} */
  const seen = new Set();
  const stack = [start];
  while (stack.length > 0) {
    const key = /** @type {string} */ (stack.pop());
    for (const other of next(key)) {
      if (other === start || seen.has(other)) continue;
      seen.add(other);
      stack.push(other);
    }
  }
  return seen;
}

/**
 * The keys a focus on `key` shows: the issue, and its transitive blockers (upstream), what it
 * transitively blocks (downstream), both, or its path to the goal.
 * @param {string} key
 * @param {FocusMode} mode
 * @param {Map<string, Issue>} byKey
 * @param {Plan} plan
 * @returns {Set<string>}
 */
export function focusSet(key, mode, byKey, plan) {
  if (mode === 'goal') return new Set(pathToGoal(key, byKey, plan));
  const blockers = (/** @type {string} */ k) => byKey.get(k)?.blockedBy ?? [];
  const blocks = (/** @type {string} */ k) => byKey.get(k)?.blocks ?? [];
  const keys = new Set([key]);
  if (mode !== 'downstream') for (const k of reach(key, blockers)) keys.add(k);
  if (mode !== 'upstream') for (const k of reach(key, blocks)) keys.add(k);
  return keys;
}

/**
 * The path to the goal through an issue: the chain of open blockers that sets its start (from an
 * issue that is ready now), the issue, and the chain of what it blocks that sets the finish (least
 * slack, then latest finish, to an issue nothing waits on). A finished issue's path is the rest
 * of the chain after it. Keys in order of work.
 * @param {string} key
 * @param {Map<string, Issue>} byKey
 * @param {Plan} plan
 * @returns {string[]}
 */
export function pathToGoal(key, byKey, plan) {
  const { schedule } = plan;
  const isOpen = (/** @type {string} */ k) => schedule[k] !== undefined;
  /** @type {string[]} */
  const before = [];
  let current = key;
  const guard = byKey.size + 1;
  // Upstream: the open blocker that finishes last holds the start.
  for (let steps = 0; steps < guard; steps++) {
    const open = (byKey.get(current)?.blockedBy ?? []).filter(isOpen);
    if (open.length === 0) break;
    current = open.reduce((a, b) =>
      (schedule[b]?.earliestFinish ?? 0) > (schedule[a]?.earliestFinish ?? 0) ? b : a,
    );
    before.push(current);
  }
  /** @type {string[]} */
  const after = [];
  current = key;
  // Downstream: the open successor with the least slack (ties: the latest finish) carries it on.
  for (let steps = 0; steps < guard; steps++) {
    const open = (byKey.get(current)?.blocks ?? []).filter(isOpen);
    if (open.length === 0) break;
    current = open.reduce((a, b) => {
      const sa = schedule[a];
      const sb = schedule[b];
      if (sa === undefined || sb === undefined) return a;
      if (sb.slack !== sa.slack) return sb.slack < sa.slack ? b : a;
      return sb.latestFinish > sa.latestFinish ? b : a;
    });
    after.push(current);
  }
  return [...before.reverse(), key, ...after];
}
