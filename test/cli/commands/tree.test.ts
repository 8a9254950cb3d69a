import { describe, expect, it } from 'vitest';
import { renderTree, type TreeNode } from '../../../src/cli/commands/tree.js';
import { createStyle } from '../../../src/cli/output/style.js';

const plain = createStyle({ colour: false, symbols: false });
const node = (key: string, title: string, children: TreeNode[] = []): TreeNode => ({
  key,
  title,
  status: 'open',
  children,
});

describe('renderTree', () => {
  it('puts the title of a key that leaves it no room on the next line, under the mark, within the width', () => {
    const long = `a-${'very-'.repeat(12)}long-key`;
    const lines = renderTree(
      [node('meta', 'The meta issue', [node(long, 'Its title, cut to fit the line'), node('b', 'Short')])],
      plain,
      60,
    );
    expect(lines).toEqual([
      'open meta  The meta issue',
      `|- open ${long}`,
      '|    Its title, cut to fit the line',
      '`- open b  Short',
    ]);
    expect(lines.filter((line) => line.length > 60 && !line.endsWith(long))).toEqual([]);
  });
});
