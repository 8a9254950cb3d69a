/**
 * Numbered keys
 * =============
 *
 * Most projects number their issues: every key is one prefix and a decimal
 * number ("ISS-1" .. "ISS-98765"). Such keys need neither a sort nor a hash
 * table: walking the numbers in the code-unit order of their digits (0, 1, 10,
 * 100, ..., 101, ..., 11, ..., 2, ...: a preorder walk of the decimal trie)
 * lists the keys in key order (key-order.ts's order), and a key's number is
 * its slot in a direct-address table of ids (ranks in that order).
 *
 * Applies when every key is the keys' common prefix (less any digits it ends
 * with) followed by 1 to 9 digits without a leading zero, so that a number
 * gives back exactly one key; when no key repeats; and when the largest number
 * is below 8 per key (plus 1024), so that the table and the walk stay linear in
 * the number of keys. Otherwise `numberedKeys` answers null and key-order.ts
 * and key-index.ts handle the keys, whatever they are. A key looked up that is
 * not of that form (another prefix, a leading zero, too many digits) is absent.
 *
 * Measured (bench/planner.ts keys, best of 30 on a shared machine): ordering
 * and indexing 100k "ISS-n" keys took 9.8 ms by radix sort and hash table,
 * 3.8 ms here (10k: 0.8 and 0.33 ms). A look-up reads the key's characters
 * once and one table entry, where the hash table hashes every character,
 * compares the key it finds (another object) and maps its position to an id.
 *
 * Keys given in key order (as the store reads them) are recognised on the way
 * (comparing the numbers' digits left-aligned) and keep their input positions
 * as ids, without the walk: 100k keys 2.64 -> 2.37 ms, 10k 0.24 -> 0.22 ms;
 * keys in any other order unchanged (best of 60/200, CPU time, shared machine).
 *
 * Complexity: O(total key length + largest number) time, O(largest number)
 * memory (4 bytes per number).
 */

/** Keys as prefix + number, with their order. */
export interface NumberedKeys {
  prefix: string;
  /**
   * The prefix's code units, compared with a key's in a look-up: prefix.charCodeAt(i) at each step cost
   * more than the typed array read (30k look-ups of a 10k-issue graph's blockers: 0.59 ms against 0.71
   * with charCodeAt on both strings and 0.64 with startsWith, best of 40).
   */
  prefixCodes: Int32Array;
  /** Input positions in key order. */
  order: Int32Array;
  /** The keys came in key order: `order` is 0, 1, 2, ... (and so are the ids). */
  inOrder: boolean;
  /** The id (rank in `order`) of each number's key, -1 where no key has that number. */
  idByNumber: Int32Array;
}

const MAX_DIGITS = 9; // below 2^31, and exact in the arithmetic below
/** ALIGN[d]: 10^(MAX_DIGITS - d), which left-aligns a number of d digits (exact: below 2^53). */
const ALIGN = Array.from({ length: MAX_DIGITS + 1 }, (_, d) => 10 ** (MAX_DIGITS - d));

