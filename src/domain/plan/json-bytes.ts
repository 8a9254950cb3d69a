/**
 * JSON bytes
 * ==========
 *
 * A writer of JSON text as UTF-8 bytes into chunks of about `chunkBytes`, for
 * documents too large to make as objects and serialize: the plan's JSON text
 * (plan-json.ts). Keys are encoded once (json-keys.ts) and copied 32 bits at
 * a time (a DataView writes a word at any offset); punctuation and property
 * names are encoded once too (`jsonText`) and copied alike; numbers are
 * written as digits (json-number.ts). Copying words instead of bytes made the
 * whole text 1.2x-1.35x faster at 10k issues, 1.1x at 100k (A/B, best of 30
 * interleaved in one process, the four shapes of bench/planner.ts).
 *
 * Two ways to write: the methods (key, text, number, ...), each making its
 * own room; or, for the items written most often, `room` once for the whole
 * item, then `put`, `putKey` and writeJsonNumber at a local position,
 * written back to `at` at the end (the schedule of 100k issues, best of 60 on
 * a loaded machine: 40 ms against 44 ms through the methods).
 * Copying pre-encoded bytes instead of encoding punctuation from strings char
 * by char, and the numbers (json-number.ts), are most of the gain over the
 * first writer when its code stays optimized (about 1.65x for the whole text);
 * with a collection between plans, keepsHiddenClass's (2.3x to 6.5x).
 *
 * Complexity: O(bytes written); memory: the encoded keys plus one chunk.
 */

import { type EncodedKeys, encodeKeys } from './json-keys.js';
import { MAX_NUMBER_BYTES, writeJsonNumber } from './json-number.js';

/**
 * JSON text encoded once, to be copied (punctuation, property names): its UTF-8 bytes in 32-bit words,
 * the last one padded, copied a word at a time (`put`).
 */
export interface JsonText {
  words: Uint32Array;
  /** In bytes. */
  length: number;
}

export function jsonText(text: string): JsonText {
  const bytes = new TextEncoder().encode(text);
  const words = new Uint32Array((bytes.length + 3) >> 2);
  new Uint8Array(words.buffer).set(bytes);
  return { words, length: bytes.length };
}

/**
 * Words are read from Uint32Arrays in the platform's byte order and written in it, so that their bytes
 * land in memory order.
 */
const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;
/**
 * A copy by words writes up to 3 bytes past its end (the padding of its last word), overwritten by what
 * comes next; `room` always makes room for them.
 */
const OVERSHOOT = 3;

/** Room past `chunkBytes` in every chunk, so that the item that fills it rarely has to grow it. */
const SLACK = 4096;
/** A text written whole starts in a buffer of this size and doubles it as it needs. */
const FIRST_WHOLE_BYTES = 1 << 20;
const NONE = new Uint8Array(0);
const NO_VIEW = new DataView(NONE.buffer);

/** The size of a new chunk. */
function freshBytes(chunkBytes: number): number {
  return Math.min(chunkBytes, FIRST_WHOLE_BYTES) + SLACK;
}

export class JsonBytes {
  /** The chunk being written; out[at] is the next byte. Write only within the room made (`room`). */
  out: Uint8Array;
  /** The same bytes, to write 32-bit words at any offset (`put`, `putKey`). */
  view: DataView;
  at = 0;
  readonly keys: EncodedKeys;

  /**
   * `chunkBytes`: `full` once a chunk has more (Infinity: one chunk, the whole text); it may be changed
   * between chunks. `first`: where to write the first chunk (a caller's buffer kept between texts, so
   * that a text written whole allocates nothing while it is written); it grows as any chunk does.
   * `readOrder`: the order to read the keys in (encodeKeys).
   */
  constructor(
    keys: readonly string[],
    public chunkBytes: number,
    first?: Uint8Array,
    readOrder?: Int32Array,
  ) {
    this.out = first ?? new Uint8Array(freshBytes(chunkBytes));
    this.view = viewOf(this.out);
    this.keys = encodeKeys(keys, readOrder);
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
    this.view = NO_VIEW;
    this.at = 0;
    return written;
  }

  /** Makes room for `bytes` more bytes at `at`; returns the chunk to write them into. */
  room(bytes: number): Uint8Array {
    if (this.at + bytes + OVERSHOOT > this.out.length) {
      const bigger = new Uint8Array(
        Math.max(this.out.length * 2, this.at + bytes + OVERSHOOT, freshBytes(this.chunkBytes)),
      );
      bigger.set(this.out.subarray(0, this.at));
      this.out = bigger;
      this.view = viewOf(bigger);
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

  /**
   * Key `v`, quoted, at out[at..]; returns where it ends (room made by the caller). A word at a time:
   * keys like "ISS-1234" were copied 2x faster than byte by byte (10k keys at random, 7.7 against
   * 15.8 ns a key).
   */
  putKey(v: number, at: number): number {
    const { words, span } = this.keys;
    const view = this.view;
    const from = span[2 * v]!;
    const length = span[2 * v + 1]!;
    const to = from + ((length + 3) >> 2);
    for (let i = from, o = at; i < to; i++, o += 4) view.setUint32(o, words[i]!, LITTLE_ENDIAN);
    return at + length;
  }

  /** Text made by `jsonText` at out[at..]; returns where it ends (room made by the caller). */
  put(text: JsonText, at: number): number {
    const { words } = text;
    const view = this.view;
    for (let i = 0, o = at; i < words.length; i++, o += 4) view.setUint32(o, words[i]!, LITTLE_ENDIAN);
    return at + text.length;
  }

  /** words[i] and words[i + 1] at out[at..] (room made by the caller, bytes in memory order). */
  putWordPair(words: Uint32Array, i: number, at: number): void {
    this.view.setUint32(at, words[i]!, LITTLE_ENDIAN);
    this.view.setUint32(at + 4, words[i + 1]!, LITTLE_ENDIAN);
  }

  /**
   * Copies out[from .. to), written already, to out[at..] (at >= to: the two do not overlap), a word at a
   * time; returns where it ends (room made by the caller).
   */
  copyWritten(from: number, to: number, at: number): number {
    const view = this.view;
    for (let i = from, o = at; i < to; i += 4, o += 4)
      view.setUint32(o, view.getUint32(i, LITTLE_ENDIAN), LITTLE_ENDIAN);
    return at + to - from;
  }

  /** Key `v`, quoted. */
  key(v: number): void {
    this.room(this.keys.longest);
    this.at = this.putKey(v, this.at);
  }

  /** `,` then key `v`, quoted, unless `first`. */
  listKey(v: number, first: boolean): void {
    const out = this.room(this.keys.longest + 1);
    let at = this.at;
    if (!first) out[at++] = 0x2c;
    this.at = this.putKey(v, at);
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
        at = this.putKey(ids[i]!, at);
      }
      this.at = at;
    }
    return i;
  }

  /** Text made by `jsonText`. */
  text(text: JsonText): void {
    this.room(text.length);
    this.at = this.put(text, this.at);
  }

  byte(b: number): void {
    this.room(1)[this.at++] = b;
  }

  /** A number as JSON.stringify writes it (null when not finite). */
  number(x: number): void {
    this.at = writeJsonNumber(x, this.room(MAX_NUMBER_BYTES), this.at);
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

function viewOf(bytes: Uint8Array): DataView {
  return new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
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
