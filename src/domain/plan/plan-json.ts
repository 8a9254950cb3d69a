/**
 * Plan JSON
 * =========
 *
 * The plan document (plan-document.ts) as JSON text in UTF-8, written straight
 * from the analysis (compute-plan.ts) without making the document: the text is
 * what the API sends, and for a large project the document's millions of small
 * objects cost more to make and to serialize than everything the planner
 * computes. A small plan's text comes whole (planJsonText, to be kept and
 * sent again); a large one's in chunks of about `chunkBytes`, so that a caller
 * can stream it without ever holding all of it (a 1M-issue plan is ~200 MB).
 *
 * The bytes are exactly those of JSON.stringify(planDocument(analysis)),
 * property order and number forms included (a property test holds them to
 * each other): object properties whose name is an array index come first in
 * ascending order, as in any JavaScript object.
 *
 * Each section is a generator of its own, delegated to once per plan (not a
 * yield* per blocked issue: that made a generator object for each). The
 * items written most often (schedule entries, blocked issues, assumptions,
 * the ready ranking's fixed fields) make room once and write through
 * put/putKey/writeJsonNumber (json-bytes.ts), the schedule's days through
 * json-days.ts, the ranking's reasons through ready-reasons-json.ts.
 *
 * Measured against the writer before those and json-keys.ts's read order
 * (bench/planner.ts projects, the text as the plan service makes it, A/B in
 * one process, best of 40 and 10 interleaved, shared machine): 10k issues
 * 4.7-6.5 -> 2.7-3.7 ms (new/old 0.56-0.64 on the four shapes), 100k
 * 100-136 -> 43-69 ms (0.42-0.51).
 *
 * Complexity: O(size of the text) time; memory: the keys once more in UTF-8,
 * the schedule's figures once more (32 bytes an issue), plus one chunk (a
 * text kept whole: the text, and the buffer it is written in).
 */

import { ISSUE_PRIORITIES } from '../model.js';
import { DEFAULT_ESTIMATE } from './assumptions.js';
import type { PlanAnalysis } from './compute-plan.js';
import { roundDays, type Schedule } from './critical-path.js';
import { JsonBytes, jsonText } from './json-bytes.js';
import { putDays, slackDays } from './json-days.js';
import { MAX_NUMBER_BYTES, writeJsonNumber } from './json-number.js';
import { FIRST_FINISHED } from './plan-graph.js';
import { writeReasons } from './ready-reasons-json.js';

/** Default chunk size in bytes. */
export const PLAN_JSON_CHUNK = 1 << 16;

export function* planJsonChunks(a: PlanAnalysis, chunkBytes = PLAN_JSON_CHUNK): Generator<Uint8Array> {
  yield* planJson(new JsonBytes(a.graph.keys, chunkBytes, undefined, a.graph.idOfInput), a);
}

/**
 * Where planJsonText writes, kept between texts up to this size. Writing is synchronous, so one buffer
 * serves every text; a text kept whole is copied out at its exact size. Against chunks joined at the end,
 * this spares a chunk's allocation per 64 KiB and the join (10k-issue plans, JSON alone, best of 40 in
 * one process on a loaded machine: 1.23x-1.31x faster on the four shapes of bench/planner.ts).
 */
const KEPT_SCRATCH_BYTES = 8 * 2 ** 20;
let scratch: Uint8Array | undefined;

/** A plan's JSON text: whole, or in chunks to be sent as they are written. */
export type PlanJsonText = { bytes: Uint8Array } | { chunks: Iterable<Uint8Array> };

/**
 * The whole text in one array of its size when it is no longer than `limit` bytes (small enough to keep);
 * else chunks of about `chunkBytes`, the first being what was written before the text passed `limit`
 * (nothing is written twice), the rest written as they are pulled.
 */
