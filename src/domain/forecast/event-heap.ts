/**
 * Event heap
 * ==========
 *
 * The levelled scheduler's running issues in crews of more than SORTED_CREW
 * people (smaller crews keep them in a sorted finish-list.ts): a binary
 * min-heap of (time, id) pairs ordered by time, then by id, so that events at
 * the same time come out in a fixed order (ids are priority ranks: the most
 * urgent first). Two preallocated typed arrays (a project's scheduler makes
 * it once and empties it per trial); sifting moves a hole instead of swapping,
 * one write per level.
 * (The ready queues hold integers only: the bitset queue of plan/id-queue.ts
 * is cheaper for them.)
 *
 * Complexity: push and pop O(log size), top O(1); capacity fixed at creation
 * (the caller knows the most it will hold).
 *
 * Reference: J. W. J. Williams, "Algorithm 232: Heapsort", CACM 7(6), 1964;
 * R. Sedgewick, K. Wayne, "Algorithms", 4th ed., §2.4.
 */

export class EventHeap {
  readonly times: Float64Array;
  readonly ids: Int32Array;
  size = 0;

  constructor(capacity: number) {
    this.times = new Float64Array(Math.max(1, capacity));
    this.ids = new Int32Array(Math.max(1, capacity));
  }

  /** The earliest time; only when size > 0. */
  topTime(): number {
    return this.times[0]!;
  }

  /** The id of the earliest event; only when size > 0. */
  topId(): number {
    return this.ids[0]!;
  }

  push(time: number, id: number): void {
    const { times, ids } = this;
    let i = this.size++;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      const pt = times[parent]!;
      if (pt < time || (pt === time && ids[parent]! < id)) break;
      times[i] = pt;
      ids[i] = ids[parent]!;
      i = parent;
    }
    times[i] = time;
    ids[i] = id;
  }

  /** Removes the earliest event and returns its id; only when size > 0. */
  pop(): number {
    const { times, ids } = this;
    const out = ids[0]!;
    const n = --this.size;
    if (n === 0) return out;
    const time = times[n]!;
    const id = ids[n]!;
    let i = 0;
    for (;;) {
      let child = 2 * i + 1;
      if (child >= n) break;
      const right = child + 1;
      if (right < n) {
        const ct = times[child]!;
        const rt = times[right]!;
        if (rt < ct || (rt === ct && ids[right]! < ids[child]!)) child = right;
      }
      const ct = times[child]!;
      if (time < ct || (time === ct && id < ids[child]!)) break;
      times[i] = ct;
      ids[i] = ids[child]!;
      i = child;
    }
    times[i] = time;
    ids[i] = id;
    return out;
  }
}
