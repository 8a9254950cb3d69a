import { describe, expect, it } from 'vitest';
import { distinctCommits, shorterAbbreviations } from '../../../src/domain/ci/git-sha.js';

describe('git shas', () => {
  it('lists the shorter abbreviations of a sha down to seven digits', () => {
    expect(shorterAbbreviations('abc12345f')).toEqual(['abc1234', 'abc12345']);
    expect(shorterAbbreviations('abc1234')).toEqual([]);
  });

  it('counts the commits among shas that abbreviate one another once, by their longest sha', () => {
    expect(distinctCommits(['abc1234', 'abc1234def', 'abc1234d'])).toEqual(['abc1234def']);
    expect(distinctCommits(['abc1234e', 'abc1234', 'abc1234d'])).toEqual(['abc1234d', 'abc1234e']);
  });
});
