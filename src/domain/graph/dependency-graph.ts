/**
 * Dependency graph
 * ================
 *
 * A mutable index of blocked-by edges keyed by issue key, for incremental use
 * (the store checks each new edge before writing it). Two adjacency maps, one
 * per direction, so that both `blockersOf` and `blockedOf` are O(1).
 *
 * It also keeps a topological order of its issues (blockers first), maintained
 * on each `add` by the Pearce-Kelly dynamic topological sort. The order bounds
 * the cycle check: "issue blocked by blocker" can only close a cycle if
 * `blocker` comes after `issue`, and then only issues ordered between the two
 * can lie on it. So `cycleIfAdded` is O(1) for an edge that agrees with the
 * order, and otherwise a breadth-first search from `blocker` along blocked-by
 * edges that never leaves that stretch of the order (BFS gives a shortest
 * cycle, the most readable one to show). `add` reorders only the same stretch.
 *
 * If an edge that closes a cycle is added anyway (add() does not check), the
 * order is given up and searches are no longer bounded; answers stay correct.
 *
 * Keys are public; internally each key gets an integer id, and searches run
 * over integer adjacency arrays with epoch-stamped marks (no per-search Map or
 * Set): a search costs what it visits, not what the graph holds.
 *
 * Complexity: `has`, `blockersOf`, `blockedOf` O(1), `remove` O(degree); `cycleIfAdded`
 * and `add` O(|R| log |R|) where R is the part of the graph ordered between the
 * two ends (empty when the edge already agrees with the order); `fromEdges`
 * O(V + E) (one Kahn pass for the initial order).
 *
 * Reference: D. J. Pearce, P. H. J. Kelly, "A dynamic topological sort
 * algorithm for directed acyclic graphs", ACM JEA 11, 2006; graphology-dag
 * `willCreateCycle` (the same question, unbounded DFS, a boolean answer).
 */

import type { DependencyEdge } from './types.js';

const NONE: ReadonlySet<string> = new Set<string>();
/** Ids stay below 2^24 (16M issues) so that ord * ID_SPACE + id is exact in a double (ord < 2^28). */
const ID_SPACE = 2 ** 24;

export class DependencyGraph {
  /** issue -> the issues it is blocked by (the public view). */
  private readonly blockers = new Map<string, Set<string>>();
  /** issue -> the issues it blocks. */
  private readonly blocked = new Map<string, Set<string>>();
  private edgeCount = 0;

  // Integer mirror for searches: ids in order of first appearance.
  private readonly idOf = new Map<string, number>();
  private readonly keyOf: string[] = [];
  /** up[id]: ids of its blockers; down[id]: ids of what it blocks (unordered). */
  private readonly up: number[][] = [];
  private readonly down: number[][] = [];
  /** ord[id]: position in a topological order (blockers first); unique, not contiguous. */
  private readonly ord: number[] = [];
  private nextOrd = 0;
  /** False once an added edge closed a cycle: no order exists, searches are unbounded. */
  private ordered = true;
  /** mark[id] === epoch: visited by the current search; via[id]: how it was reached. */
  private readonly mark: number[] = [];
  private readonly via: number[] = [];
  private epoch = 0;
  /**
   * The last cycleIfAdded search that found no cycle: what it visited is what `add` needs next. Every
   * change of the edges clears it, so it is only used by an add that directly follows its check.
   */
  private lastSearch: { t: number; s: number; visited: number[] } | null = null;

  static fromEdges(edges: Iterable<DependencyEdge>): DependencyGraph {
    const graph = new DependencyGraph();
    for (const edge of edges) graph.insert(edge.issue, edge.blockedBy);
    graph.orderAll();
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
    const last = this.lastSearch;
    this.lastSearch = null;
    if (!this.insert(issue, blocker) || !this.ordered) return;
    const t = this.idOf.get(issue)!;
    const s = this.idOf.get(blocker)!;
    if (this.ord[s]! < this.ord[t]!) return; // already in order
    // The check just before, on the same graph, already collected everything upstream of s above t.
    const upstream = last !== null && last.t === t && last.s === s ? last.visited : null;
    this.reorder(t, s, upstream);
  }

  /** Removes the edge; returns whether it existed. The order stays valid: removing never breaks it. */
  remove(issue: string, blocker: string): boolean {
    const out = this.blockers.get(issue);
    if (out === undefined || !out.delete(blocker)) return false;
    if (out.size === 0) this.blockers.delete(issue);
    const back = this.blocked.get(blocker);
    if (back !== undefined) {
      back.delete(issue);
      if (back.size === 0) this.blocked.delete(blocker);
    }
    const t = this.idOf.get(issue)!;
    const s = this.idOf.get(blocker)!;
    removeValue(this.up[t]!, s);
    removeValue(this.down[s]!, t);
    this.edgeCount--;
    this.lastSearch = null;
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
    const t = this.idOf.get(issue);
    const s = this.idOf.get(blocker);
    if (t === undefined || s === undefined) return null; // a key without edges closes nothing
    const { up, ord, mark, via } = this;
    let lower = Number.NEGATIVE_INFINITY;
    if (this.ordered) {
      if (ord[s]! < ord[t]!) return null;
      lower = ord[t]!;
    }
    // BFS from `blocker` along blocked-by edges, within the stretch of the order above `issue`.
    const epoch = ++this.epoch;
    mark[s] = epoch;
    const queue = [s];
    for (let head = 0; head < queue.length; head++) {
      const v = queue[head]!;
      for (const u of up[v]!) {
        if (mark[u] === epoch) continue;
        via[u] = v;
        if (u === t) return this.closeCycle(t, s);
        mark[u] = epoch;
        // Ordered before `issue`: so is everything upstream of it, none of which can be `issue`.
        if (ord[u]! > lower) queue.push(u);
      }
    }
    if (this.ordered) this.lastSearch = { t, s, visited: queue };
    return null;
  }

