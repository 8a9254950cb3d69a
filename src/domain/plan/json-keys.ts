/**
 * JSON keys
 * =========
 *
 * The issue keys as JSON strings in UTF-8, each quoted and escaped as
 * JSON.stringify writes it, one after the other in one array, each from a
 * 4-byte boundary: a plan writes every key several times (order, waves,
 * blockers, schedule, ...), so each is encoded once and then copied a 32-bit
 * word at a time (json-bytes.ts).
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
  /**
   * The keys' bytes, each key from a 4-byte boundary, so that it is copied a 32-bit word at a time
   * (JsonBytes.putKey); the bytes of the words are in memory order (aliasing Uint8Array).
   */
  words: Uint32Array;
  /** Key v's quoted UTF-8 bytes are span[2v + 1] bytes from word span[2v] (one cache line for both). */
  span: Int32Array;
  /** The longest encoded key, quotes included. */
  longest: number;
}

/**
 * `readOrder`: the ids in the order to read their keys, best the order the key strings were made in (the
 * input's: PlanGraph.idOfInput); by id when absent, or for fewer keys than READ_ORDER_FROM.
 */
export function encodeKeys(keys: readonly string[], readOrder?: Int32Array): EncodedKeys {
  // The loops are functions of their own: as loops of this function, V8 compiled them on the fly (OSR)
  // and threw the code away at every call (80 deoptimizations in 40 calls, 2 now; best time for 100k keys 3.9 -> 3.6 ms).
  const order =
    readOrder !== undefined && readOrder.length === keys.length && keys.length >= READ_ORDER_FROM
      ? readOrder
      : null;
  const words = new Uint32Array(quotedWords(keys, order));
  const span = new Int32Array(2 * keys.length);
  const longest = copyPlain(keys, order, new Uint8Array(words.buffer), span);
  return longest >= 0 ? { words, span, longest } : encodeEscaped(keys);
}

/**
 * Keys in id order are strings scattered in memory (ids follow key order, the strings were made in input
 * order): once they no longer fit in the cache, every key read is a miss. Read in the order they were
 * made, and laid out in that order, 100k keys took 5-11 ms instead of 7-22 (bench/planner.ts epics and
 * uniform, best of 40, in runs minutes apart on a shared machine); the whole text new/old 0.75-0.93 at
 * 100k on the four shapes (median of 12 paired runs); at 10k, where they fit, the whole text was 5-9%
 * slower that way (the keys' bytes out of id order).
 */
const READ_ORDER_FROM = 1 << 15;

/** Words for `bytes` bytes from a word boundary. */
function wordsFor(bytes: number): number {
  return (bytes + 3) >> 2;
}

/** The keys' size in words, quoted, each from a word boundary, if they are plain ASCII. */
function quotedWords(keys: readonly string[], order: Int32Array | null): number {
  let size = 0;
  for (let i = 0; i < keys.length; i++) size += wordsFor(keys[order === null ? i : order[i]!]!.length + 2);
  return size;
}

/**
 * Copies the keys, quoted, into bytes one after the other in read order (by id when null), and says
 * where in span; returns the longest, or -1 at a key that is not plain.
 */
function copyPlain(
  keys: readonly string[],
  order: Int32Array | null,
  bytes: Uint8Array,
  span: Int32Array,
): number {
  let word = 0;
  let longest = 0;
  for (let j = 0; j < keys.length; j++) {
    const v = order === null ? j : order[j]!;
    const key = keys[v]!;
    let at = 4 * word;
    bytes[at++] = 0x22;
    for (let i = 0; i < key.length; i++) {
      const c = key.charCodeAt(i);
      if (c < 0x20 || c === 0x22 || c === 0x5c || c >= 0x80) return -1;
      bytes[at++] = c;
    }
    bytes[at] = 0x22;
    span[2 * v] = word;
    span[2 * v + 1] = key.length + 2;
    word += wordsFor(key.length + 2);
    if (key.length + 2 > longest) longest = key.length + 2;
  }
  return longest;
}

/** Any keys: JSON.stringify quotes and escapes each, TextEncoder writes its UTF-8. */
function encodeEscaped(keys: readonly string[]): EncodedKeys {
  const encoder = new TextEncoder();
  const encoded = keys.map((key) => encoder.encode(JSON.stringify(key)));
  const span = new Int32Array(2 * keys.length);
  let total = 0;
  let longest = 0;
  for (const e of encoded) {
    total += wordsFor(e.length);
    if (e.length > longest) longest = e.length;
  }
  const words = new Uint32Array(total);
  const bytes = new Uint8Array(words.buffer);
  let word = 0;
  for (let v = 0; v < encoded.length; v++) {
    bytes.set(encoded[v]!, 4 * word);
    span[2 * v] = word;
    span[2 * v + 1] = encoded[v]!.length;
    word += wordsFor(encoded[v]!.length);
  }
  return { words, span, longest };
}
