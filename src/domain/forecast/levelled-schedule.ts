/**
 * Levelled schedule
 * =================
 *
 * Capacity-levelled list scheduling of the open issues: time advances from
 * event to event (an issue finishing), and whenever a person is free they
 * start the most urgent ready issue they may take — the smallest priority rank
 * (see forecast-graph.ts: least latest start of the unlimited CPM, then
 * earliest start, then key). An issue assigned to a person waits for that
 * person; an unassigned one goes to the free person with the most capacity
 * (on ties the lowest lane, or, in a crew of interchangeable people, the one
 * who became free last: which one changes no date). A person of capacity c
 * takes d / c days for an issue of d days. An issue of zero days (a
 * milestone, a parent that only groups) finishes as soon as it is ready and
 * takes no one's time. No one ever stops an issue once started
 * (non-preemptive), and no one is idle while a ready issue they may take
 * waits.
 *
 * With at least as many people as open issues nobody waits and the end is the
 * CPM length; with one person it is the sum of the open estimates.
 *
 * Each started issue records its driver: the blocker whose finish made it
 * ready at its start, else the issue its person finished just before (the
 * person was the constraint). Following drivers back from the end gives the
 * critical chain of the run, through dependencies and people alike.
 *
 * The scheduler is made once per project and team, with every array it needs
 * (ready queues of ranks: one shared, one per person for assigned issues, as
 * plan/id-queue.ts bitsets, where the smallest rank is the most urgent; the
 * zero-length issues finishing now in one more such queue; the running issues,
 * at most one per person, by finish), so a run allocates nothing: Monte Carlo
 * runs it thousands of times. The running issues are a sorted finish-list.ts
 * for crews of up to SORTED_CREW people, an event-heap.ts beyond: for 5 people
 * the sorted list makes a run 1.2 µs faster (42.7 -> 41.5 µs, 669 open
 * issues), for 50 people the heap 1 µs, and for 1,000 the list would be O(P)
 * per start (a 100k-issue run 78 ms instead of 10). Zero-length issues stay
 * out of it (they finish when ready), so it never holds more than P issues.
 *
 * A run reads as few typed-array elements as it can: V8 checks and reloads a
 * typed array's map, length and data pointer at each element access in this
 * loop (nothing hoists them), so each access saved counts. Hoisting the edge
 * loop's bound, skipping `owner` for crews without owners, starting from the
 * list of issues ready at the start (not a scan of `waiting`) and the
 * summary word's place in IdQueue (not a look into its offsets) made a run
 * 46.2 -> 41.5 µs with the sorted list (bench/forecast.ts's 669 open issues,
 * 5 people, same durations, A/B in one process).
 *
 * Complexity: O(E + V log V) per run (log32 V per ready-queue step, and per
 * event O(P) up to SORTED_CREW people, log P beyond); with assignees, O(P)
 * more per start for P people (their own queues are looked at one by one).
 * Memory O(V + E) shared with the graph, plus O(V) here and V / 8 bytes per
 * person with assigned issues.
 *
 * Reference: R. L. Graham, "Bounds on multiprocessing timing anomalies", SIAM
 * J. Appl. Math. 17(2), 1969 (list scheduling); R. Kolisch, "Serial and
 * parallel resource-constrained project scheduling methods revisited", EJOR
 * 90(2), 1996 (the parallel scheduling scheme, latest-start priority rule);
 * E. M. Goldratt, "Critical Chain", 1997 (resource links in the chain).
 */

import { IdQueue } from '../plan/id-queue.js';
import { EventHeap } from './event-heap.js';
import { FinishList } from './finish-list.js';
import type { ForecastGraph } from './forecast-graph.js';
import type { Crew } from './team.js';

/** Crews of up to this many people keep their running issues in a sorted list, larger ones in a heap. */
export const SORTED_CREW = 32;

export class LevelledScheduler {
  readonly open: number;
  /** By rank, after a run: start and finish in working days, lane (-1: zero-length), driver rank (-1: none). */
  readonly start: Float64Array;
  readonly finish: Float64Array;
  readonly person: Int32Array;
  readonly driver: Int32Array;
  /** After a run: the end, and the issue that finished last (-1 when nothing is open). */
  end = 0;
  last = -1;

