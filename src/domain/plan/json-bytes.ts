/**
 * JSON bytes
 * ==========
 *
 * A writer of JSON text as UTF-8 bytes into chunks of about `chunkBytes`, for
 * documents too large to make as objects and serialize: the plan's JSON text
 * (plan-json.ts). Keys are encoded once (json-keys.ts) and copied as bytes;
 * punctuation and property names are encoded once too (`jsonText`) and copied
 * as bytes; numbers are written as digits (json-number.ts); strings are copied
 * code unit by code unit when they are plain ASCII.
 *
 * Two ways to write: the methods (key, text, number, ...), each making its
 * own room; or, for the items written most often, `room` once for the whole
 * item, then `put`, `putKey` and writeJsonNumber on the chunk and a local
 * position, written back to `at` at the end (the schedule of 100k issues,
 * best of 60 on a loaded machine: 40 ms against 44 ms through the methods).
 * Copying pre-encoded bytes instead of encoding punctuation from strings char
 * by char, and the numbers (json-number.ts), are most of the gain over the
 * first writer when its code stays optimized (about 1.65x for the whole text);
 * with a collection between plans, keepsHiddenClass's (2.3x to 6.5x).
 *
 * Complexity: O(bytes written); memory: the encoded keys plus one chunk.
 */

import { type EncodedKeys, encodeKeys } from './json-keys.js';
import { MAX_NUMBER_BYTES, writeJsonNumber } from './json-number.js';

/** JSON text encoded once, to be copied as bytes (punctuation, property names). */
export function jsonText(text: string): Uint8Array {
  return new TextEncoder().encode(text);
}

/** Room past `chunkBytes` in every chunk, so that the item that fills it rarely has to grow it. */
const SLACK = 4096;
/** A text written whole starts in a buffer of this size and doubles it as it needs. */
const FIRST_WHOLE_BYTES = 1 << 20;
const NONE = new Uint8Array(0);

/** The size of a new chunk. */
function freshBytes(chunkBytes: number): number {
  return Math.min(chunkBytes, FIRST_WHOLE_BYTES) + SLACK;
}

export class JsonBytes {
  /** The chunk being written; out[at] is the next byte. Write only within the room made (`room`). */
  out: Uint8Array;
  at = 0;
  readonly keys: EncodedKeys;

  /**
   * `chunkBytes`: `full` once a chunk has more (Infinity: one chunk, the whole text); it may be changed
   * between chunks. `first`: where to write the first chunk (a caller's buffer kept between texts, so
   * that a text written whole allocates nothing while it is written); it grows as any chunk does.
   */
  constructor(
    keys: readonly string[],
    public chunkBytes: number,
    first?: Uint8Array,
  ) {
    this.out = first ?? new Uint8Array(freshBytes(chunkBytes));
    this.keys = encodeKeys(keys);
  }

  /** True when the chunk is full enough to be taken; never while empty (a chunk size of 0 still ends). */
  get full(): boolean {
    return this.at >= this.chunkBytes && this.at > 0;
  }

  /** The bytes written since the last take. */
  take(): Uint8Array {
    const written = this.out.subarray(0, this.at);
    // The next chunk is made when something is written to it: none after the last one.
    this.out = NONE;
    this.at = 0;
    return written;
  }

  /** Makes room for `bytes` more bytes at `at`; returns the chunk to write them into. */
  room(bytes: number): Uint8Array {
    if (this.at + bytes > this.out.length) {
      const bigger = new Uint8Array(
        Math.max(this.out.length * 2, this.at + bytes, freshBytes(this.chunkBytes)),
      );
      bigger.set(this.out.subarray(0, this.at));
      this.out = bigger;
    }
    return this.out;
  }

  /**
   * A writer that lives as long as the module (as IdQueue.keepsHiddenClass). V8 keeps the writers' hidden
   * class (map) only while a writer is alive, and optimized code names the maps it was compiled for: a
   * collection between two plans found no writer alive, freed the map and threw the writer's optimized
   * code away, so that the next plan ran unoptimized until compiled again (--trace-deopt: "marking
   * dependent code ... reason: weak objects", 108 times over 12 full collections, each followed by plans;
   * none with this). The same holds for any object made per plan with a shape of its own: the plan's
   * writer groups the waves as a pair of arrays (whose maps V8 always keeps), not as an object.
   */
  static readonly keepsHiddenClass = new JsonBytes(['kept'], 16);

  /** The most bytes a key takes, with a comma before it. */
  get keyRoom(): number {
    return this.keys.longest + 1;
  }

