import { describe, expect, it } from 'vitest';
import { acceptsEncoding } from '../../../src/api/http/accept-encoding.js';

describe('acceptsEncoding', () => {
  it('takes a coding the header names, with or without a quality above 0', () => {
    expect(acceptsEncoding('gzip', 'gzip')).toBe(true);
    expect(acceptsEncoding('deflate, GZIP;q=0.5, br', 'gzip')).toBe(true);
  });

  it('refuses a coding named with quality 0, even where * would take it', () => {
    expect(acceptsEncoding('gzip;q=0', 'gzip')).toBe(false);
    expect(acceptsEncoding('*, gzip; q=0', 'gzip')).toBe(false);
  });

  it('takes any coding through * unless * has quality 0', () => {
    expect(acceptsEncoding('*', 'gzip')).toBe(true);
    expect(acceptsEncoding('*;q=0', 'gzip')).toBe(false);
  });

  it('takes nothing but the identity without a header, or with one that names other codings', () => {
    expect(acceptsEncoding(undefined, 'gzip')).toBe(false);
    expect(acceptsEncoding('br, identity', 'gzip')).toBe(false);
    expect(acceptsEncoding('', 'gzip')).toBe(false);
  });

  it('answers a header asked about again as it did the first time, and another header or coding afresh', () => {
    expect(acceptsEncoding('gzip', 'gzip')).toBe(true);
    expect(acceptsEncoding('gzip', 'br')).toBe(false);
    expect(acceptsEncoding('gzip;q=0', 'gzip')).toBe(false);
    expect(acceptsEncoding('gzip', 'gzip')).toBe(true);
    expect(acceptsEncoding('gzip;q=0', 'gzip')).toBe(false);
  });
});
