import { describe, expect, it } from 'vitest';
import { SeededRandom } from '../../../src/domain/forecast/seeded-random.js';

/** xoshiro128** and its seeding, in BigInt arithmetic, from the published description. */
function reference(seed: number, count: number): number[] {
  const M = 0xffffffffn;
  let weyl = BigInt(seed >>> 0);
  const seedWord = () => {
    weyl = (weyl + 0x9e3779b9n) & M;
    let z = weyl;
    z = ((z ^ (z >> 16n)) * 0x85ebca6bn) & M;
    z = ((z ^ (z >> 13n)) * 0xc2b2ae35n) & M;
    return z ^ (z >> 16n);
  };
  const s = [seedWord(), seedWord(), seedWord(), seedWord()];
  const rotl = (x: bigint, k: bigint) => ((x << k) | (x >> (32n - k))) & M;
  const out: number[] = [];
  for (let i = 0; i < count; i++) {
    out.push(Number((rotl((s[1]! * 5n) & M, 7n) * 9n) & M));
    const t = (s[1]! << 9n) & M;
    s[2]! ^= s[0]!;
    s[3]! ^= s[1]!;
    s[1]! ^= s[2]!;
    s[0]! ^= s[3]!;
    s[2]! ^= t;
    s[3] = rotl(s[3]!, 11n);
  }
  return out;
}

describe('seeded random', () => {
  it('is xoshiro128** seeded by splitmix32, word for word', () => {
    for (const seed of [0, 1, 42, 0xffffffff]) {
      const random = new SeededRandom(seed);
      expect(Array.from({ length: 1000 }, () => random.nextUint32())).toEqual(reference(seed, 1000));
    }
  });

  it('repeats the stream of a seed and differs between seeds', () => {
    const draw = (seed: number) => {
      const random = new SeededRandom(seed);
      return Array.from({ length: 5 }, () => random.next());
    };
    expect(draw(7)).toEqual(draw(7));
    expect(draw(7)).not.toEqual(draw(8));
  });

  it('spreads numbers in [0, 1) evenly', () => {
    const random = new SeededRandom(3);
    const bins = new Array<number>(20).fill(0);
    const n = 200_000;
    for (let i = 0; i < n; i++) {
      const x = random.next();
      expect(x >= 0 && x < 1).toBe(true);
      bins[Math.floor(x * 20)]!++;
    }
    // Chi-square with 19 degrees of freedom: 43.8 is its 99.9th percentile.
    const chi = bins.reduce((sum, c) => sum + (c - n / 20) ** 2 / (n / 20), 0);
    expect(chi).toBeLessThan(43.8);
  });
});
