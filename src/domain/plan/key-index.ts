/**
 * Key index
 * =========
 *
 * Issue key -> position in the input, for the plan graph: an open-addressing
 * hash table (linear probing, at most half full) of positions in one
 * Int32Array, each slot checked against the key at that position. Built once
 * per plan and then only read, it needs none of a Map's growth, rehashing and
 * per-entry heap objects. Positions, not ids: dependencies are usually between
 * issues filed close together, so the keys compared lie close in memory too.
 *
 * The hash is FNV-1a over the UTF-16 code units, finished by a multiply-shift
 * mix, from a seed drawn once per process so that keys chosen to collide in
 * one process do not collide in another (no answer depends on it).
 *
 * Complexity: O(total key length) to build; a look-up O(key length) expected.
 *
 * Reference: D. E. Knuth, TAOCP vol. 3, 6.4 (open addressing, linear
 * probing); G. Fowler, L. C. Noll, K.-P. Vo, FNV hash.
 */

const SEED = (Math.random() * 0x100000000) | 0;

export interface KeyIndex {
  slots: Int32Array;
  mask: number;
  keys: readonly string[];
  /** How many keys were given again (each after its first occurrence). */
  repeated: number;
}

/** Indexes each key by its position in `keys`; a key given again keeps its first position. */
export function keyIndex(keys: readonly string[]): KeyIndex {
  let size = 16;
  while (size < 2 * keys.length) size *= 2;
  const slots = new Int32Array(size).fill(-1);
  const mask = size - 1;
  let repeated = 0;
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i]!;
    let at = hashKey(key) & mask;
    for (;;) {
      const j = slots[at]!;
      if (j === -1) {
        slots[at] = i;
        break;
      }
      if (keys[j] === key) {
        repeated++;
        break;
      }
      at = (at + 1) & mask;
    }
  }
  return { slots, mask, keys, repeated };
}

/** The first position of `key`, or -1. */
export function positionOf(index: KeyIndex, key: string): number {
  const { slots, mask, keys } = index;
  let at = hashKey(key) & mask;
  for (;;) {
    const j = slots[at]!;
    if (j === -1 || keys[j] === key) return j;
    at = (at + 1) & mask;
  }
}

function hashKey(key: string): number {
  let h = SEED ^ 0x811c9dc5;
  for (let i = 0; i < key.length; i++) h = Math.imul(h ^ key.charCodeAt(i), 0x01000193);
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  return h ^ (h >>> 13);
}
