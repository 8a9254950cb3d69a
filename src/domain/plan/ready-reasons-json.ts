/**
 * Ready reasons JSON
 * ==================
 *
 * A ready issue's `,"reasons":[…],"reason":"…"}` as JSON bytes (plan-json.ts), written from its
 * figures: the bytes of JSON.stringify of ready-ranking.ts reasonsOf and of their join, without
 * making the strings. The words are reasonsOf's own (REASON_WORDS); the order and the number forms are
 * written twice, and a property test holds this rendering to reasonsOf. Each reason is written once, in
 * "reasons", and its bytes copied into "reason".
 *
 * Measured (10k-issue uniform plan, 2330 ready issues): making the strings, then copying them char by
 * char twice, was about a quarter of the plan's JSON text; written this way the whole text is 1.2x
 * faster there and on epics (1155 ready issues), no change on chains and fan (10 and 136), A/B best of
 * 30 interleaved in one process.
 */

import { ISSUE_PRIORITIES } from '../model.js';
import { type JsonBytes, jsonText } from './json-bytes.js';
import { MAX_NUMBER_BYTES, writeJsonNumber } from './json-number.js';
import { REASON_WORDS } from './ready-ranking.js';

const W = REASON_WORDS;
const R = {
  reasons: jsonText(',"reasons":["'),
  between: jsonText('","'),
  reason: jsonText('"],"reason":"'),
  separator: jsonText(W.separator),
  end: jsonText('"}'),
  critical: jsonText(W.critical),
  slack: jsonText(W.slack),
  unblocks: jsonText(W.unblocks),
  openIssueWaits: jsonText(W.openIssueWaits),
  openIssuesWait: jsonText(W.openIssuesWait),
  nothingWaits: jsonText(W.nothingWaits),
  day: jsonText(W.day),
  days: jsonText(W.days),
  close: jsonText(W.close),
};
/** By priority code (plan-graph.ts; NO_PRIORITY, past the end, has no reason). */
const PRIORITY = ISSUE_PRIORITIES.map((p) => jsonText(JSON.stringify(p).slice(1, -1)));

/** Where each reason written starts and ends (at most four). */
const bounds = new Int32Array(8);

/** The most bytes: four reasons, each written twice, with their numbers and punctuation. */
const ROOM =
  2 *
    (Math.max(...PRIORITY.map((t) => t.length)) +
      Math.max(R.critical.length, R.slack.length + MAX_NUMBER_BYTES + R.days.length) +
      R.unblocks.length +
      MAX_NUMBER_BYTES +
      Math.max(
        R.nothingWaits.length,
        2 * MAX_NUMBER_BYTES + R.openIssuesWait.length + R.days.length + R.close.length,
      )) +
  R.reasons.length +
  3 * R.between.length +
  R.reason.length +
  3 * R.separator.length +
  R.end.length;

/** Writes `,"reasons":[…],"reason":"…"}` for a ready issue's figures (priority as its code). */
export function writeReasons(
  w: JsonBytes,
  priority: number,
  slackDays: number,
  unblocks: number,
  downstream: number,
  downstreamDays: number,
): void {
  const out = w.room(ROOM);
  let at = w.put(R.reasons, w.at);
  let parts = 0;
  if (priority < PRIORITY.length) {
    bounds[0] = at;
    at = w.put(PRIORITY[priority]!, at);
    bounds[1] = at;
    at = w.put(R.between, at);
    parts = 1;
  }
  bounds[2 * parts] = at;
  if (slackDays === 0) at = w.put(R.critical, at);
  else at = writeDays(w, slackDays, out, w.put(R.slack, at));
  bounds[2 * parts + 1] = at;
  parts++;
  if (unblocks > 0) {
    at = w.put(R.between, at);
    bounds[2 * parts] = at;
    at = writeJsonNumber(unblocks, out, w.put(R.unblocks, at));
    bounds[2 * parts + 1] = at;
    parts++;
  }
  at = w.put(R.between, at);
  bounds[2 * parts] = at;
  if (downstream > 0) {
    at = writeJsonNumber(downstream, out, at);
    at = w.put(downstream === 1 ? R.openIssueWaits : R.openIssuesWait, at);
    at = w.put(R.close, writeDays(w, downstreamDays, out, at));
  } else at = w.put(R.nothingWaits, at);
  bounds[2 * parts + 1] = at;
  parts++;
  at = w.put(R.reason, at);
  for (let p = 0; p < parts; p++) {
    if (p > 0) at = w.put(R.separator, at);
    at = w.copyWritten(bounds[2 * p]!, bounds[2 * p + 1]!, at);
  }
  w.at = w.put(R.end, at);
}

/** `1 day`, `2.5 days`: to a tenth, as ready-ranking.ts writes days. */
function writeDays(w: JsonBytes, x: number, out: Uint8Array, at: number): number {
  const rounded = Math.round(x * 10) / 10;
  return w.put(rounded === 1 ? R.day : R.days, writeNumber(rounded, out, at));
}

/** String(x) (the JSON form for finite numbers; Infinity and NaN by name, as a template literal has them). */
function writeNumber(x: number, out: Uint8Array, at: number): number {
  if (Number.isFinite(x)) return writeJsonNumber(x, out, at);
  const text = String(x);
  for (let i = 0; i < text.length; i++) out[at++] = text.charCodeAt(i);
  return at;
}
