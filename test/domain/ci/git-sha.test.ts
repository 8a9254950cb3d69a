import { describe, expect, it } from 'vitest';
import { distinctCommits, sameCommit, shorterAbbreviations } from '../../../src/domain/ci/git-sha.js';

describe('git shas', () => {
  it('takes two shas for one commit when one begins the other', () => {
    expect(sameCommit('abc1234', 'abc1234def')).toBe(true);
    expect(sameCommit('abc1234def', 'abc1234')).toBe(true);
    expect(sameCommit('abc1234d', 'abc1234e')).toBe(false);
  });

  it('lists the shorter abbreviations of a sha down to seven digits', () => {
    expect(shorterAbbreviations('abc12345f')).toEqual(['abc1234', 'abc12345']);
    expect(shorterAbbreviations('abc1234')).toEqual([]);
  });

  it('counts the commits among shas that abbreviate one another once, by their longest sha', () => {
    expect(distinctCommits(['abc1234', 'abc1234def', 'abc1234d'])).toEqual(['abc1234def']);
    expect(distinctCommits(['abc1234e', 'abc1234', 'abc1234d'])).toEqual(['abc1234d', 'abc1234e']);
  });
});
