/**
 * Id queue
 * ========
 *
 * A min-priority queue of distinct integer ids in [0, capacity): a bitset of
 * ids with a summary bitset per level above it (bit i of a level: word i of
 * the level below is not empty), up to a single word. A push sets at most one
 * bit per level; taking the smallest id follows the lowest set bit down the
 * levels; ids are below 2^31, so there are at most 7 levels. Cheaper than a
 * binary heap, whose every pop sifts through log(size) scattered entries:
 * the planner's topological order takes the smallest key among the available
 * issues with it, and the levelled scheduler the most urgent ready issue
 * (ids there are priority ranks).
 *
 * Complexity: push, pop and top O(log32 capacity); clear O(capacity / 32);
 * memory capacity / 8 bytes (plus 1/32 of that per level above).
 *
 * Reference: P. van Emde Boas, "Preserving order in a forest in less than
 * logarithmic time", FOCS 1975; this is its layout flattened to 32-way words.
 */

export class IdQueue {
  /** Level l occupies bits[offset[l] .. offset[l + 1]); the top level is one word. */
  private readonly bits: Int32Array;
  private readonly offset: Int32Array;
  private readonly depth: number;
  /**
   * The summary word of a two-level queue (its last word): a number field, not a look into `offset`, which
   * costs V8 a typed-array access (map, length and data pointer loaded and checked) at each push and pop:
   * 1.2 µs of a levelled-schedule run of 669 issues (42.8 -> 41.6 µs, bench/forecast.ts's project).
   */
  private readonly summaryAt: number;
  size = 0;

  constructor(capacity: number) {
    const offset = new Int32Array(8);
    let depth = 0;
    let total = 0;
    for (let size = capacity; ; ) {
      offset[depth++] = total;
      size = (size + 31) >>> 5;
      total += size;
      if (size <= 1) break;
    }
    this.bits = new Int32Array(Math.max(1, total));
    this.offset = offset;
    this.depth = depth;
    this.summaryAt = total - 1;
  }

  clear(): void {
    this.bits.fill(0);
    this.size = 0;
  }

  /** Adds an id that is not queued. */
  push(id: number): void {
    const { bits, offset, depth } = this;
    this.size++;
    // Two levels (33 to 1024 ids: a forecast's open issues): straight-line code, see pop().
    if (depth === 2) {
      const at = id >>> 5;
      const word = bits[at]!;
      bits[at] = word | (1 << (id & 31));
      if (word === 0) bits[this.summaryAt]! |= 1 << at;
      return;
    }
    for (let l = 0, i = id; l < depth; l++, i >>>= 5) {
      const at = offset[l]! + (i >>> 5);
      const word = bits[at]!;
      bits[at] = word | (1 << (i & 31));
      if (word !== 0) break;
    }
  }

  /** The smallest queued id; only when size > 0. */
  top(): number {
    const { bits, offset } = this;
    let id = 0;
    for (let l = this.depth - 1; l >= 0; l--) {
      const word = bits[offset[l]! + id]!;
      id = (id << 5) | (31 - Math.clz32(word & -word));
    }
    return id;
  }

  /**
   * An instance that lives as long as the module: V8 keeps the hidden class of IdQueue objects only while
   * one is alive, and code optimized for it is thrown away when it goes. Without this, every full
   * collection between two plans (no queue alive then) deoptimized kahn, push and pop, and the next plan
   * ran them unoptimized: the 100k-issue order took 14-17 ms instead of 8 (bench/planner.ts, --trace-deopt
   * showed "reason: weak objects").
   */
  static readonly keepsHiddenClass = new IdQueue(0);

  /** Removes and returns the smallest queued id; only when size > 0. */
  pop(): number {
    const { bits, offset, depth } = this;
    if (depth === 2) {
      // Two levels (33 to 1024 ids: a forecast's open issues): down and back up with both words in hand,
      // no loops. With push's twin it buys 3% of a Monte Carlo trial (bench/forecast.ts, 669 open issues:
      // 60.7 -> 58.7 µs, A/B in one process); a trial's 1322 queue operations replayed: 8.4 -> 6.7 µs.
      const summaryAt = this.summaryAt;
      const summary = bits[summaryAt]!;
      const at = 31 - Math.clz32(summary & -summary);
      const word = bits[at]!;
      const id = (at << 5) | (31 - Math.clz32(word & -word));
      const rest = word & (word - 1);
      bits[at] = rest;
      if (rest === 0) bits[summaryAt] = summary & (summary - 1);
      this.size--;
      return id;
    }
    const id = this.top();
    this.size--;
    // A word that becomes empty clears its bit one level up.
    for (let l = 0, i = id; l < depth; l++, i >>>= 5) {
      const at = offset[l]! + (i >>> 5);
      const word = bits[at]! & ~(1 << (i & 31));
      bits[at] = word;
      if (word !== 0) break;
    }
    return id;
  }
}
