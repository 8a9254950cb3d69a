/**
 * Seeded random numbers
 * =====================
 *
 * xoshiro128** over four 32-bit words: period 2^128 - 1, good statistical
 * quality, and only integer operations (xor, shifts, rotations, Math.imul), so
 * the stream of a seed is the same on every platform and engine, bit for bit.
 * The state is filled from the 32-bit seed by a Weyl sequence finished with
 * MurmurHash3's fmix32 (a "splitmix32"), which never leaves it all zero for a
 * seed, and distinct seeds give unrelated streams. A number in [0, 1) is the
 * 32-bit output divided by 2^32: exact in a double.
 *
 * Complexity: O(1) per number, 16 bytes of state.
 *
 * Reference: D. Blackman, S. Vigna, "Scrambled linear pseudorandom number
 * generators", ACM TOMS 47(4), 2021 (xoshiro128**); A. Appleby, MurmurHash3
 * (fmix32); G. L. Steele, D. Lea, C. H. Flood, "Fast splittable pseudorandom
 * number generators", OOPSLA 2014 (the Weyl-sequence seeding).
 */

export class SeededRandom {
  private s0: number;
  private s1: number;
  private s2: number;
  private s3: number;

  /** `seed` is taken modulo 2^32. */
  constructor(seed: number) {
    let weyl = seed >>> 0;
    const next = () => {
      weyl = (weyl + 0x9e3779b9) | 0;
      let z = weyl;
      z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
      z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
      return z ^ (z >>> 16);
    };
    this.s0 = next();
    this.s1 = next();
    this.s2 = next();
    this.s3 = next();
    if ((this.s0 | this.s1 | this.s2 | this.s3) === 0) this.s0 = 1;
  }

  /** The next 32 bits, as an unsigned integer. */
  nextUint32(): number {
    const s1 = this.s1;
    const m = Math.imul(s1, 5);
    const result = Math.imul((m << 7) | (m >>> 25), 9) >>> 0;
    const t = s1 << 9;
    this.s2 ^= this.s0;
    this.s3 ^= s1;
    this.s1 = s1 ^ this.s2;
    this.s0 ^= this.s3;
    this.s2 ^= t;
    this.s3 = (this.s3 << 11) | (this.s3 >>> 21);
    return result;
  }

  /** A number in [0, 1), a multiple of 2^-32. */
  next(): number {
    return this.nextUint32() / 4_294_967_296;
  }
}
