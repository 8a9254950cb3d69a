import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { listQueryOf } from '../../../src/api/schemas/common.js';

describe('a list query parameter', () => {
  const dates = listQueryOf(z.string());

  it('takes every value, repeated or comma-separated', () => {
    expect(dates.parse(['a,b', 'c'])).toEqual(['a', 'b', 'c']);
  });

  it('takes at most 2,000 values, as a list of the project document does', () => {
    const many = Array.from({ length: 2001 }, (_, i) => `d${i}`);
    expect(dates.safeParse(many.slice(0, 2000)).success).toBe(true);
    const refused = dates.safeParse([many.join(',')]);
    expect(refused.success).toBe(false);
    expect(refused.error?.issues[0]?.message).toMatch(/2000/);
  });
});
