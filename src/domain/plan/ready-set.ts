/**
 * Ready and blocked sets
 * ======================
 *
 * Ready: the open issues whose blockers are all finished (wave 0). Blocked:
 * every other open issue, with its direct open blockers and its root blockers,
 * the ready issues upstream of it (through open issues) that hold it.
 *
 * Root blockers propagate in topological order: the roots of v are the union,
 * over its open blockers u, of {u} if u is ready and roots(u) otherwise. Sets
 * are sorted id runs in one growable Int32Array pool (an issue with a single
 * open blocker shares that blocker's run); a stamp array removes duplicates
 * without clearing.
 *
 * Complexity: O(V + E + sum over blocked v and their blockers u of |roots(u)|),
 * i.e. linear in the size of the answer times the in-degree; memory is the
 * answer's size. The answer itself can be quadratic (V blocked issues each held
 * by V ready ones): that is the nature of the question, not of the method. An
 * issue with a single open blocker shares that blocker's run and, in the
 * answer, the very same rootBlockers array: treat the arrays as read-only.
 */

import type { PlanGraph } from './plan-graph.js';
import type { BlockedIssue } from './types.js';

export interface ReadySet {
  ready: string[];
  blocked: BlockedIssue[];
}

/** `level` is openWaveLevels' answer: -1 finished, 0 ready, > 0 blocked. */
export function readySet(g: PlanGraph, order: Int32Array, level: Int32Array): ReadySet {
  const { n, keys, blockersStart, blockersAdj } = g;
  const rootStart = new Int32Array(n);
  const rootEnd = new Int32Array(n);
  // The issue whose run v uses: v itself, or the issue up its chain of single open blockers.
  const owner = new Int32Array(n);
  let pool: Int32Array = new Int32Array(Math.max(16, n));
  let used = 0;
  const stamp = new Int32Array(n);
  let buffer: Int32Array = new Int32Array(64);

  for (let i = 0; i < n; i++) {
    const v = order[i]!;
    if (level[v]! <= 0) continue;
    // One open blocker that is itself blocked: v shares its roots, no copy.
    let only = -1;
    let openBlockers = 0;
    for (let k = blockersStart[v]!; k < blockersStart[v + 1]!; k++) {
      const u = blockersAdj[k]!;
      if (level[u]! < 0) continue;
      openBlockers++;
      only = u;
    }
    if (openBlockers === 1 && level[only]! > 0) {
      rootStart[v] = rootStart[only]!;
      rootEnd[v] = rootEnd[only]!;
      owner[v] = owner[only]!;
      continue;
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

  let readyCount = 0;
  let blockedCount = 0;
  for (let v = 0; v < n; v++) {
    if (level[v] === 0) readyCount++;
    else if (level[v]! > 0) blockedCount++;
  }
  const ready = new Array<string>(readyCount);
  const blocked = new Array<BlockedIssue>(blockedCount);
  // Issues that share a run share its array too (a long chain under many roots stays linear):
  // arrayOf[owner[v]] is the run's array plus one, once made.
  const arrays: string[][] = [];
  const arrayOf = new Int32Array(n);
  let r0 = 0;
  let b0 = 0;
  for (let v = 0; v < n; v++) {
    const lv = level[v]!;
    if (lv === 0) ready[r0++] = keys[v]!;
    if (lv <= 0) continue;
    let open = 0;
    for (let k = blockersStart[v]!; k < blockersStart[v + 1]!; k++) if (level[blockersAdj[k]!]! >= 0) open++;
    const blockedBy = new Array<string>(open);
    for (let k = blockersStart[v]!, j = 0; k < blockersStart[v + 1]!; k++) {
      const u = blockersAdj[k]!;
      if (level[u]! >= 0) blockedBy[j++] = keys[u]!;
    }
    const o = owner[v]!;
    let rootBlockers: string[];
    if (arrayOf[o] !== 0) rootBlockers = arrays[arrayOf[o]! - 1]!;
    else {
      rootBlockers = new Array<string>(rootEnd[v]! - rootStart[v]!);
      for (let r = rootStart[v]!, j = 0; r < rootEnd[v]!; r++, j++) rootBlockers[j] = keys[pool[r]!]!;
      arrays.push(rootBlockers);
      arrayOf[o] = arrays.length;
    }
    blocked[b0++] = { key: keys[v]!, blockedBy, rootBlockers };
  }
  return { ready, blocked };
}

function grow(array: Int32Array, atLeast: number): Int32Array {
  const bigger = new Int32Array(Math.max(atLeast, array.length * 2));
  bigger.set(array);
  return bigger;
}
