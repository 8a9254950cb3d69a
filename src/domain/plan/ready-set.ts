/**
 * Ready and blocked sets
 * ======================
 *
 * Ready: the open issues whose blockers are all finished (wave 0). Blocked:
 * every other open issue, with its direct open blockers and its root blockers,
 * the ready issues upstream of it (through open issues) that hold it. Each
 * open issue's wave (waves.ts) comes out of the same walk: the scan of its
 * blockers that counts the open ones also finds their highest wave. (A pass
 * of its own read every row of blockers again; without it the analysis is
 * new/old 0.94-0.99 at 10k on the four shapes of bench/planner.ts, 0.97 and
 * 0.89 at 100k epics and uniform: CPU, best of 12 and 8 interleaved.)
 *
 * Root blockers propagate in topological order: the roots of v are the union,
 * over its open blockers u, of {u} if u is ready and roots(u) otherwise. Sets
 * are sorted id runs in one growable Int32Array pool (an issue with a single
 * open blocker that is itself blocked shares that blocker's run); a stamp
 * array removes duplicates without clearing. The answer stays in that form:
 * the plan document and its JSON text (plan-document.ts, plan-json.ts) read
 * the runs, and issues that share a run share one array there too.
 *
 * Complexity: O(V + E + sum over blocked v and their blockers u of |roots(u)|),
 * i.e. linear in the size of the answer times the in-degree; memory is the
 * answer's size. The answer itself can be quadratic (V blocked issues each held
 * by V ready ones): that is the nature of the question, not of the method.
 */

import { FIRST_FINISHED, type PlanGraph } from './plan-graph.js';

export interface RootBlockers {
  /** pool[start[v] .. end[v]) are the root blockers of blocked issue v, ascending ids. */
  start: Int32Array;
  end: Int32Array;
  /** The issue whose run v uses: v itself, or the issue up its chain of single blocked open blockers. */
  owner: Int32Array;
  pool: Int32Array;
  /** The only open blocker of a blocked issue that has exactly one, else -1 (and -1 for other issues). */
  onlyBlocker: Int32Array;
}

export interface ReadySet {
  /** Wave of each open issue, -1 for finished ones: 0 is ready, above 0 blocked (waves.ts). */
  level: Int32Array;
  roots: RootBlockers;
}

/** Each open issue's wave and each blocked issue's root blockers, in one walk of `order` (topological). */
export function readySet(g: PlanGraph, order: Int32Array): ReadySet {
  const { n, status, blockersStart, blockersAdj } = g;
  // Set as each issue is reached; its blockers are reached before it.
  const level = new Int32Array(n);
  const rootStart = new Int32Array(n);
  const rootEnd = new Int32Array(n);
  const owner = new Int32Array(n);
  const onlyBlocker = new Int32Array(n).fill(-1);
  let pool: Int32Array = new Int32Array(Math.max(16, n));
  let used = 0;
  const stamp = new Int32Array(n);
  let buffer: Int32Array = new Int32Array(64);

  for (let i = 0; i < n; i++) {
    const v = order[i]!;
    if (status[v]! >= FIRST_FINISHED) {
      level[v] = -1;
      continue;
    }
    // The wave: one more than the highest of the open blockers' (finished blockers hold nothing).
    let wave = 0;
    let only = -1;
    let openBlockers = 0;
    for (let k = blockersStart[v]!; k < blockersStart[v + 1]!; k++) {
      const u = blockersAdj[k]!;
      const lu = level[u]!;
      if (lu < 0) continue;
      openBlockers++;
      only = u;
      if (lu >= wave) wave = lu + 1;
    }
    level[v] = wave;
    if (wave === 0) continue;
    if (openBlockers === 1) {
      onlyBlocker[v] = only;
      // One open blocker that is itself blocked: v shares its roots, no copy.
      if (level[only]! > 0) {
        rootStart[v] = rootStart[only]!;
        rootEnd[v] = rootEnd[only]!;
        owner[v] = owner[only]!;
        continue;
      }
    }
    owner[v] = v;
    let size = 0;
    const mark = v + 1;
    for (let k = blockersStart[v]!; k < blockersStart[v + 1]!; k++) {
      const u = blockersAdj[k]!;
      const lu = level[u]!;
      if (lu < 0) continue;
      if (lu === 0) {
        if (stamp[u] === mark) continue;
        stamp[u] = mark;
        if (size === buffer.length) buffer = grow(buffer, size + 1);
        buffer[size++] = u;
        continue;
      }
      const end = rootEnd[u]!;
      if (size + (end - rootStart[u]!) > buffer.length) buffer = grow(buffer, size + end - rootStart[u]!);
      for (let r = rootStart[u]!; r < end; r++) {
        const root = pool[r]!;
        if (stamp[root] === mark) continue;
        stamp[root] = mark;
        buffer[size++] = root;
      }
    }
    if (used + size > pool.length) pool = grow(pool, used + size);
    rootStart[v] = used;
    if (size <= 16) {
      // Insertion sort straight into the pool: most root sets are small.
      for (let j = 0; j < size; j++) {
        const x = buffer[j]!;
        let w = used + j;
        while (w > used && pool[w - 1]! > x) {
          pool[w] = pool[w - 1]!;
          w--;
        }
        pool[w] = x;
      }
    } else {
      const run = buffer.subarray(0, size);
      run.sort();
      pool.set(run, used);
    }
    used += size;
    rootEnd[v] = used;
  }
  return { level, roots: { start: rootStart, end: rootEnd, owner, pool, onlyBlocker } };
}

function grow(array: Int32Array, atLeast: number): Int32Array {
  const bigger = new Int32Array(Math.max(atLeast, array.length * 2));
  bigger.set(array);
  return bigger;
}