export function planJsonText(a: PlanAnalysis, limit: number, chunkBytes = PLAN_JSON_CHUNK): PlanJsonText {
  const first = scratch;
  scratch = undefined; // in use
  const w = new JsonBytes(a.graph.keys, limit + 1, first, a.graph.idOfInput);
  const text = planJson(w, a);
  // One chunk up to `limit`: the generator yields before its end only when the text is longer.
  const written = text.next().value as Uint8Array;
  if (written.length <= limit) {
    if (written.buffer.byteLength <= KEPT_SCRATCH_BYTES) scratch = new Uint8Array(written.buffer);
    return { bytes: written.slice() };
  }
  // The buffer goes with the first chunk (it is not kept for the next text); the rest in small chunks.
  w.chunkBytes = chunkBytes;
  return {
    chunks: (function* () {
      yield written;
      yield* text;
    })(),
  };
}

/** The whole text in one array of its size. */
export function planJsonBytes(a: PlanAnalysis): Uint8Array {
  return (planJsonText(a, Number.POSITIVE_INFINITY) as { bytes: Uint8Array }).bytes;
}

function* planJson(w: JsonBytes, a: PlanAnalysis): Generator<Uint8Array> {
  w.text(T.order);
  yield* keyList(w, a.order, 0, a.order.length);
  w.text(T.waves);
  yield* waves(w, a);
  w.text(T.ready);
  yield* ready(w, a);
  w.text(T.blocked);
  yield* blocked(w, a);
  w.text(T.readyRanking);
  yield* readyRanking(w, a);
  w.text(T.criticalPath);
  const { path, lengthDays } = a.schedule;
  yield* keyList(w, path, 0, path.length);
  w.text(T.lengthDays);
  w.number(roundDays(lengthDays));
  w.text(T.schedule);
  yield* schedule(w, a);
  w.text(T.progress);
  w.raw(JSON.stringify(a.progress));
  if (a.redundant !== null) {
    w.text(T.redundantEdges);
    yield* redundantEdges(w, a.redundant);
    w.byte(0x5d);
  }
  w.text(T.assumptions);
  yield* assumptions(w, a);
  w.text(T.end);
  yield w.take();
}

/** The punctuation and property names, encoded once (copied as bytes, not encoded char by char from a string at each use). */
const T = {
  order: jsonText('{"order":['),
  waves: jsonText('],"waves":['),
  ready: jsonText('],"ready":['),
  blocked: jsonText('],"blocked":['),
  key: jsonText('{"key":'),
  blockedBy: jsonText(',"blockedBy":['),
  rootBlockers: jsonText('],"rootBlockers":['),
  endList: jsonText(']}'),
  readyRanking: jsonText('],"readyRanking":['),
  priorityNull: jsonText(',"priority":null,"slackDays":'),
  unblocks: jsonText(',"unblocks":['),
  downstream: jsonText('],"downstream":'),
  downstreamDays: jsonText(',"downstreamDays":'),
  criticalPath: jsonText('],"criticalPath":{"keys":['),
  lengthDays: jsonText('],"lengthDays":'),
  schedule: jsonText('},"schedule":{'),
  earliestStart: jsonText(':{"earliestStart":'),
  earliestFinish: jsonText(',"earliestFinish":'),
  latestStart: jsonText(',"latestStart":'),
  latestFinish: jsonText(',"latestFinish":'),
  slack: jsonText(',"slack":'),
  progress: jsonText('},"progress":'),
  redundantEdges: jsonText(',"redundantEdges":['),
  issue: jsonText('{"issue":'),
  edgeBlockedBy: jsonText(',"blockedBy":'),
  assumptions: jsonText(',"assumptions":['),
  defaultEstimate: jsonText('{"kind":"default-estimate","key":'),
  estimateDays: jsonText(',"estimateDays":'),
  finishedWithOpenBlockers: jsonText('{"kind":"finished-with-open-blockers","key":'),
  openBlockers: jsonText(',"openBlockers":['),
  end: jsonText(']}'),
};

/** The keys of ids[from .. to), comma-separated, a chunk at a time. */
function* keyList(w: JsonBytes, ids: ArrayLike<number>, from: number, to: number): Generator<Uint8Array> {
  for (let i = from; i < to; ) {
    i = w.keyList(ids, i, to, from);
    if (w.full) yield w.take();
  }
}

