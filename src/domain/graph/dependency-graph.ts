/**
 * Dependency graph
 * ================
 *
 * A mutable index of blocked-by edges keyed by issue key, for incremental use
 * (the store checks each new edge before writing it). Two adjacency maps, one
 * per direction, so that both `blockersOf` and `blockedOf` are O(1).
 *
 * `cycleIfAdded(issue, blocker)` answers "would `issue` blocked by `blocker`
 * close a cycle?" by a breadth-first search from `blocker` along blocked-by
 * edges looking for `issue`: only the part of the graph upstream of the new
 * edge is visited, O(V' + E') for that part. BFS gives a shortest cycle, which
 * is the most readable one to show a user.
 *
 * Precondition: the graph is a DAG (the store only ever adds edges that pass
 * the check). The search is still safe on a cyclic graph: each key is visited
 * once.
 *
 * Reference: graphology-dag `willCreateCycle` (same question, DFS, answers a
 * boolean); here we also return the path.
 */

import type { DependencyEdge } from './types.js';

const NONE: ReadonlySet<string> = new Set<string>();

export class DependencyGraph {
  /** issue -> the issues it is blocked by. */
  private readonly blockers = new Map<string, Set<string>>();
  /** issue -> the issues it blocks. */
  private readonly blocked = new Map<string, Set<string>>();
  private edgeCount = 0;

  static fromEdges(edges: Iterable<DependencyEdge>): DependencyGraph {
    const graph = new DependencyGraph();
    for (const edge of edges) graph.add(edge.issue, edge.blockedBy);
    return graph;
  }

  /** Number of distinct edges. */
  get size(): number {
    return this.edgeCount;
  }

  has(issue: string, blocker: string): boolean {
    return this.blockers.get(issue)?.has(blocker) ?? false;
  }

  /** Adds "issue is blocked by blocker"; adding an existing edge does nothing. No cycle check: see cycleIfAdded. */
  add(issue: string, blocker: string): void {
    let out = this.blockers.get(issue);
    if (out === undefined) {
      out = new Set();
      this.blockers.set(issue, out);
    }
    if (out.has(blocker)) return;
    out.add(blocker);
    let back = this.blocked.get(blocker);
    if (back === undefined) {
      back = new Set();
      this.blocked.set(blocker, back);
    }
    back.add(issue);
    this.edgeCount++;
  }

  /** Removes the edge; returns whether it existed. */
  remove(issue: string, blocker: string): boolean {
    const out = this.blockers.get(issue);
    if (out === undefined || !out.delete(blocker)) return false;
    if (out.size === 0) this.blockers.delete(issue);
    const back = this.blocked.get(blocker);
    if (back !== undefined) {
      back.delete(issue);
      if (back.size === 0) this.blocked.delete(blocker);
    }
    this.edgeCount--;
    return true;
  }

  /** The issues that `issue` is directly blocked by. */
  blockersOf(issue: string): ReadonlySet<string> {
    return this.blockers.get(issue) ?? NONE;
  }

  /** The issues that `issue` directly blocks. */
  blockedOf(issue: string): ReadonlySet<string> {
    return this.blocked.get(issue) ?? NONE;
  }

  /** Every edge, grouped by issue in insertion order. */
  *edges(): IterableIterator<DependencyEdge> {
    for (const [issue, set] of this.blockers) for (const blockedBy of set) yield { issue, blockedBy };
  }

  /**
   * The cycle that adding "issue is blocked by blocker" would close, or null.
   * Keys in blocked-by order, starting and ending with `issue`: adding a<-b when
   * b<-c and c<-a gives ['a', 'b', 'c', 'a']; a self edge gives ['a', 'a'].
   */
  cycleIfAdded(issue: string, blocker: string): string[] | null {
    if (issue === blocker) return [issue, issue];
    // BFS from `blocker` along blocked-by edges; `parent` records how each key was reached.
    const parent = new Map<string, string>();
    parent.set(blocker, blocker);
    const queue: string[] = [blocker];
    for (let head = 0; head < queue.length; head++) {
      const current = queue[head]!;
      const next = this.blockers.get(current);
      if (next === undefined) continue;
      for (const key of next) {
        if (parent.has(key)) continue;
        parent.set(key, current);
        if (key === issue) return closeCycle(parent, issue, blocker);
        queue.push(key);
      }
    }
    return null;
  }
}

/** Walks `parent` back from `issue` to `blocker` and returns [issue, blocker, ..., issue]. */
function closeCycle(parent: Map<string, string>, issue: string, blocker: string): string[] {
  const back: string[] = [issue];
  let key = issue;
  while (key !== blocker) {
    key = parent.get(key)!;
    back.push(key);
  }
  back.push(issue);
  // back = [issue, ..., blocker, issue] read from the end of the path; reverse the middle.
  const middle = back.slice(1, -1).reverse();
  return [issue, ...middle, issue];
}