  private readonly blocksStart: Int32Array;
  private readonly blocksAdj: Int32Array;
  private readonly openBlockers: Int32Array;
  private readonly owner: Int32Array;
  private readonly capacity: Float64Array;
  /** Lanes by preference for unassigned issues: most capacity first, then lane. */
  private readonly preferred: Int32Array;
  /** No owners and one capacity for all: any idle person will do, and `idle` holds them (not `free`). */
  private readonly uniform: boolean;
  /** For a uniform crew: idle[0 .. freeCount) are the idle lanes, the next to work last. */
  private readonly idle: Int32Array;
  private readonly waiting: Int32Array;
  /** Ranks with no open blocker, ascending: ready at the start of every run. */
  private readonly initial: Int32Array;
  private readonly readyAt: Float64Array;
  private readonly readyBy: Int32Array;
  private readonly free: Uint8Array;
  private readonly freedAt: Float64Array;
  private readonly lastDone: Int32Array;
  private readonly shared: IdQueue;
  private readonly own: IdQueue[];
  /** Issues of nonzero duration being worked on, by finish (then rank). */
  private readonly running: FinishList | EventHeap;
  /** Zero-length issues ready at the current time: they finish at it, in rank order among its finishes. */
  private readonly now: IdQueue;
  /** The person pick() chose. */
  private picked = -1;

  /** `sortedCrew`: the largest crew whose running issues are a sorted list (tests compare list and heap). */
  constructor(graph: ForecastGraph, crew: Crew, sortedCrew = SORTED_CREW) {
    const open = graph.open;
    const people = crew.capacity.length;
    this.open = open;
    this.start = new Float64Array(open);
    this.finish = new Float64Array(open);
    this.person = new Int32Array(open);
    this.driver = new Int32Array(open);
    this.blocksStart = graph.blocksStart;
    this.blocksAdj = graph.blocksAdj;
    this.openBlockers = graph.openBlockers;
    this.owner = crew.owner;
    this.capacity = crew.capacity;
    this.preferred = Int32Array.from({ length: people }, (_, p) => p).sort(
      (a, b) => crew.capacity[b]! - crew.capacity[a]! || a - b,
    );
    this.uniform = !crew.owned && crew.capacity.every((c) => c === crew.capacity[0]);
    this.idle = new Int32Array(people);
    this.waiting = new Int32Array(open);
    const initial: number[] = [];
    for (let r = 0; r < open; r++) if (graph.openBlockers[r] === 0) initial.push(r);
    this.initial = Int32Array.from(initial);
    this.readyAt = new Float64Array(open);
    this.readyBy = new Int32Array(open);
    this.free = new Uint8Array(people);
    this.freedAt = new Float64Array(people);
    this.lastDone = new Int32Array(people);
    const owns = new Uint8Array(people);
    for (let r = 0; r < open; r++) if (crew.owner[r]! >= 0) owns[crew.owner[r]!] = 1;
    this.shared = new IdQueue(open);
    this.own = Array.from(owns, (some) => new IdQueue(some === 1 ? open : 0));
    this.running = people <= sortedCrew ? new FinishList(people) : new EventHeap(people);
    this.now = new IdQueue(open);
  }

