import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { IdQueue } from '../../../src/domain/plan/id-queue.js';

describe('id queue', () => {
  it('gives back the smallest queued id first', () => {
    const queue = new IdQueue(100);
    for (const id of [42, 7, 99, 0, 31, 32]) queue.push(id);
    expect([queue.pop(), queue.pop(), queue.pop()]).toEqual([0, 7, 31]);
    queue.push(1);
    expect([queue.top(), queue.size]).toEqual([1, 4]);
  });

  it('behaves as a sorted list under any pushes and pops, at any capacity', () => {
    fc.assert(
      fc.property(
        // Half the runs on two levels (33 to 1024 ids), which push and pop take a path of their own for.
        fc.oneof(fc.integer({ min: 1, max: 40_000 }), fc.integer({ min: 33, max: 1024 })),
        fc.array(fc.tuple(fc.boolean(), fc.nat()), { maxLength: 300 }),
        (capacity, steps) => {
          const queue = new IdQueue(capacity);
          const model: number[] = [];
          for (const [push, x] of steps) {
            const id = x % capacity;
            if (push && !model.includes(id)) {
              queue.push(id);
              model.push(id);
              model.sort((a, b) => a - b);
            } else if (model.length > 0) {
              expect(queue.top()).toBe(model[0]);
              expect(queue.pop()).toBe(model.shift());
            }
            expect(queue.size).toBe(model.length);
          }
          queue.clear();
          expect(queue.size).toBe(0);
          queue.push(capacity - 1);
          expect(queue.pop()).toBe(capacity - 1);
        },
      ),
      { numRuns: 300 },
    );
  });
});
