import { describe, expect, it } from 'vitest';
import { closestName, editDistance } from '../../src/domain/closest-name.js';

describe('editDistance', () => {
  it('counts a swap of two neighbours as one edit', () => {
    expect(editDistance('stauts', 'status')).toBe(1);
  });

  it('counts insertions, deletions and substitutions', () => {
    expect(editDistance('', 'abc')).toBe(3);
    expect(editDistance('limit', 'limits')).toBe(1);
    expect(editDistance('seed', 'send')).toBe(1);
    expect(editDistance('kitten', 'sitting')).toBe(3);
  });
});

describe('closestName', () => {
  const names = ['people', 'trials', 'seed', 'target', 'holidays'];

  it('finds the name a typo was meant to be', () => {
    expect(closestName('trails', names)).toBe('trials');
    expect(closestName('holiday', names)).toBe('holidays');
  });

  it('compares without case', () => {
    expect(closestName('Trials', names)).toBe('trials');
  });

  it('suggests nothing when no name is close', () => {
    expect(closestName('format', names)).toBeUndefined();
    expect(closestName('x', names)).toBeUndefined();
    expect(closestName('trials', [])).toBeUndefined();
  });

  it('takes fewer edits for a short word: one for up to five letters', () => {
    expect(closestName('sede', ['seed'])).toBe('seed');
    expect(closestName('sd', ['seed'])).toBeUndefined();
  });
});