  /** Schedules every open issue with these durations (by rank); returns the end. */
  run(duration: Float64Array): number {
    const { start, finish, person, driver, waiting, readyAt, readyBy, running, now } = this;
    const { blocksStart, blocksAdj, capacity, free, freedAt, lastDone, owner, shared, own, idle } = this;
    const uniform = this.uniform;
    const people = capacity.length;
    waiting.set(this.openBlockers);
    // The ready queues, `now` and the running issues are empty after every run: each ready issue was started.
    free.fill(1);
    freedAt.fill(0);
    lastDone.fill(-1);
    let freeCount = people;
    // Uniform crews: the idle lanes as a stack, lane 0 on top.
    for (let i = 0; i < people; i++) idle[i] = people - 1 - i;

    const initial = this.initial;
    for (let i = 0; i < initial.length; i++) this.ready(initial[i]!, 0, -1, duration);
    let t = 0;
    let last = -1;
    for (;;) {
      // Everything that finishes now, in rank order; zero-length issues it makes ready finish now too,
      // after it: the running issues that finish now and `now` merged by rank.
      for (;;) {
        let v: number;
        if (running.size > 0 && running.topTime() === t) {
          v = running.topId();
          if (now.size > 0 && now.top() < v) v = now.pop();
          else running.pop();
        } else if (now.size > 0) v = now.pop();
        else break;
        // The last to finish: at the end, after the zero-length issues that the others' finishing made ready.
        last = v;
        const p = person[v]!;
        if (p >= 0) {
          if (uniform) idle[freeCount] = p;
          else free[p] = 1;
          freeCount++;
          freedAt[p] = t;
          lastDone[p] = v;
        }
        // (A uniform crew has no owners: `owner` is not read for it.)
        const edgesEnd = blocksStart[v + 1]!;
        for (let k = blocksStart[v]!; k < edgesEnd; k++) {
          const w = blocksAdj[k]!;
          if (--waiting[w]! !== 0) continue;
          readyAt[w] = t;
          readyBy[w] = v;
          if (duration[w] === 0) {
            start[w] = t;
            finish[w] = t;
            person[w] = -1;
            driver[w] = v;
            now.push(w);
          } else if (uniform || owner[w]! < 0) shared.push(w);
          else own[owner[w]!]!.push(w);
        }
      }
      // Free people start the most urgent ready issues they may take.
      while (freeCount > 0) {
        let v: number;
        let p: number;
        if (uniform) {
          if (shared.size === 0) break;
          v = shared.pop();
          p = idle[freeCount - 1]!;
        } else {
          v = this.pick();
          if (v < 0) break;
          p = this.picked;
        }
        if (!uniform) free[p] = 0;
        freeCount--;
        start[v] = t;
        const f = t + duration[v]! / capacity[p]!;
        finish[v] = f;
        person[v] = p;
        driver[v] = readyAt[v] === t && readyBy[v]! >= 0 ? readyBy[v]! : freedAt[p] === t ? lastDone[p]! : -1;
        running.push(f, v);
      }
      // Nothing running: every issue has finished (`now` was emptied above).
      if (running.size === 0) break;
      t = running.topTime();
    }
    this.end = t;
    this.last = last;
    return t;
  }

  /**
   * The most urgent ready issue that a free person may take, or -1; its person in `picked`. A look at each
   * person's own queue: for crews with assignees or of unequal capacities.
   */
  private pick(): number {
    const { shared, own, free, preferred, open } = this;
    let best = shared.size > 0 ? shared.top() : open;
    let bestPerson = -1;
    for (let q = 0; q < own.length; q++) {
      const queue = own[q]!;
      if (free[q] === 1 && queue.size > 0 && queue.top() < best) {
        best = queue.top();
        bestPerson = q;
      }
    }
    if (best === open) return -1;
    if (bestPerson >= 0) {
      this.picked = bestPerson;
      return own[bestPerson]!.pop();
    }
    let i = 0;
    while (free[preferred[i]!] === 0) i++;
    this.picked = preferred[i]!;
    return shared.pop();
  }

  /** Ranks of the critical chain ending at `end` (default: the issue that finished last), first to last. */
  chain(end: number = this.last): number[] {
    const out: number[] = [];
    for (let v = end; v >= 0; v = this.driver[v]!) out.push(v);
    return out.reverse();
  }

  private ready(v: number, t: number, by: number, duration: Float64Array): void {
    this.readyAt[v] = t;
    this.readyBy[v] = by;
    if (duration[v] === 0) {
      this.start[v] = t;
      this.finish[v] = t;
      this.person[v] = -1;
      this.driver[v] = by;
      this.now.push(v);
    } else if (this.owner[v]! < 0) this.shared.push(v);
    else this.own[this.owner[v]!]!.push(v);
  }
}
