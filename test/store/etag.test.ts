import { describe, expect, it } from 'vitest';
import { PreconditionFailedError } from '../../src/domain/errors.js';
import { checkIfMatch, etagOf, isNotModified, parseEntityTags } from '../../src/store/etag.js';

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
  it('lets the write through when a listed strong tag is the current revision', () => {
    expect(() => checkIfMatch('"r4"', 4)).not.toThrow();
    expect(() => checkIfMatch('"r1", "r4"', 4)).not.toThrow();
  });

  it('sets no precondition without a header or with the wildcard', () => {
    expect(() => checkIfMatch(undefined, 4)).not.toThrow();
    expect(() => checkIfMatch('*', 4)).not.toThrow();
  });

  it('fails on another revision, a weak tag or garbage, naming the current tag', () => {
    expect(() => checkIfMatch('"r3"', 4)).toThrow(PreconditionFailedError);
    expect(() => checkIfMatch('W/"r4"', 4)).toThrow(PreconditionFailedError);
    expect(() => checkIfMatch('r4', 4)).toThrow(PreconditionFailedError);
    expect(() => checkIfMatch('"r3"', 4)).toThrow('If-Match "r3" does not match the current ETag "r4"');
  });
});
