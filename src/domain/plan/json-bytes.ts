/**
 * JSON bytes
 * ==========
 *
 * A writer of JSON text as UTF-8 bytes into chunks of about `chunkBytes`, for
 * documents too large to make as objects and serialize: the plan's JSON text
 * (plan-json.ts). Keys of a plan are written many times each (in the order,
 * the waves, the blocked issues' blockers and root blockers, ...), so they are
 * encoded once, quoted and escaped as JSON.stringify writes them, and then
 * copied byte by byte; numbers are written as JSON.stringify writes them.
 *
 * Complexity: O(bytes written); memory: the encoded keys plus one chunk.
 */

export class JsonBytes {
  private chunk: Uint8Array;
  private at = 0;
  private readonly keyBytes: Uint8Array;
  private readonly keyStart: Int32Array;

  constructor(
    keys: readonly string[],
    private readonly chunkBytes: number,
  ) {
    this.chunk = new Uint8Array(chunkBytes + 1024);
    ({ bytes: this.keyBytes, start: this.keyStart } = encodeKeys(keys));
  }

  /** True when the chunk is full enough to be taken. */
  get full(): boolean {
    return this.at >= this.chunkBytes;
  }

  /** The bytes written since the last take. */
  take(): Uint8Array {
    const out = this.chunk.subarray(0, this.at);
    this.chunk = new Uint8Array(this.chunkBytes + 1024);
    this.at = 0;
    return out;
  }

  /** Key `v`, quoted. */
  key(v: number): void {
    const { keyBytes, keyStart } = this;
    const from = keyStart[v]!;
    const to = keyStart[v + 1]!;
    this.room(to - from);
    const chunk = this.chunk;
    let at = this.at;
    for (let i = from; i < to; i++) chunk[at++] = keyBytes[i]!;
    this.at = at;
  }

  /** `,` then key `v`, quoted, unless `first`. */
  listKey(v: number, first: boolean): void {
    if (!first) this.byte(0x2c);
    this.key(v);
  }

  /** Text that is JSON already (punctuation, property names, a JSON.stringify answer). */
  raw(text: string): void {
    this.room(3 * text.length);
    const chunk = this.chunk;
    let at = this.at;
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c < 0x80) chunk[at++] = c;
      else {
        const written = encodeChar(text, i, c, chunk, at);
        if (written === 4) i++; // a surrogate pair: two code units
        at += written;
      }
    }
    this.at = at;
  }

  byte(b: number): void {
    this.room(1);
    this.chunk[this.at++] = b;
  }

  /** A number as JSON.stringify writes it (null when not finite). */
  number(x: number): void {
    if (Number.isInteger(x) && x >= 0 && x < 1e15) {
      this.room(16);
      const chunk = this.chunk;
      if (x < 10) {
        chunk[this.at++] = 0x30 + x;
        return;
      }
      let digits = 1;
      for (let p = 10; p <= x; p *= 10) digits++;
      let at = this.at + digits;
      this.at = at;
      for (let y = x; y > 0; y = Math.floor(y / 10)) chunk[--at] = 0x30 + (y % 10);
      return;
    }
    this.raw(Number.isFinite(x) ? String(x) : 'null');
  }

  /** A string value, quoted and escaped. */
  string(text: string): void {
    this.raw(JSON.stringify(text));
  }

  private room(bytes: number): void {
    if (this.at + bytes <= this.chunk.length) return;
    const bigger = new Uint8Array(Math.max(this.chunk.length * 2, this.at + bytes));
    bigger.set(this.chunk.subarray(0, this.at));
    this.chunk = bigger;
  }
}

/** Every key as JSON.stringify quotes it, in UTF-8, one after the other; key v at bytes[start[v] .. start[v+1]). */
function encodeKeys(keys: readonly string[]): { bytes: Uint8Array; start: Int32Array } {
  const start = new Int32Array(keys.length + 1);
  let plain = true;
  let size = 0;
  for (let v = 0; v < keys.length && plain; v++) {
    const key = keys[v]!;
    for (let i = 0; i < key.length; i++) {
      const c = key.charCodeAt(i);
      if (c < 0x20 || c === 0x22 || c === 0x5c || c >= 0x80) {
        plain = false;
        break;
      }
    }
    size += key.length + 2;
  }
  if (plain) {
    // The usual case: ASCII keys that need no escape, copied as they are.
    const bytes = new Uint8Array(size);
    let at = 0;
    for (let v = 0; v < keys.length; v++) {
      const key = keys[v]!;
      start[v] = at;
      bytes[at++] = 0x22;
      for (let i = 0; i < key.length; i++) bytes[at++] = key.charCodeAt(i);
      bytes[at++] = 0x22;
    }
    start[keys.length] = at;
    return { bytes, start };
  }
  const encoder = new TextEncoder();
  const encoded = keys.map((key) => encoder.encode(JSON.stringify(key)));
  let total = 0;
  for (const e of encoded) total += e.length;
  const bytes = new Uint8Array(total);
  let at = 0;
  for (let v = 0; v < encoded.length; v++) {
    start[v] = at;
    bytes.set(encoded[v]!, at);
    at += encoded[v]!.length;
  }
  start[keys.length] = at;
  return { bytes, start };
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

/** The chunks as one array (`size`: their total length). */
export function concatBytes(chunks: readonly Uint8Array[], size: number): Uint8Array {
  if (chunks.length === 1) return chunks[0]!;
  const out = new Uint8Array(size);
  let at = 0;
  for (const chunk of chunks) {
    out.set(chunk, at);
    at += chunk.length;
  }
  return out;
}
