import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fitView, MAX_SCALE, MIN_SCALE, panBy, zoomAt } from '../../src/web/viewport.js';

describe('zoomAt', () => {
  it('keeps the drawing point under the cursor in place', () => {
    fc.assert(
      fc.property(
        fc.double({ min: -500, max: 500, noNaN: true }),
        fc.double({ min: -500, max: 500, noNaN: true }),
        fc.double({ min: 0.1, max: 3, noNaN: true }),
        fc.double({ min: 0.5, max: 2, noNaN: true }),
        fc.double({ min: 0, max: 800, noNaN: true }),
        fc.double({ min: 0, max: 600, noNaN: true }),
        (x, y, k, factor, px, py) => {
          const before = { x, y, k };
          const after = zoomAt(before, factor, px, py);
          // The drawing point under (px, py) before and after.
          expect((px - after.x) / after.k).toBeCloseTo((px - before.x) / before.k, 6);
          expect((py - after.y) / after.k).toBeCloseTo((py - before.y) / before.k, 6);
        },
      ),
    );
  });

  it('clamps the scale', () => {
    expect(zoomAt({ x: 0, y: 0, k: 1 }, 1000, 0, 0).k).toBe(MAX_SCALE);
    expect(zoomAt({ x: 0, y: 0, k: 1 }, 0.00001, 0, 0).k).toBe(MIN_SCALE);
  });
});

describe('fitView', () => {
  it('centres a small drawing at natural size', () => {
    expect(fitView(100, 50, 300, 150)).toEqual({ k: 1, x: 100, y: 50 });
  });

  it('shrinks a large drawing to fit', () => {
    const view = fitView(2000, 500, 1000, 500);
    expect(view.k).toBe(0.5);
    expect(view.x).toBe(0);
    expect(view.y).toBe(125);
  });
});

describe('panBy', () => {
  it('moves the drawing by the pointer movement', () => {
    expect(panBy({ x: 1, y: 2, k: 3 }, 10, -5)).toEqual({ x: 11, y: -3, k: 3 });
  });
});
