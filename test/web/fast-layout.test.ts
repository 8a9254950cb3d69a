import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fastLayout } from '../../src/web/fast-layout.js';

const node = (id: string) => ({ id, width: 100, height: 40 });
const edge = (source: string, target: string) => ({ id: `${source}->${target}`, source, target });

/** A random DAG: edges only from a lower to a higher index. */
const dag = fc.integer({ min: 1, max: 40 }).chain((n) =>
  fc.array(fc.tuple(fc.nat(n - 1), fc.nat(n - 1)), { maxLength: n * 3 }).map((pairs) => ({
    nodes: Array.from({ length: n }, (_, i) => node(`n${i}`)),
    edges: [
      ...new Map(
        pairs
          .filter(([a, b]) => a !== b)
          .map(([a, b]) => {
            const [s, t] = a < b ? [a, b] : [b, a];
            return [`${s}-${t}`, edge(`n${s}`, `n${t}`)];
          }),
      ).values(),
    ],
  })),
);

describe('fastLayout', () => {
  it('places every blocker in a column left of what it blocks', () => {
    fc.assert(
      fc.property(dag, ({ nodes, edges }) => {
        const layout = fastLayout(nodes, edges);
        for (const e of edges) {
          const a = layout.nodes.get(e.source)!;
          const b = layout.nodes.get(e.target)!;
          expect(a.x + a.width).toBeLessThan(b.x);
        }
      }),
    );
  });

  it('never overlaps two nodes and keeps them inside the drawing', () => {
    fc.assert(
      fc.property(dag, ({ nodes, edges }) => {
        const layout = fastLayout(nodes, edges);
        const boxes = [...layout.nodes.values()];
        expect(boxes).toHaveLength(nodes.length);
        for (const [i, a] of boxes.entries()) {
          expect(a.x).toBeGreaterThanOrEqual(0);
          expect(a.y).toBeGreaterThanOrEqual(0);
          expect(a.x + a.width).toBeLessThanOrEqual(layout.width);
          expect(a.y + a.height).toBeLessThanOrEqual(layout.height);
          for (const b of boxes.slice(i + 1)) {
            const apart =
              a.x + a.width <= b.x || b.x + b.width <= a.x || a.y + a.height <= b.y || b.y + b.height <= a.y;
            expect(apart).toBe(true);
          }
        }
      }),
    );
  });

  it('draws a path for every edge, from the right side of the blocker to the left side of the blocked', () => {
    const layout = fastLayout([node('a'), node('b')], [edge('a', 'b')]);
    const a = layout.nodes.get('a')!;
    const b = layout.nodes.get('b')!;
    const d = layout.edges.get('a->b')!;
    expect(d.startsWith(`M${a.x + a.width} ${a.y + a.height / 2}C`)).toBe(true);
    expect(d.endsWith(`${b.x} ${b.y + b.height / 2}`)).toBe(true);
  });

  it('lays out a thousand issues in well under the page budget', () => {
    const nodes = Array.from({ length: 1000 }, (_, i) => node(`n${i}`));
    const edges = nodes.flatMap((_, i) =>
      i === 0 ? [] : [edge(`n${Math.floor(i / 2)}`, `n${i}`), edge(`n${i - 1}`, `n${i}`)],
    );
    const layout = fastLayout(nodes, edges);
    expect(layout.nodes.size).toBe(1000);
  });
});
