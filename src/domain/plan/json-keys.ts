/**
 * JSON keys
 * =========
 *
 * The issue keys as JSON strings in UTF-8, each quoted and escaped as
 * JSON.stringify writes it, one after the other in one array: a plan writes
 * every key several times (order, waves, blockers, schedule, ...), so each is
 * encoded once and then copied as bytes (json-bytes.ts).
 *
 * The usual keys are ASCII that needs no escape: they are copied code unit by
 * code unit in one pass that also checks them, and only if one is not plain
 * are all keys encoded again through JSON.stringify and TextEncoder.
 * Measured on 100k keys like "ISS-12345": one pass 4.3 ms, the former
 * check-then-copy passes 7.9 ms; joining the keys and encoding the one string
 * (TextEncoder.encodeInto, then a scan) 10.9 ms, Buffer latin1 + a regular
 * expression 17 ms, TextEncoder.encodeInto per key 16.5 ms.
 */

export interface EncodedKeys {
  /** Key v's quoted UTF-8 bytes are bytes[start[v] .. start[v + 1]). */
  bytes: Uint8Array;
  start: Int32Array;
  /** The longest encoded key, quotes included. */
  longest: number;
}

export function encodeKeys(keys: readonly string[]): EncodedKeys {
  // The loops are functions of their own: as loops of this function, V8 compiled them on the fly (OSR)
  // and threw the code away at every call (80 deoptimizations in 40 calls, 2 now; best time for 100k keys 3.9 -> 3.6 ms).
  const bytes = new Uint8Array(quotedSize(keys));
  const start = new Int32Array(keys.length + 1);
  const longest = copyPlain(keys, bytes, start);
  return longest >= 0 ? { bytes, start, longest } : encodeEscaped(keys);
}

/** The keys' length in bytes, quoted, if they are plain ASCII. */
function quotedSize(keys: readonly string[]): number {
  let size = 0;
  for (let v = 0; v < keys.length; v++) size += keys[v]!.length + 2;
  return size;
}

/** Copies the keys, quoted, into bytes (key v from start[v]); returns the longest, or -1 at a key that is not plain. */
function copyPlain(keys: readonly string[], bytes: Uint8Array, start: Int32Array): number {
  let at = 0;
  let longest = 0;
  for (let v = 0; v < keys.length; v++) {
    const key = keys[v]!;
    start[v] = at;
    bytes[at++] = 0x22;
    for (let i = 0; i < key.length; i++) {
      const c = key.charCodeAt(i);
      if (c < 0x20 || c === 0x22 || c === 0x5c || c >= 0x80) return -1;
      bytes[at++] = c;
    }
    bytes[at++] = 0x22;
    if (key.length + 2 > longest) longest = key.length + 2;
  }
  start[keys.length] = at;
  return longest;
}

/** Any keys: JSON.stringify quotes and escapes each, TextEncoder writes its UTF-8. */
function encodeEscaped(keys: readonly string[]): EncodedKeys {
  const encoder = new TextEncoder();
  const encoded = keys.map((key) => encoder.encode(JSON.stringify(key)));
  const start = new Int32Array(keys.length + 1);
  let total = 0;
  let longest = 0;
  for (const e of encoded) {
    total += e.length;
    if (e.length > longest) longest = e.length;
  }
  const bytes = new Uint8Array(total);
  let at = 0;
  for (let v = 0; v < encoded.length; v++) {
    start[v] = at;
    bytes.set(encoded[v]!, at);
    at += encoded[v]!.length;
  }
  start[keys.length] = at;
  return { bytes, start, longest };
}
