import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  isWellFormedToken,
  lastFourOf,
  newTokenSecret,
  TOKEN_PREFIX,
  tokenDigest,
} from '../../../src/domain/access/token-secret.js';

const BASE62 = /^[0-9A-Za-z]+$/;

describe('a token secret', () => {
  it('is isp_ followed by 43 base62 digits of 32 random bytes and a 6-digit checksum', () => {
    const secret = newTokenSecret();
    expect(secret.startsWith(TOKEN_PREFIX)).toBe(true);
    expect(secret).toHaveLength(4 + 43 + 6);
    expect(BASE62.test(secret.slice(4))).toBe(true);
    expect(isWellFormedToken(secret)).toBe(true);
  });

  it('comes from 32 random bytes: all-zero bytes give all-zero digits, all-one bytes the largest', () => {
    const zero = newTokenSecret((size) => Buffer.alloc(size, 0));
    expect(zero.slice(4, 47)).toBe('0'.repeat(43));
    const ones = newTokenSecret((size) => {
      expect(size).toBe(32);
      return Buffer.alloc(size, 0xff);
    });
    expect(BigInt(`0x${'ff'.repeat(32)}`).toString()).toBe(decodeBase62(ones.slice(4, 47)).toString());
  });

  it('differs every time', () => {
    const secrets = new Set(Array.from({ length: 200 }, () => newTokenSecret()));
    expect(secrets.size).toBe(200);
  });

  it('fails its checksum when any one character is changed', () => {
    const secret = newTokenSecret();
    fc.assert(
      fc.property(
        fc.integer({ min: 4, max: secret.length - 1 }),
        fc.constantFrom(...'0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz'),
        (at, digit) => {
          fc.pre(secret[at] !== digit);
          const typo = secret.slice(0, at) + digit + secret.slice(at + 1);
          expect(isWellFormedToken(typo)).toBe(false);
        },
      ),
    );
  });

  it('is not well formed truncated, extended, without its prefix, or as any other text', () => {
    const secret = newTokenSecret();
    expect(isWellFormedToken(secret.slice(0, -1))).toBe(false);
    expect(isWellFormedToken(`${secret}0`)).toBe(false);
    expect(isWellFormedToken(`ghp_${secret.slice(4)}`)).toBe(false);
    expect(isWellFormedToken('an-old-shared-token-of-any-shape')).toBe(false);
  });

  it('is stored as its SHA-256 digest, which does not contain it, and shown by its last four characters', () => {
    const secret = newTokenSecret();
    const digest = tokenDigest(secret);
    expect(digest).toMatch(/^[0-9a-f]{64}$/);
    expect(digest).toBe(tokenDigest(secret));
    expect(digest).not.toContain(secret.slice(4, 20));
    expect(lastFourOf(secret)).toBe(secret.slice(-4));
  });
});

function decodeBase62(digits: string): bigint {
  const alphabet = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
  let value = 0n;
  for (const digit of digits) value = value * 62n + BigInt(alphabet.indexOf(digit));
  return value;
}
