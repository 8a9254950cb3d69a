/**
 * Parent cycles
 * =============
 *
 * The rule: following parent links from any issue must end at a top-level
 * issue (the links form a forest), so an issue is neither its own parent nor
 * its own ancestor. The project document, the planner's graph and the issue
 * store all check it here, and say so in the same words.
 *
 * `parentCycles` finds every cycle of parent links at once, each once. Each
 * id has at most one parent (a functional graph), so a depth-first walk from
 * an id is a single path: follow parents, marking ids "on this walk", until
 * an id without a parent or one already marked. An id marked on this very
 * walk closes a cycle (from that id round to itself); one marked by an
 * earlier walk does not. Every id is walked once, iteratively (no recursion,
 * however deep the nesting).
 *
 * `parentCycleIfSet` answers the store's question for a single link: given
 * the chain of ancestors of the new parent (read from the database), does
 * giving the issue that parent close a cycle?
 *
 * Complexity: `parentCycles` O(V) time and O(V) memory (two typed arrays),
 * plus the cycles' length in the answer; `parentCycleIfSet` O(chain length).
 * Cycles are closed paths from child to parent: `[a, parent(a), ..., a]`.
 *
 * Reference: the white/grey/black colouring of depth-first search (Cormen et
 * al., "Introduction to Algorithms", 22.3), which on a functional graph
 * needs no stack; graphology-dag `hasCycle` (the same colours, any graph).
 */

/** Each cycle of the parent links (`parent[v]`: v's parent id, -1 for none), once, as ids [v, parent(v), ..., v]. */
export function parentCycles(parent: Int32Array): number[][] {
  const n = parent.length;
  // 0 = not walked yet, 1 = on the current walk, 2 = known to reach a top-level issue or a reported cycle.
  const state = new Uint8Array(n);
  const walk = new Int32Array(n);
  const cycles: number[][] = [];
  for (let s = 0; s < n; s++) {
    if (state[s] !== 0) continue;
    let top = 0;
    let v = s;
    while (v !== -1 && state[v] === 0) {
      state[v] = 1;
      walk[top++] = v;
      v = parent[v]!;
    }
    if (v !== -1 && state[v] === 1) {
      const cycle: number[] = [];
      let w = v;
      do {
        cycle.push(w);
        w = parent[w]!;
      } while (w !== v);
      cycle.push(v);
      cycles.push(cycle);
    }
    for (let i = 0; i < top; i++) state[walk[i]!] = 2;
  }
  return cycles;
}

/**
 * The cycle that making `chain[0]` the parent of `key` would close, or null. `chain` is the new parent
 * followed by its ancestors, nearest first. A self parent (`chain[0] === key`) gives `[key, key]`.
 */
export function parentCycleIfSet(key: string, chain: readonly string[]): string[] | null {
  const at = chain.indexOf(key);
  return at === -1 ? null : [key, ...chain.slice(0, at + 1)];
}

/** The words for a parent cycle, wherever it is found: `parent cycle a -> b -> a`. */
export function parentCycleMessage(cycle: readonly string[]): string {
  return `parent cycle ${cycle.join(' -> ')}`;
}

/** The words for the shortest parent cycle, an issue named as its own parent. */
export function ownParentMessage(key: string): string {
  return `issue '${key}' cannot be its own parent`;
}
