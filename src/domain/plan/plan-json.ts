/**
 * Plan JSON
 * =========
 *
 * The plan document (plan-document.ts) as JSON text in UTF-8, written straight
 * from the analysis (compute-plan.ts) without making the document: the text is
 * what the API sends, and for a large project the document's millions of small
 * objects cost more to make and to serialize than everything the planner
 * computes. The text comes in chunks of about `chunkBytes`, so that a caller
 * can stream it without ever holding all of it (a 1M-issue plan is ~200 MB),
 * or keep the chunks of a small plan and send them again.
 *
 * The bytes are exactly those of JSON.stringify(planDocument(analysis)),
 * property order and number forms included (a property test holds them to
 * each other): object properties whose name is an array index come first in
 * ascending order, as in any JavaScript object.
 *
 * Complexity: O(size of the text) time; memory: the keys once more in UTF-8,
 * plus one chunk.
 */

import { DEFAULT_ESTIMATE } from './assumptions.js';
import type { PlanAnalysis } from './compute-plan.js';
import { roundDays, slackOf } from './critical-path.js';
import { concatBytes, JsonBytes } from './json-bytes.js';
import { FIRST_FINISHED } from './plan-graph.js';
import { priorityOf, reasonsOf } from './ready-ranking.js';

/** Default chunk size in bytes. */
export const PLAN_JSON_CHUNK = 1 << 16;

export function* planJsonChunks(a: PlanAnalysis, chunkBytes = PLAN_JSON_CHUNK): Generator<Uint8Array> {
  const { graph: g, order, level, roots, schedule: cpm, ranking } = a;
  const { n, blockersStart, blockersAdj } = g;
  const w = new JsonBytes(g.keys, chunkBytes);

  w.raw('{"order":[');
  for (let i = 0; i < n; i++) {
    w.listKey(order[i]!, i === 0);
    if (w.full) yield w.take();
  }

  w.raw('],"waves":[');
  const waves = byWave(n, level);
  for (let wave = 0; wave + 1 < waves.start.length; wave++) {
    w.raw(wave === 0 ? '[' : ',[');
    for (let k = waves.start[wave]!; k < waves.start[wave + 1]!; k++) {
      w.listKey(waves.ids[k]!, k === waves.start[wave]);
      if (w.full) yield w.take();
    }
    w.byte(0x5d);
  }

  w.raw('],"ready":[');
  let first = true;
  for (let v = 0; v < n; v++) {
    if (level[v] !== 0) continue;
    w.listKey(v, first);
    first = false;
    if (w.full) yield w.take();
  }

  w.raw('],"blocked":[');
  first = true;
  for (let v = 0; v < n; v++) {
    if (level[v]! <= 0) continue;
    w.raw(first ? '{"key":' : ',{"key":');
    first = false;
    w.key(v);
    w.raw(',"blockedBy":[');
    let firstBlocker = true;
    for (let k = blockersStart[v]!; k < blockersStart[v + 1]!; k++) {
      const u = blockersAdj[k]!;
      if (level[u]! < 0) continue;
      w.listKey(u, firstBlocker);
      firstBlocker = false;
    }
    w.raw('],"rootBlockers":[');
    for (let r = roots.start[v]!; r < roots.end[v]!; r++) {
      w.listKey(roots.pool[r]!, r === roots.start[v]);
      if (w.full) yield w.take();
    }
    w.raw(']}');
    if (w.full) yield w.take();
  }

  w.raw('],"readyRanking":[');
  const { ids, unblocksStart, unblocks } = ranking;
  for (let i = 0; i < ids.length; i++) {
    const v = ids[i]!;
    const priority = priorityOf(g, v);
    const slackDays = ranking.slackDays[v]!;
    const downstream = ranking.downstream[v]!;
    const downstreamDays = ranking.downstreamDays[v]!;
    w.raw(i === 0 ? '{"key":' : ',{"key":');
    w.key(v);
    w.raw(priority === null ? ',"priority":null,"slackDays":' : `,"priority":"${priority}","slackDays":`);
    w.number(slackDays);
    w.raw(',"unblocks":[');
    for (let k = unblocksStart[v]!; k < unblocksStart[v + 1]!; k++)
      w.listKey(unblocks[k]!, k === unblocksStart[v]);
    w.raw('],"downstream":');
    w.number(downstream);
    w.raw(',"downstreamDays":');
    w.number(downstreamDays);
    const reasons = reasonsOf(
      priority,
      slackDays,
      unblocksStart[v + 1]! - unblocksStart[v]!,
      downstream,
      downstreamDays,
    );
    w.raw(',"reasons":');
    w.raw(JSON.stringify(reasons));
    w.raw(',"reason":');
    w.string(reasons.join(' · '));
    w.byte(0x7d);
    if (w.full) yield w.take();
  }

  w.raw('],"criticalPath":{"keys":[');
  for (let i = 0; i < cpm.path.length; i++) w.listKey(cpm.path[i]!, i === 0);
  w.raw('],"lengthDays":');
  w.number(roundDays(cpm.lengthDays));
  w.raw('},"schedule":{');
  // Array-index keys first, ascending (JavaScript's property order), then the rest in topological order.
  const indexKeys = arrayIndexKeys(a);
  const written = new Uint8Array(indexKeys.length > 0 ? n : 0);
  first = true;
  const entry = (v: number) => {
    if (!first) w.byte(0x2c);
    first = false;
    w.key(v);
    w.raw(':{"earliestStart":');
    w.number(roundDays(cpm.earliestStart[v]!));
    w.raw(',"earliestFinish":');
    w.number(roundDays(cpm.earliestFinish[v]!));
    w.raw(',"latestStart":');
    w.number(roundDays(cpm.latestStart[v]!));
    w.raw(',"latestFinish":');
    w.number(roundDays(cpm.latestFinish[v]!));
    w.raw(',"slack":');
    w.number(slackOf(cpm, v));
    w.byte(0x7d);
  };
  for (const v of indexKeys) {
    entry(v);
    written[v] = 1;
  }
  for (let i = 0; i < n; i++) {
    const v = order[i]!;
    if (level[v]! < 0 || (indexKeys.length > 0 && written[v] === 1)) continue;
    entry(v);
    if (w.full) yield w.take();
  }

  w.raw('},"progress":');
  w.raw(JSON.stringify(a.progress));
  const pairs = a.redundant;
  if (pairs !== null) {
    w.raw(',"redundantEdges":[');
    for (let i = 0; i < pairs.length; i += 2) {
      w.raw(i === 0 ? '{"issue":' : ',{"issue":');
      w.key(pairs[i]!);
      w.raw(',"blockedBy":');
      w.key(pairs[i + 1]!);
      w.byte(0x7d);
      if (w.full) yield w.take();
    }
    w.byte(0x5d);
  }

  w.raw(',"assumptions":[');
  const { status, defaultEstimateDays } = g;
  const assumptions = a.assumptions;
  for (let i = 0; i < assumptions.length; i += 2) {
    const v = assumptions[i]!;
    if (i > 0) w.byte(0x2c);
    if (assumptions[i + 1] === DEFAULT_ESTIMATE) {
      w.raw('{"kind":"default-estimate","key":');
      w.key(v);
      w.raw(',"estimateDays":');
      w.number(defaultEstimateDays);
      w.byte(0x7d);
    } else {
      w.raw('{"kind":"finished-with-open-blockers","key":');
      w.key(v);
      w.raw(',"openBlockers":[');
      let firstBlocker = true;
      for (let k = blockersStart[v]!; k < blockersStart[v + 1]!; k++) {
        const u = blockersAdj[k]!;
        if (status[u]! >= FIRST_FINISHED) continue;
        w.listKey(u, firstBlocker);
        firstBlocker = false;
      }
      w.raw(']}');
    }
    if (w.full) yield w.take();
  }
  w.raw(']}');
  yield w.take();
}