/** The open issues by wave, each wave ascending. */
function* waves(w: JsonBytes, { graph, level }: PlanAnalysis): Generator<Uint8Array> {
  const [start, ids] = byWave(graph.n, level);
  for (let wave = 0; wave + 1 < start.length; wave++) {
    if (wave > 0) w.byte(0x2c);
    w.byte(0x5b);
    yield* keyList(w, ids, start[wave]!, start[wave + 1]!);
    w.byte(0x5d);
  }
}

function* ready(w: JsonBytes, { graph, level }: PlanAnalysis): Generator<Uint8Array> {
  let first = true;
  for (let v = 0; v < graph.n; v++) {
    if (level[v] !== 0) continue;
    w.listKey(v, first);
    first = false;
    if (w.full) yield w.take();
  }
}

/** The blocked issues in key order: `{"key":…,"blockedBy":[…],"rootBlockers":[…]}`. */
function* blocked(w: JsonBytes, { graph, level, roots }: PlanAnalysis): Generator<Uint8Array> {
  const { n, blockersStart, blockersAdj } = graph;
  const { start, end, pool } = roots;
  const keyRoom = w.keyRoom;
  let first = true;
  for (let v = 0; v < n; v++) {
    if (level[v]! <= 0) continue;
    const from = blockersStart[v]!;
    const to = blockersStart[v + 1]!;
    const rootsFrom = start[v]!;
    const rootsTo = end[v]!;
    // Room for the whole item at once, but for a long list of root blockers (written a chunk at a time).
    const inPlace = rootsTo - rootsFrom <= 64;
    const out = w.room(BLOCKED_ROOM + (1 + to - from + (inPlace ? rootsTo - rootsFrom : 0)) * keyRoom);
    let at = w.at;
    if (!first) out[at++] = 0x2c;
    first = false;
    at = w.put(T.key, at);
    at = w.putKey(v, at);
    at = w.put(T.blockedBy, at);
    let firstBlocker = true;
    for (let k = from; k < to; k++) {
      const u = blockersAdj[k]!;
      if (level[u]! < 0) continue;
      if (!firstBlocker) out[at++] = 0x2c;
      firstBlocker = false;
      at = w.putKey(u, at);
    }
    at = w.put(T.rootBlockers, at);
    if (inPlace) {
      for (let r = rootsFrom; r < rootsTo; r++) {
        if (r > rootsFrom) out[at++] = 0x2c;
        at = w.putKey(pool[r]!, at);
      }
      w.at = w.put(T.endList, at);
    } else {
      w.at = at;
      for (let r = rootsFrom; r < rootsTo; ) {
        r = w.keyList(pool, r, rootsTo, rootsFrom);
        if (w.full) yield w.take();
      }
      w.text(T.endList);
    }
    if (w.full) yield w.take();
  }
}
const BLOCKED_ROOM = 1 + T.key.length + T.blockedBy.length + T.rootBlockers.length + T.endList.length;

/** The ready issues, first to start first, as ready-ranking.ts rankedReadyIssue makes them. */
function* readyRanking(w: JsonBytes, { graph, ranking }: PlanAnalysis): Generator<Uint8Array> {
  const { ids, unblocksStart, unblocks } = ranking;
  const headRoom = 1 + T.key.length + w.keyRoom + priorityRoom + MAX_NUMBER_BYTES + T.unblocks.length;
  for (let i = 0; i < ids.length; i++) {
    const v = ids[i]!;
    const priority = graph.priority[v]!;
    const slackDays = ranking.slackDays[v]!;
    const downstream = ranking.downstream[v]!;
    const downstreamDays = ranking.downstreamDays[v]!;
    let out = w.room(headRoom);
    let at = w.at;
    if (i > 0) out[at++] = 0x2c;
    at = w.put(T.key, at);
    at = w.putKey(v, at);
    at = w.put(PRIORITY[priority]!, at);
    at = writeJsonNumber(slackDays, out, at);
    w.at = w.put(T.unblocks, at);
    const from = unblocksStart[v]!;
    const to = unblocksStart[v + 1]!;
    for (let k = from; k < to; ) {
      k = w.keyList(unblocks, k, to, from);
      if (w.full) yield w.take();
    }
    out = w.room(NUMBERS_ROOM);
    at = w.put(T.downstream, w.at);
    at = writeJsonNumber(downstream, out, at);
    at = w.put(T.downstreamDays, at);
    at = writeJsonNumber(downstreamDays, out, at);
    w.at = at;
    writeReasons(w, priority, slackDays, to - from, downstream, downstreamDays);
    if (w.full) yield w.take();
  }
}

