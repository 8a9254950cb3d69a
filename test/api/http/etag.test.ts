import { describe, expect, it } from 'vitest';
import { etagOf, ifMatchRevision, isNotModified, parseEntityTags } from '../../../src/api/http/etag.js';
import { PreconditionFailedError } from '../../../src/domain/errors.js';

describe('entity tags', () => {
  it('derives a strong tag from a revision', () => {
    expect(etagOf(12)).toBe('"r12"');
  });

  it('parses lists, weak tags and the wildcard', () => {
    expect(parseEntityTags('"r1", W/"r2"')).toEqual({
      any: false,
      tags: [
        { weak: false, opaque: '"r1"' },
        { weak: true, opaque: '"r2"' },
      ],
    });
    expect(parseEntityTags(' * ').any).toBe(true);
  });
});

describe('If-None-Match', () => {
  it('matches the current revision with the weak comparison', () => {
    expect(isNotModified('W/"r3"', 3)).toBe(true);
    expect(isNotModified('"r1", "r3"', 3)).toBe(true);
    expect(isNotModified('*', 3)).toBe(true);
  });

  it('does not match another revision or an absent header', () => {
    expect(isNotModified('"r2"', 3)).toBe(false);
    expect(isNotModified(undefined, 3)).toBe(false);
  });
});

describe('If-Match', () => {
  it('returns the revision the store must still see', () => {
    expect(ifMatchRevision('"r4"', 4)).toBe(4);
    expect(ifMatchRevision('"r1", "r4"', 4)).toBe(4);
  });

  it('sets no precondition without a header or with the wildcard', () => {
    expect(ifMatchRevision(undefined, 4)).toBeUndefined();
    expect(ifMatchRevision('*', 4)).toBeUndefined();
  });

  it('fails on another revision, a weak tag or garbage', () => {
    expect(() => ifMatchRevision('"r3"', 4)).toThrow(PreconditionFailedError);
    expect(() => ifMatchRevision('W/"r4"', 4)).toThrow(PreconditionFailedError);
    expect(() => ifMatchRevision('r4', 4)).toThrow(PreconditionFailedError);
  });
});
