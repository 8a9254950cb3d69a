import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { toMermaid } from '../../../src/cli/output/graph-formats.js';

const node = (key: string, title: string) => ({ key, title, status: 'open' as const });

describe('toMermaid', () => {
  it('keeps a title with line breaks, quotes and markup on its node line, as <br/> and entity codes', () => {
    const text = toMermaid(
      [node('gh-1', 'Line one\nLine "two"\r\n<b>#3</b> & more\rlast\u2028sep\ttab')],
      [],
    );
    expect(text.split('\n')[1]).toBe(
      '  n0["gh-1<br/>Line one<br/>Line #34;two#34;<br/>#60;b#62;#35;3#60;/b#62; #38; more<br/>last<br/>sep tab"]:::open',
    );
  });

  it('writes one line per node and per edge whatever the titles hold, each label closed by its own quote', () => {
    fc.assert(
      fc.property(fc.array(fc.string({ unit: 'binary' }), { minLength: 1, maxLength: 5 }), (titles) => {
        const nodes = titles.map((t, i) => node(`k${i}`, t));
        const edges = titles.slice(1).map((_, i) => ({ issue: `k${i + 1}`, blockedBy: `k${i}` }));
        const lines = toMermaid(nodes, edges).trimEnd().split('\n');
        expect(lines).toHaveLength(1 + nodes.length + edges.length + 4);
        for (const [i, line] of lines.slice(1, 1 + nodes.length).entries()) {
          expect(line).toMatch(new RegExp(`^  n${i}\\["[^"\\n\\r\\u2028\\u2029]*"\\]:::open$`));
        }
      }),
    );
  });
});