/** The whole text in one array, for plans small enough to keep. */
export function planJsonBytes(a: PlanAnalysis): Uint8Array {
  const chunks = [...planJsonChunks(a)];
  let size = 0;
  for (const chunk of chunks) size += chunk.length;
  return concatBytes(chunks, size);
}

/** Open issues whose key is an array index ("0" .. "4294967294"), by numeric value. */
function arrayIndexKeys({ graph, level }: PlanAnalysis): number[] {
  const out: number[] = [];
  for (let v = 0; v < graph.n; v++) {
    if (level[v]! < 0) continue;
    const key = graph.keys[v]!;
    const c = key.charCodeAt(0);
    if (c >= 0x30 && c <= 0x39 && /^(?:0|[1-9][0-9]*)$/.test(key) && Number(key) < 4294967295) out.push(v);
  }
  return out.sort((x, y) => Number(graph.keys[x]) - Number(graph.keys[y]));
}

/** Open issue ids grouped by wave (counting sort), ascending within each. */
function byWave(n: number, level: Int32Array): { start: Int32Array; ids: Int32Array } {
  let max = -1;
  for (let v = 0; v < n; v++) if (level[v]! > max) max = level[v]!;
  const start = new Int32Array(max + 2);
  for (let v = 0; v < n; v++) if (level[v]! >= 0) start[level[v]! + 1]!++;
  for (let wave = 0; wave <= max; wave++) start[wave + 1]! += start[wave]!;
  const fill = start.slice(0, max + 1);
  const ids = new Int32Array(start[max + 1]!);
  for (let v = 0; v < n; v++) if (level[v]! >= 0) ids[fill[level[v]!]!++] = v;
  return { start, ids };
}