/** `,"priority":"p1","slackDays":` by priority code (plan-graph.ts), `null` for NO_PRIORITY. */
const PRIORITY = [
  ...ISSUE_PRIORITIES.map((p) => jsonText(`,"priority":${JSON.stringify(p)},"slackDays":`)),
  T.priorityNull,
];
const priorityRoom = Math.max(...PRIORITY.map((text) => text.length));
const NUMBERS_ROOM = T.downstream.length + T.downstreamDays.length + 2 * MAX_NUMBER_BYTES;

/**
 * Each open issue's `"key":{"earliestStart":…,"earliestFinish":…,"latestStart":…,"latestFinish":…,"slack":…}`:
 * array-index keys first, ascending (JavaScript's property order), then the rest in topological order.
 */
function* schedule(w: JsonBytes, a: PlanAnalysis): Generator<Uint8Array> {
  const { graph, order, schedule: cpm } = a;
  const figures = scheduleFigures(a);
  const indexKeys = arrayIndexKeys(w, a);
  const written = new Uint8Array(indexKeys.length > 0 ? graph.n : 0);
  const entryRoom = w.keyRoom + SCHEDULE_ENTRY_ROOM;
  let first = true;
  for (let i = 0; i < indexKeys.length + graph.n; i++) {
    let v: number;
    if (i < indexKeys.length) {
      v = indexKeys[i]!;
      written[v] = 1;
    } else {
      v = order[i - indexKeys.length]!;
      if (figures[4 * v]! < 0 || (indexKeys.length > 0 && written[v] === 1)) continue;
    }
    const out = w.room(entryRoom);
    let at = w.at;
    if (!first) out[at++] = 0x2c;
    first = false;
    w.at = scheduleEntry(w, v, figures, cpm, at);
    if (w.full) yield w.take();
  }
}

/**
 * `"key":{"earliestStart":…,…,"slack":…}` at out[at..] (room made by the caller); returns where it ends.
 * A function of its own, not a part of the generator's loop: there V8 ran out of its inlining budget and
 * called the number writers (profile: the days' writers 9% of the text, as calls).
 */
function scheduleEntry(w: JsonBytes, v: number, figures: Float64Array, cpm: Schedule, at: number): number {
  const es = figures[4 * v]!;
  const ls = figures[4 * v + 2]!;
  at = w.putKey(v, at);
  at = putDays(w, es, w.put(T.earliestStart, at));
  at = putDays(w, figures[4 * v + 1]!, w.put(T.earliestFinish, at));
  at = putDays(w, ls, w.put(T.latestStart, at));
  at = putDays(w, figures[4 * v + 3]!, w.put(T.latestFinish, at));
  at = putDays(w, slackDays(es, ls, cpm, v), w.put(T.slack, at));
  w.out[at] = 0x7d;
  return at + 1;
}
/**
 * By id, the four figures of the schedule side by side (earliest start -1 for a finished issue): the
 * schedule goes in topological order, ids at random, and one cache line then holds an issue's figures
 * where the five arrays took five: the whole text new/old 0.84-0.94 at 100k on the four shapes, no
 * change at 10k (median of 16 and 50 paired runs in one process, shared machine).
 */
function scheduleFigures({ graph, level, schedule }: PlanAnalysis): Float64Array {
  const { earliestStart: es, earliestFinish: ef, latestStart: ls, latestFinish: lf } = schedule;
  const figures = new Float64Array(4 * graph.n);
  for (let v = 0; v < graph.n; v++) {
    figures[4 * v] = level[v]! < 0 ? -1 : es[v]!;
    figures[4 * v + 1] = ef[v]!;
    figures[4 * v + 2] = ls[v]!;
    figures[4 * v + 3] = lf[v]!;
  }
  return figures;
}
const SCHEDULE_ENTRY_ROOM =
  T.earliestStart.length +
  T.earliestFinish.length +
  T.latestStart.length +
  T.latestFinish.length +
  T.slack.length +
  5 * MAX_NUMBER_BYTES +
  1;

