/**
 * Key order
 * =========
 *
 * The permutation that sorts issue keys by UTF-16 code units (the order of
 * `Array.prototype.sort` and of `<` on strings), stable for equal keys.
 * Planning sorts every key once to make ids follow key order, so this is on
 * the hot path.
 *
 * Keys of one project usually share a prefix (`bpo-`, `ISS-`) and differ in a
 * few characters after it. The common prefix is skipped; a least-significant-
 * digit radix sort then orders the permutation by the next DIGITS characters
 * (one 8-bit digit per character, 0 for "ended"), stable at each pass. Keys
 * still tied after those characters, and any key with a character above
 * U+00FF there, are finished by a comparison sort of their run only.
 *
 * Complexity: O(V * DIGITS) for the radix passes plus the comparison sort of
 * the tied runs (none for keys like `ISS-12345`), O(V) memory.
 *
 * Reference: D. E. Knuth, TAOCP vol. 3, 5.2.5 (radix sorting).
 */

const DIGITS = 10;
const BUCKETS = 257; // 0 = key ended, c + 1 for char code c < 256

export function keyOrder(keys: readonly string[]): Int32Array {
  const n = keys.length;
  let perm = new Int32Array(n);
  for (let i = 0; i < n; i++) perm[i] = i;
  if (n < 2) return perm;

  const first = keys[0]!;
  let prefix = first.length;
  let longest = 0;
  for (let i = 1; i < n; i++) {
    const key = keys[i]!;
    let p = 0;
    const limit = Math.min(prefix, key.length);
    while (p < limit && key.charCodeAt(p) === first.charCodeAt(p)) p++;
    prefix = p;
  }
  for (let i = 0; i < n; i++) if (keys[i]!.length > longest) longest = keys[i]!.length;
  const digits = Math.min(DIGITS, longest - prefix);

  // The radix digits of every key, read once in input order: codes[i * digits + d] = char + 1, 0 past the end.
  const codes = new Uint16Array(n * digits);
  let wide = false;
  for (let i = 0; i < n && !wide; i++) {
    const key = keys[i]!;
    const end = Math.min(key.length, prefix + digits);
    for (let at = prefix, o = i * digits; at < end; at++, o++) {
      const c = key.charCodeAt(at);
      if (c > 255) {
        wide = true;
        break;
      }
      codes[o] = c + 1;
    }
  }
  let other = new Int32Array(n);
  const count = new Int32Array(BUCKETS + 1);
  for (let d = digits - 1; d >= 0 && !wide; d--) {
    count.fill(0);
    for (let i = 0; i < n; i++) count[codes[i * digits + d]! + 1]!++;
    for (let b = 0; b < BUCKETS; b++) count[b + 1]! += count[b]!;
    for (let i = 0; i < n; i++) {
      const v = perm[i]!;
      other[count[codes[v * digits + d]!]!++] = v;
    }
    const swap = perm;
    perm = other;
    other = swap;
  }
  const compare = (a: number, b: number): number => {
    const ka = keys[a]!;
    const kb = keys[b]!;
    return ka < kb ? -1 : ka > kb ? 1 : a - b;
  };
  if (wide) {
    for (let i = 0; i < n; i++) perm[i] = i;
    return perm.sort(compare);
  }
  // Runs that agree on every radix digit and go on beyond them: finish with a comparison sort.
  const covered = prefix + digits;
  if (longest <= covered) return perm; // every key was read to its end: no ties left to break
  let start = 0;
  while (start < n) {
    const a = perm[start]! * digits;
    let end = start + 1;
    while (end < n && sameDigits(codes, a, perm[end]! * digits, digits)) end++;
    if (end - start > 1) perm.subarray(start, end).sort(compare);
    start = end;
  }
  return perm;
}

function sameDigits(codes: Uint16Array, a: number, b: number, digits: number): boolean {
  for (let d = 0; d < digits; d++) if (codes[a + d] !== codes[b + d]) return false;
  return true;
}
