/**
 * Finish list
 * ===========
 *
 * The levelled scheduler's running issues of nonzero duration in crews of up
 * to SORTED_CREW people, at most one per person: (time, id) pairs kept sorted,
 * the next to finish last (by time, then by id, ids being priority ranks). A
 * push moves the pairs that finish sooner one place up from the end, as
 * insertion sort does; a pop takes the last pair. For a handful of people that
 * is fewer reads and fewer unpredictable branches than a binary heap's sifting
 * (event-heap.ts, for larger crews): see levelled-schedule.ts for the numbers.
 *
 * Complexity: push O(size), pop and top O(1); capacity fixed at creation.
 */

export class FinishList {
  readonly times: Float64Array;
  readonly ids: Int32Array;
  size = 0;

  constructor(capacity: number) {
    this.times = new Float64Array(Math.max(1, capacity));
    this.ids = new Int32Array(Math.max(1, capacity));
  }

  /** The earliest time; only when size > 0. */
  topTime(): number {
    return this.times[this.size - 1]!;
  }

  /** The id of the earliest; only when size > 0. */
  topId(): number {
    return this.ids[this.size - 1]!;
  }

  push(time: number, id: number): void {
    const { times, ids } = this;
    let i = this.size++;
    while (i > 0) {
      const pt = times[i - 1]!;
      if (pt > time || (pt === time && ids[i - 1]! > id)) break;
      times[i] = pt;
      ids[i] = ids[i - 1]!;
      i--;
    }
    times[i] = time;
    ids[i] = id;
  }

  /** Removes the earliest; only when size > 0. */
  pop(): number {
    return this.ids[--this.size]!;
  }
}