function* redundantEdges(w: JsonBytes, pairs: Int32Array): Generator<Uint8Array> {
  for (let i = 0; i < pairs.length; i += 2) {
    if (i > 0) w.byte(0x2c);
    w.text(T.issue);
    w.key(pairs[i]!);
    w.text(T.edgeBlockedBy);
    w.key(pairs[i + 1]!);
    w.byte(0x7d);
    if (w.full) yield w.take();
  }
}

function* assumptions(w: JsonBytes, { graph, assumptions: pairs }: PlanAnalysis): Generator<Uint8Array> {
  const { status, blockersStart, blockersAdj, defaultEstimateDays } = graph;
  const keyRoom = w.keyRoom;
  for (let i = 0; i < pairs.length; i += 2) {
    const v = pairs[i]!;
    const from = blockersStart[v]!;
    const to = blockersStart[v + 1]!;
    const out = w.room(ASSUMPTION_ROOM + (1 + to - from) * keyRoom);
    let at = w.at;
    if (i > 0) out[at++] = 0x2c;
    if (pairs[i + 1] === DEFAULT_ESTIMATE) {
      at = w.put(T.defaultEstimate, at);
      at = w.putKey(v, at);
      at = w.put(T.estimateDays, at);
      at = writeJsonNumber(defaultEstimateDays, out, at);
      out[at++] = 0x7d;
    } else {
      at = w.put(T.finishedWithOpenBlockers, at);
      at = w.putKey(v, at);
      at = w.put(T.openBlockers, at);
      let first = true;
      for (let k = from; k < to; k++) {
        const u = blockersAdj[k]!;
        if (status[u]! >= FIRST_FINISHED) continue;
        if (!first) out[at++] = 0x2c;
        first = false;
        at = w.putKey(u, at);
      }
      at = w.put(T.endList, at);
    }
    w.at = at;
    if (w.full) yield w.take();
  }
}
const ASSUMPTION_ROOM =
  1 +
  Math.max(
    T.defaultEstimate.length + T.estimateDays.length + MAX_NUMBER_BYTES + 1,
    T.finishedWithOpenBlockers.length + T.openBlockers.length + T.endList.length,
  );

/**
 * Open issues whose key is an array index ("0" .. "4294967294"), by numeric value. The first character is
 * read from the encoded keys (`"` and the key's first byte), not from the strings: those are scattered
 * in memory, the encoded keys are not (100k epics: 3% of the text's profile).
 */
function arrayIndexKeys(w: JsonBytes, { graph, level }: PlanAnalysis): number[] {
  const { words, span } = w.keys;
  const bytes = new Uint8Array(words.buffer);
  const out: number[] = [];
  for (let v = 0; v < graph.n; v++) {
    if (level[v]! < 0) continue;
    const c = bytes[4 * span[2 * v]! + 1]!;
    if (c < 0x30 || c > 0x39) continue;
    const key = graph.keys[v]!;
    if (/^(?:0|[1-9][0-9]*)$/.test(key) && Number(key) < 4294967295) out.push(v);
  }
  return out.sort((x, y) => Number(graph.keys[x]) - Number(graph.keys[y]));
}

/**
 * Open issue ids grouped by wave (counting sort), ascending within each: the ids of wave w are
 * ids[start[w] .. start[w + 1]). A pair, not an object: see JsonBytes.keepsHiddenClass.
 */
function byWave(n: number, level: Int32Array): [start: Int32Array, ids: Int32Array] {
  let max = -1;
  for (let v = 0; v < n; v++) if (level[v]! > max) max = level[v]!;
  const start = new Int32Array(max + 2);
  for (let v = 0; v < n; v++) if (level[v]! >= 0) start[level[v]! + 1]!++;
  for (let wave = 0; wave <= max; wave++) start[wave + 1]! += start[wave]!;
  const fill = start.slice(0, max + 1);
  const ids = new Int32Array(start[max + 1]!);
  for (let v = 0; v < n; v++) if (level[v]! >= 0) ids[fill[level[v]!]!++] = v;
  return [start, ids];
}