  /** Key `v`, quoted, at out[at..]; returns where it ends (room made by the caller). */
  putKey(v: number, out: Uint8Array, at: number): number {
    const { bytes, start } = this.keys;
    const to = start[v + 1]!;
    for (let i = start[v]!; i < to; i++) out[at++] = bytes[i]!;
    return at;
  }

  /** Key `v`, quoted. */
  key(v: number): void {
    this.at = this.putKey(v, this.room(this.keys.longest), this.at);
  }

  /** `,` then key `v`, quoted, unless `first`. */
  listKey(v: number, first: boolean): void {
    const out = this.room(this.keys.longest + 1);
    let at = this.at;
    if (!first) out[at++] = 0x2c;
    this.at = this.putKey(v, out, at);
  }

  /**
   * The keys of ids[from .. to), each after a comma but the one at `first`, until the chunk is full;
   * returns where it stopped (`to` when done).
   */
  keyList(ids: ArrayLike<number>, from: number, to: number, first: number): number {
    const longest = this.keys.longest + 1;
    let i = from;
    while (i < to && !this.full) {
      // Room for a run of keys at once, then no check per key.
      const run = Math.min(to - i, 64);
      const out = this.room(run * longest);
      let at = this.at;
      for (const end = i + run; i < end; i++) {
        if (i !== first) out[at++] = 0x2c;
        at = this.putKey(ids[i]!, out, at);
      }
      this.at = at;
    }
    return i;
  }

  /** Text made by `jsonText`. */
  text(bytes: Uint8Array): void {
    this.at = put(bytes, this.room(bytes.length), this.at);
  }

  byte(b: number): void {
    this.room(1)[this.at++] = b;
  }

  /** A number as JSON.stringify writes it (null when not finite). */
  number(x: number): void {
    this.at = writeJsonNumber(x, this.room(MAX_NUMBER_BYTES), this.at);
  }

  /** A string value, quoted and escaped as JSON.stringify writes it. */
  string(text: string): void {
    this.byte(0x22);
    this.stringContent(text);
    this.byte(0x22);
  }

  /** A string value's text between its quotes, escaped as JSON.stringify writes it. */
  stringContent(text: string): void {
    const at = putAscii(text, this.room(text.length), this.at);
    // Anything but plain ASCII: the whole string again, the slow way.
    if (at >= 0) this.at = at;
    else this.raw(JSON.stringify(text).slice(1, -1));
  }

  /** Text that is JSON already (a JSON.stringify answer), in UTF-8. */
  raw(text: string): void {
    const out = this.room(3 * text.length);
    let at = this.at;
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c < 0x80) out[at++] = c;
      else {
        const written = encodeChar(text, i, c, out, at);
        if (written === 4) i++; // a surrogate pair: two code units
        at += written;
      }
    }
    this.at = at;
  }
}

/**
 * A string's text as is at out[at..] (room made by the caller), when it is plain ASCII that needs no
 * escape; returns where it ends, or -1 when it is not plain.
 */
function putAscii(text: string, out: Uint8Array, at: number): number {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x20 || c === 0x22 || c === 0x5c || c >= 0x80) return -1;
    out[at++] = c;
  }
  return at;
}

/** Text made by `jsonText` at out[at..]; returns where it ends (room made by the caller). */
export function put(text: Uint8Array, out: Uint8Array, at: number): number {
  for (let i = 0; i < text.length; i++) out[at++] = text[i]!;
  return at;
}

/** Writes the non-ASCII character at text[i] (code unit c) as UTF-8; returns how many bytes (4: a surrogate pair). */
function encodeChar(text: string, i: number, c: number, out: Uint8Array, at: number): number {
  if (c < 0x800) {
    out[at] = 0xc0 | (c >> 6);
    out[at + 1] = 0x80 | (c & 0x3f);
    return 2;
  }
  const d = text.charCodeAt(i + 1);
  if (c >= 0xd800 && c < 0xdc00 && d >= 0xdc00 && d < 0xe000) {
    const cp = 0x10000 + ((c - 0xd800) << 10) + (d - 0xdc00);
    out[at] = 0xf0 | (cp >> 18);
    out[at + 1] = 0x80 | ((cp >> 12) & 0x3f);
    out[at + 2] = 0x80 | ((cp >> 6) & 0x3f);
    out[at + 3] = 0x80 | (cp & 0x3f);
    return 4;
  }
  // Any other character of the BMP; a lone surrogate (never in JSON.stringify's answers) as U+FFFD.
  const unit = c >= 0xd800 && c < 0xe000 ? 0xfffd : c;
  out[at] = 0xe0 | (unit >> 12);
  out[at + 1] = 0x80 | ((unit >> 6) & 0x3f);
  out[at + 2] = 0x80 | (unit & 0x3f);
  return 3;
}
