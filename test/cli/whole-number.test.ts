// Whole-number options (`--trials`, `--seed`, `--people`, `--limit`) take decimal digits, as the API does.
import { InvalidArgumentError } from '@commander-js/extra-typings';
import { describe, expect, it } from 'vitest';
import { wholeNumber } from '../../src/cli/command.js';

describe('wholeNumber', () => {
  it('reads decimal digits, leading zeros included', () => {
    expect(wholeNumber('5000')).toBe(5000);
    expect(wholeNumber('0')).toBe(0);
    expect(wholeNumber('007')).toBe(7);
  });

  it('refuses hex, exponents, fractions, signs, blanks and the empty text', () => {
    for (const text of ['0x10', '1e3', '5.0', '-1', '+5', ' 5', '5 ', '', 'many'])
      expect(() => wholeNumber(text), text).toThrow(InvalidArgumentError);
  });

  it('refuses a number past the safe integers', () => {
    expect(() => wholeNumber('9007199254740993')).toThrow('must be a whole number');
  });
});
