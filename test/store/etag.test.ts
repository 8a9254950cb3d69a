import { describe, expect, it } from 'vitest';
import { InvalidInputError, PreconditionFailedError } from '../../src/domain/errors.js';
import {
  checkIfMatch,
  etagOf,
  isNotModified,
  namesTag,
  parseEntityTags,
  queryVariant,
} from '../../src/store/etag.js';

const createdAt = new Date('2026-12-07T14:58:00.123Z');
const at = (revision: number) => ({ revision, createdAt });

describe('entity tags', () => {
  it('derives a strong tag from a revision and the creation time, in milliseconds base 36', () => {
    expect(etagOf(at(12))).toBe('"r12-mxdea8u3"');
    expect(etagOf({ revision: 12, createdAt: createdAt.toISOString() })).toBe('"r12-mxdea8u3"');
    expect(etagOf(at(12), '2026-12-07')).toBe('"r12-mxdea8u3-v2026-12-07"');
  });

  it('tells a project created again under the same name apart at the same revision', () => {
    const later = { revision: 12, createdAt: new Date(createdAt.getTime() + 1) };
    expect(etagOf(later)).not.toBe(etagOf(at(12)));
  });

  it('gives equal queries one variant and different ones another', () => {
    expect(queryVariant([100, 5])).toBe(queryVariant([100, 5]));
    expect(queryVariant([100, 5])).not.toBe(queryVariant([100, 9]));
    expect(queryVariant([100, 5])).toMatch(/^q[0-9a-f]{12}$/);
  });

  it('parses lists, weak tags and the wildcard', () => {
    expect(parseEntityTags('"r1", W/"r2"', 'if-match')).toEqual({
      any: false,
      tags: [
        { weak: false, opaque: '"r1"' },
        { weak: true, opaque: '"r2"' },
      ],
    });
    expect(parseEntityTags(' * ', 'if-match').any).toBe(true);
  });

  it('skips the empty members of a list', () => {
    expect(parseEntityTags(' , "r1",, "r2" ,', 'if-match').tags.map((t) => t.opaque)).toEqual([
      '"r1"',
      '"r2"',
    ]);
  });

  it.each([
    ['an unquoted tag', 'r1-mxdktj6p'],
    ['a tag without its closing quote', '"r1'],
    ['two tags without a comma', '"r1" "r2"'],
    ['the wildcard among tags', '*, "r1"'],
    ['a lowercase weak prefix', 'w/"r1"'],
    ['nothing', ''],
    ['only commas', ' , '],
  ])('refuses %s, naming the header', (_name, header) => {
    expect(() => parseEntityTags(header, 'if-match')).toThrowError(
      expect.objectContaining({
        status: 400,
        errors: [
          {
            path: 'headers.if-match',
            message: expect.stringMatching(/^is not '\*' or a list of entity tags/),
          },
        ],
      }),
    );
  });
});

describe('If-None-Match', () => {
  const current = etagOf(at(3));

  it('matches the current tag with the weak comparison', () => {
    expect(isNotModified(`W/${current}`, current)).toBe(true);
    expect(isNotModified(`"r1", ${current}`, current)).toBe(true);
    expect(isNotModified('*', current)).toBe(true);
  });

  it('does not match another revision, the bare revision or an absent header', () => {
    expect(isNotModified(etagOf(at(2)), current)).toBe(false);
    expect(isNotModified('"r3"', current)).toBe(false);
    expect(isNotModified(undefined, current)).toBe(false);
  });

  it('names the tag only when the header lists it: the wildcard names none', () => {
    expect(namesTag(`W/${current}`, current)).toBe(true);
    expect(namesTag('*', current)).toBe(false);
    expect(namesTag(undefined, current)).toBe(false);
  });
});

describe('If-Match', () => {
  const current = etagOf(at(4));

  it('lets the write through when a listed strong tag is the current one', () => {
    expect(() => checkIfMatch(current, at(4))).not.toThrow();
    expect(() => checkIfMatch(`"r1", ${current}`, at(4))).not.toThrow();
  });

  it('sets no precondition without a header or with the wildcard', () => {
    expect(() => checkIfMatch(undefined, at(4))).not.toThrow();
    expect(() => checkIfMatch('*', at(4))).not.toThrow();
  });

  it('fails on another revision, another creation time or a weak tag, naming the current tag', () => {
    const stale = etagOf(at(3));
    expect(() => checkIfMatch(stale, at(4))).toThrow(PreconditionFailedError);
    expect(() => checkIfMatch(etagOf({ revision: 4, createdAt: 0 }), at(4))).toThrow(PreconditionFailedError);
    expect(() => checkIfMatch(`W/${current}`, at(4))).toThrow(PreconditionFailedError);
    expect(() => checkIfMatch(stale, at(4))).toThrow(
      `If-Match ${stale} does not match the current ETag ${current}`,
    );
  });

  it('refuses a tag that is not quoted as malformed, not as a precondition that failed', () => {
    expect(() => checkIfMatch('r4', at(4))).toThrow(InvalidInputError);
  });
});
