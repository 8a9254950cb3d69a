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
 * digit radix sort then orders the permutation by the next DIGITS characters,
 * stable at each pass. Characters are ranked among those that occur (0 for
 * "ended"), and as many as fit in MAX_BUCKETS (or n, if fewer) make one radix
 * digit: keys of decimal numbers take two passes instead of five. Keys still
 * tied after those characters are finished by a comparison sort of their run
 * only; any key with a character above U+00FF there sends all to a comparison
 * sort.
 *
 * Complexity: O(V * DIGITS) for the radix passes plus the comparison sort of
 * the tied runs (none for keys like `ISS-12345`), O(V) memory.
 *
 * Reference: D. E. Knuth, TAOCP vol. 3, 5.2.5 (radix sorting).
 */

/** Code-unit order of two keys: the order keyOrder sorts by (and SQLite's BINARY collation for ASCII keys). */
export function compareKeys(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

const DIGITS = 10;
const BUCKETS = 257; // 0 = key ended, c + 1 for char code c < 256
const MAX_BUCKETS = 1 << 16; // per radix pass, when there are enough keys to fill them

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
  if (wide) {
    for (let i = 0; i < n; i++) perm[i] = i;
    return perm.sort(compare(keys));
  }
  // The characters that occur, ranked: keys usually use a handful (digits), so several characters
  // make one radix digit of at most `limit` buckets, and fewer passes are needed.
  const rank = new Int32Array(BUCKETS);
  for (let o = 0; o < codes.length; o++) rank[codes[o]!] = 1;
  let alphabet = 0;
  for (let c = 0; c < BUCKETS; c++) if (rank[c] === 1) rank[c] = alphabet++;
  const limit = Math.max(BUCKETS, Math.min(MAX_BUCKETS, n));
  let perGroup = 1;
  while (perGroup < digits && alphabet ** (perGroup + 1) <= limit) perGroup++;
  const groups = Math.ceil(digits / perGroup);
  const grouped = new Int32Array(n * groups);
  for (let i = 0; i < n; i++) {
    for (let gi = 0; gi < groups; gi++) {
      let value = 0;
      const end = Math.min(digits, (gi + 1) * perGroup);
      for (let d = gi * perGroup; d < end; d++) value = value * alphabet + rank[codes[i * digits + d]!]!;
      grouped[i * groups + gi] = value;
    }
  }
  let other = new Int32Array(n);
  const count = new Int32Array(Math.min(limit, alphabet ** perGroup) + 1);
  for (let gi = groups - 1; gi >= 0; gi--) {
    count.fill(0);
    for (let i = 0; i < n; i++) count[grouped[i * groups + gi]! + 1]!++;
    for (let b = 0; b + 1 < count.length; b++) count[b + 1]! += count[b]!;
    for (let i = 0; i < n; i++) {
      const v = perm[i]!;
      other[count[grouped[v * groups + gi]!]!++] = v;
    }
    const swap = perm;
    perm = other;
    other = swap;
  }
  // Runs that agree on every radix digit and go on beyond them: finish with a comparison sort.
  const covered = prefix + digits;
  if (longest <= covered) return perm; // every key was read to its end: no ties left to break
  const byKey = compare(keys);
  let start = 0;
  while (start < n) {
    const a = perm[start]! * groups;
    let end = start + 1;
    while (end < n && sameDigits(grouped, a, perm[end]! * groups, groups)) end++;
    if (end - start > 1) perm.subarray(start, end).sort(byKey);
    start = end;
  }
  return perm;
}

function sameDigits(codes: Int32Array, a: number, b: number, digits: number): boolean {
  for (let d = 0; d < digits; d++) if (codes[a + d] !== codes[b + d]) return false;
  return true;
}

/** UTF-16 code unit order, then input position (stability). */
function compare(keys: readonly string[]): (a: number, b: number) => number {
  return (a, b) => {
    const ka = keys[a]!;
    const kb = keys[b]!;
    return ka < kb ? -1 : ka > kb ? 1 : a - b;
  };
}
