/**
 * JSON days
 * =========
 *
 * Days as the plan writes them (critical-path.ts roundDays: six decimals) as JSON text, for the values
 * that repeat: a schedule's figures are sums of a few estimates (0.5, 1, 2, ...), so most of them are
 * multiples of a quarter day below a few thousand, the same few hundred values over and over. Each such
 * value's text is made once per process (json-number.ts writeJsonNumber) and then copied as two 32-bit
 * words; any other value is written as digits each time. The schedule's numbers of the 10k-issue chains
 * of bench/planner.ts (36k): 0.83 ms as digits, 0.30 ms cached (best of 300); the whole text new/old
 * 0.91-0.96 on the four shapes at 10k (median of 80 paired runs in one process, shared machine).
 *
 * Why no rounding is needed for them: x = k/4 with 0 <= k < CACHED is exact in binary, so
 * roundDays(x) = Math.round(k * 250000) / 1e6 is x again, and the difference of two of them (slackOf)
 * is exact too.
 */

import { roundDays, type Schedule, slackOf } from './critical-path.js';
import type { JsonBytes } from './json-bytes.js';
import { writeJsonNumber } from './json-number.js';

/** Quarter days cached: texts of 0 .. 32767.75 days, at most 8 bytes ("32767.75"). */
const CACHED = 4 * 32768;
/** Text of k/4 days: LENGTH[k] bytes (0: not made yet) in WORDS[2k], WORDS[2k + 1] (memory order). */
const WORDS = new Uint32Array(2 * CACHED);
const LENGTH = new Uint8Array(CACHED);

/** Days x (rounded as roundDays does) at out[at..]; returns where it ends (room made by the caller, MAX_NUMBER_BYTES). */
export function putDays(w: JsonBytes, x: number, at: number): number {
  if (!isCached(x)) return writeJsonNumber(roundDays(x), w.out, at);
  const k = x * 4;
  const length = LENGTH[k]! || cache(k);
  w.putWordPair(WORDS, 2 * k, at);
  return at + length;
}

/**
 * Open issue v's slack as slackOf has it, given its earliest and latest start. When both are cached
 * values, rounding leaves them as they are and their difference is exact: the slack is that
 * difference, without slackOf's three roundings (each a division: the schedule's numbers took 0.55 ms
 * with them, 0.30 ms without, on the 10k-issue chains of bench/planner.ts, best of 300).
 */
export function slackDays(es: number, ls: number, schedule: Schedule, v: number): number {
  return isCached(es) && isCached(ls) ? ls - es : slackOf(schedule, v);
}

function isCached(x: number): boolean {
  const k = x * 4;
  return k >= 0 && k < CACHED && k === (k | 0);
}

/** Makes the text of k/4 days; returns its length. */
function cache(k: number): number {
  const bytes = new Uint8Array(WORDS.buffer, 8 * k, 8);
  const length = writeJsonNumber(k / 4, bytes, 0);
  LENGTH[k] = length;
  return length;
}