  /** [issue, blocker, ..., issue] from the `via` links of the last search, which run issue -> ... -> blocker. */
  private closeCycle(t: number, s: number): string[] {
    const back: string[] = [];
    for (let v = this.via[t]!; v !== s; v = this.via[v]!) back.push(this.keyOf[v]!);
    back.push(this.keyOf[s]!);
    back.reverse();
    const issue = this.keyOf[t]!;
    return [issue, ...back, issue];
  }

  /** Adds the edge to both views (unseen keys go at the end of the order); false if it was there. */
  private insert(issue: string, blocker: string): boolean {
    let out = this.blockers.get(issue);
    if (out === undefined) {
      out = new Set();
      this.blockers.set(issue, out);
    }
    if (out.has(blocker)) return false;
    out.add(blocker);
    let back = this.blocked.get(blocker);
    if (back === undefined) {
      back = new Set();
      this.blocked.set(blocker, back);
    }
    back.add(issue);
    this.edgeCount++;
    const t = this.id(issue);
    const s = this.id(blocker);
    this.up[t]!.push(s);
    this.down[s]!.push(t);
    return true;
  }

  private id(key: string): number {
    let id = this.idOf.get(key);
    if (id === undefined) {
      id = this.keyOf.length;
      if (id >= ID_SPACE) this.ordered = false; // beyond what sortByOrd can pack: stay correct, unbounded
      this.idOf.set(key, id);
      this.keyOf.push(key);
      this.up.push([]);
      this.down.push([]);
      this.ord.push(this.nextOrd++);
      this.mark.push(0);
      this.via.push(-1);
    }
    return id;
  }

  /**
   * Pearce-Kelly: the new edge puts s (blocker) before t (issue), against the order. Collect what t
   * leads to up to ord[s] and what leads to s down to ord[t], then hand their positions out again:
   * first everything upstream of s, then everything downstream of t, each keeping its relative order.
   */
  private reorder(t: number, s: number, upstream: number[] | null): void {
    const { ord } = this;
    const lower = ord[t]!;
    const upper = ord[s]!;
    const forward = this.collect(t, this.down, lower, upper);
    if (this.mark[s] === this.epoch) {
      this.ordered = false; // t leads to s: the new edge closed a cycle
      return;
    }
    const backward = sortByOrd(upstream ?? this.collect(s, this.up, lower, upper), ord);
    const ahead = sortByOrd(forward, ord);
    // The positions the two groups held, ascending (a merge of two sorted lists), handed out again.
    const slots = new Float64Array(backward.length + ahead.length);
    let i = 0;
    let j = 0;
    let o = 0;
    while (i < backward.length || j < ahead.length) {
      const a = i < backward.length ? ord[backward[i]!]! : Number.POSITIVE_INFINITY;
      const b = j < ahead.length ? ord[ahead[j]!]! : Number.POSITIVE_INFINITY;
      if (a < b) {
        slots[o++] = a;
        i++;
      } else {
        slots[o++] = b;
        j++;
      }
    }
    o = 0;
    for (const v of backward) ord[v] = slots[o++]!;
    for (const v of ahead) ord[v] = slots[o++]!;
  }

  /** Ids reachable from `start` (itself included) along `adjacency`, through ids ordered within [lower, upper]. */
  private collect(start: number, adjacency: number[][], lower: number, upper: number): number[] {
    const { ord, mark } = this;
    const epoch = ++this.epoch;
    mark[start] = epoch;
    const found = [start];
    for (let head = 0; head < found.length; head++) {
      for (const u of adjacency[found[head]!]!) {
        if (mark[u] === epoch) continue;
        const o = ord[u]!;
        if (o < lower || o > upper) continue;
        mark[u] = epoch;
        found.push(u);
      }
    }
    return found;
  }

  /** Kahn's algorithm over every id: the initial order of fromEdges; gives up the order on a cycle. */
  private orderAll(): void {
    const n = this.keyOf.length;
    const waiting = new Int32Array(n);
    const queue: number[] = [];
    for (let v = 0; v < n; v++) {
      waiting[v] = this.up[v]!.length;
      if (waiting[v] === 0) queue.push(v);
    }
    for (let head = 0; head < queue.length; head++) {
      const v = queue[head]!;
      this.ord[v] = head;
      for (const w of this.down[v]!) if (--waiting[w]! === 0) queue.push(w);
    }
    if (queue.length !== n) this.ordered = false;
    this.nextOrd = n;
  }
}

/** Ids sorted by their position in the order: packed as ord * 2^24 + id, sorted as numbers. */
function sortByOrd(ids: number[], ord: number[]): Int32Array {
  const packed = new Float64Array(ids.length);
  for (let i = 0; i < ids.length; i++) packed[i] = ord[ids[i]!]! * ID_SPACE + ids[i]!;
  packed.sort();
  const out = new Int32Array(ids.length);
  for (let i = 0; i < ids.length; i++) out[i] = packed[i]! % ID_SPACE;
  return out;
}

function removeValue(list: number[], value: number): void {
  const i = list.indexOf(value);
  if (i < 0) return;
  list[i] = list[list.length - 1]!;
  list.pop();
}