/** The keys as numbers after one prefix, in key order; null when they are not all of that form (see above). */
export function numberedKeys(keys: readonly string[]): NumberedKeys | null {
  const n = keys.length;
  if (n < 2) return null;
  // The prefix is the first key less its digits: every other key must start with it. (The keys' common
  // prefix less its digits is the same whenever every key is that prefix and a number.) One pass over the
  // keys instead of two (common prefix, then numbers): 0.35 -> 0.33 ms at 10k, 3.9-4.6 -> 3.4-3.7 ms at
  // 100k (best of 40, interleaved), where every key read is a cache miss.
  const prefix = numberPrefix(keys[0]!);
  const p = prefix.length;
  const prefixCodes = new Int32Array(p);
  for (let i = 0; i < p; i++) prefixCodes[i] = prefix.charCodeAt(i);
  const limit = 8 * n + 1024;
  const numbers = new Int32Array(n);
  let largest = 0;
  // Whether the keys come in key order (as the store reads them): then the order is the input's and the
  // walk below is skipped. Two numbers compare in key order as their digits left-aligned (x * 10^(9 -
  // digits)), the shorter first when those are equal (a prefix of the other).
  let inOrder = true;
  let previousAligned = -1;
  let previousDigits = 0;
  for (let i = 0; i < n; i++) {
    const key = keys[i]!;
    const x = numberOf(key, prefixCodes);
    if (x < 0 || x >= limit) return null;
    numbers[i] = x;
    if (x > largest) largest = x;
    if (inOrder) {
      const digits = key.length - p;
      const aligned = x * ALIGN[digits]!;
      if (aligned < previousAligned || (aligned === previousAligned && digits <= previousDigits))
        inOrder = false;
      previousAligned = aligned;
      previousDigits = digits;
    }
  }
  // Input position by number first; the walk turns each entry into the key's id as it passes it.
  const table = new Int32Array(largest + 1).fill(-1);
  for (let i = 0; i < n; i++) {
    if (table[numbers[i]!] !== -1) return null; // a repeated key: the general path reports it
    table[numbers[i]!] = i;
  }
  const order = new Int32Array(n);
  if (inOrder) {
    // Input positions are the ids: the table is the answer as it stands.
    for (let i = 0; i < n; i++) order[i] = i;
    return { prefix, prefixCodes, order, inOrder, idByNumber: table };
  }
  let r = 0;
  if (table[0] !== -1) {
    order[r] = table[0]!; // "0" has no digits after it
    table[0] = r++;
  }
  // Preorder of the decimal trie over 1..largest: go down (x * 10) while it exists, else to the next
  // sibling, climbing out of subtrees that are finished (a trailing zero: the last sibling was passed).
  for (let x = 1, visited = 0; visited < largest; visited++) {
    const at = table[x]!;
    if (at !== -1) {
      order[r] = at;
      table[x] = r++;
    }
    if (x * 10 <= largest) x *= 10;
    else {
      if (x >= largest) x = Math.floor(x / 10);
      x++;
      while (x % 10 === 0) x /= 10;
    }
  }
  return { prefix, prefixCodes, order, inOrder, idByNumber: table };
}

/** The id of `key`, or -1. */
export function numberedId(keys: NumberedKeys, key: string): number {
  const { idByNumber } = keys;
  const x = numberOf(key, keys.prefixCodes);
  return x < 0 || x >= idByNumber.length ? -1 : idByNumber[x]!;
}

/** The number of a key that is the prefix (as code units) and a number (see numberAfter); else -1. */
function numberOf(key: string, prefixCodes: Int32Array): number {
  const p = prefixCodes.length;
  if (key.length <= p) return -1;
  for (let i = 0; i < p; i++) if (key.charCodeAt(i) !== prefixCodes[i]) return -1;
  return numberAfter(key, p);
}

/** A numbered key's prefix: the key less the digits it ends with ("ISS-12": "ISS-"). */
export function numberPrefix(key: string): string {
  let p = key.length;
  while (p > 0 && isDigit(key.charCodeAt(p - 1))) p--;
  return key.slice(0, p);
}

/** The number that key[from ..] spells: 1 to MAX_DIGITS digits, no leading zero; else -1. */
export function numberAfter(key: string, from: number): number {
  const length = key.length;
  if (length <= from || length > from + MAX_DIGITS) return -1;
  // The first digit apart: a zero is the number 0 alone, else a leading zero. (One length check, and the
  // leading zero found on the first digit's read: 294k numberedId look-ups at 100k ~8% faster, new/old
  // 0.89-0.99, median 0.92, in 7 runs of best of 60 interleaved; at 10k no change beyond noise.)
  let x = key.charCodeAt(from) - 48;
  if (x < 1 || x > 9) return x === 0 && length === from + 1 ? 0 : -1;
  for (let i = from + 1; i < length; i++) {
    const d = key.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return -1;
    x = x * 10 + d;
  }
  return x;
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}
