import { describe, expect, it } from 'vitest';
import { wrapped, wrappedText } from '../../../src/cli/output/wrap.js';

describe('wrapped text', () => {
  it('starts the first line after its own lead and the others after the indent', () => {
    expect(wrapped(['one', 'two', 'three', 'four'], '    ', 16, '  note: ')).toBe(
      '  note: one two\n    three four',
    );
  });

  it('counts the columns a wide character takes, not its code units', () => {
    // Each of these CJK characters takes two columns: four of them fill eight.
    expect(wrapped(['漢字漢字', '漢字'], '', 12)).toBe('漢字漢字\n漢字');
  });

  it('keeps a word longer than the line whole, and a padded word never leaves blanks at either end', () => {
    expect(wrapped(['x'.repeat(12), 'y  '], '  ', 10)).toBe(`  ${'x'.repeat(12)}\n  y`);
    expect(wrapped(['key   ', ' (2 d)'], '  ', 9)).toBe('  key\n  (2 d)');
  });

  it('wraps each line of a text on its own, and nothing at all in a pipe (Infinity)', () => {
    expect(wrappedText('a b c d\ne f', '  ', 5, '')).toBe('a b c\n  d\n  e f');
    const long = 'word '.repeat(100).trim();
    expect(wrappedText(long, '  ', Number.POSITIVE_INFINITY)).toBe(`  ${long}`);
  });
});

describe('wrapped text of many lines', () => {
  it('keeps a line that fits as it is, spaces and all, and wraps a long one under its own leading spaces', () => {
    const text = '| a  | b |\n  - a list item that is far too long for the line';
    expect(wrappedText(text, '  ', 30)).toBe(
      '  | a  | b |\n    - a list item that is far\n    too long for the line',
    );
  });
});
