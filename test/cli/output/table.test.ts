import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createStyle, widthOf } from '../../../src/cli/output/style.js';
import { type Column, renderTable, truncate } from '../../../src/cli/output/table.js';

type Row = [string, string, string];
const columns = (style = createStyle({ colour: false, symbols: false })): Column<Row>[] => [
  { text: (r) => r[0], style: (t) => style.bold(t) },
  { text: (r) => r[1], flexible: true },
  { text: (r) => r[2], align: 'right' },
];

describe('renderTable', () => {
  it('aligns columns on their widest cell, right-aligning where asked, without trailing spaces', () => {
    const rows: Row[] = [
      ['a', 'short', '1'],
      ['a-much-longer-key', 'a title', '100'],
    ];
    expect(renderTable(rows, columns(), Number.POSITIVE_INFINITY)).toEqual([
      'a                  short      1',
      'a-much-longer-key  a title  100',
    ]);
  });

  it('cuts the flexible column with … to fit the width, never below its minimum', () => {
    const rows: Row[] = [['key', 'A title that is far too long for a narrow terminal', '3 d']];
    const [line] = renderTable(rows, columns(), 30);
    expect(line).toBe('key  A title that is far…  3 d');
    expect(line!.length).toBe(30);
    const [narrow] = renderTable(rows, columns(), 10);
    expect(narrow).toBe('key  A title tha…  3 d');
  });

  it('puts a key too long for its row on a line of its own, the row going on under it; short keys stay beside their titles', () => {
    const keyed = (): Column<Row>[] => [
      { text: (r) => r[0], ownLine: true },
      { text: (r) => r[1], flexible: true },
      { text: (r) => r[2], align: 'right' },
    ];
    const long = 'a-key-far-too-long-to-leave-its-title-any-room';
    const rows: Row[] = [
      ['short', 'A title for the short key', '1 d'],
      [long, 'The long key’s title', '20 d'],
    ];
    expect(renderTable(rows, keyed(), 36)).toEqual([
      'short  A title for the short…    1 d',
      long,
      '       The long key’s title     20 d',
    ]);
    // In a pipe (no width) nothing moves.
    expect(renderTable(rows, keyed(), Number.POSITIVE_INFINITY)).toHaveLength(2);
  });

  it('fits any rows into any width the minimums allow, styles or not (property)', () => {
    const cell = fc.stringMatching(/^[a-z0-9 .…-]{0,60}$/);
    fc.assert(
      fc.property(
        fc.array(fc.tuple(cell, cell, cell), { minLength: 1, maxLength: 8 }),
        fc.integer({ min: 20, max: 200 }),
        (rows, width) => {
          const plain = renderTable(rows as Row[], columns(), width);
          const styled = renderTable(
            rows as Row[],
            columns(createStyle({ colour: true, symbols: true })),
            width,
          );
          const fixed =
            Math.max(...rows.map((r) => [...r[0]].length)) + Math.max(...rows.map((r) => [...r[2]].length));
          for (const [i, line] of plain.entries()) {
            expect(widthOf(styled[i]!)).toBe(widthOf(line));
            if (fixed + 12 + 4 <= width) expect(widthOf(line)).toBeLessThanOrEqual(width);
          }
        },
      ),
    );
  });
});

describe('titles in any script', () => {
  // A terminal gives East Asian wide characters and emoji two columns, combining marks none.
  it('counts the columns a terminal gives each character', () => {
    expect(widthOf('日本語')).toBe(6);
    expect(widthOf('ok 🎉')).toBe(5);
    expect(widthOf('Café')).toBe(4);
    expect(widthOf('Cafe\u0301')).toBe(4);
    expect(widthOf('👩‍💻')).toBe(2);
    expect(widthOf('✓ ○ ◐ ✗ …')).toBe(9);
  });

  it('aligns rows with wide titles and cuts them to fit the terminal', () => {
    const rows: Row[] = [
      ['a', '日本語のタイトルはとても長いです', '1 d'],
      ['b', 'plain title', '2 d'],
    ];
    const aligned = renderTable(rows, columns(), Number.POSITIVE_INFINITY);
    expect(aligned.map((line) => widthOf(line))).toEqual([40, 40]);
    const cut = renderTable(rows, columns(), 25);
    expect(cut[0]).toBe('a  日本語のタイトル…  1 d');
    expect(cut.map((line) => widthOf(line))).toEqual([25, 25]);
  });

  it('never splits a character made of several code points', () => {
    expect(truncate('👩‍💻👩‍💻👩‍💻', 5)).toBe('👩‍💻👩‍💻…');
    expect(truncate('Cafe\u0301 au lait', 5)).toBe('Cafe\u0301…');
  });
});

describe('truncate', () => {
  it('leaves short text alone and ends cut text with … (no space before it)', () => {
    expect(truncate('abc', 3)).toBe('abc');
    expect(truncate('ab cdef', 4)).toBe('ab…');
    expect(truncate('abcdef', 1)).toBe('…');
  });
});
