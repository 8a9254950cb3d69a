import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { EventHeap } from '../../../src/domain/forecast/event-heap.js';
import { FinishList } from '../../../src/domain/forecast/finish-list.js';

// The levelled scheduler's two forms of its running issues (a sorted list for small crews, a heap beyond):
// the same contract, checked alike.
describe.each([
  ['event heap', (capacity: number) => new EventHeap(capacity)],
  ['finish list', (capacity: number) => new FinishList(capacity)],
])('%s', (_, make) => {
  it('gives back events by time, then by id', () => {
    const running = make(4);
    for (const [time, id] of [
      [3, 1],
      [1.5, 9],
      [3, 0],
      [0, 4],
    ] as const)
      running.push(time, id);
    const out: number[] = [];
    while (running.size > 0) out.push(running.pop());
    expect(out).toEqual([4, 9, 0, 1]);
  });

  it('behaves as a list sorted by (time, id) under any pushes and pops within its capacity', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 40 }),
        fc.array(fc.tuple(fc.boolean(), fc.constantFrom(0, 0.5, 1, 2, 2.5, 7), fc.nat(20)), {
          maxLength: 200,
        }),
        (capacity, steps) => {
          const running = make(capacity);
          const model: [number, number][] = [];
          for (const [push, time, id] of steps) {
            if (push && model.length < capacity) {
              running.push(time, id);
              model.push([time, id]);
              model.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
            } else if (model.length > 0) {
              expect(running.topTime()).toBe(model[0]![0]);
              expect(running.topId()).toBe(model[0]![1]);
              expect(running.pop()).toBe(model.shift()![1]);
            }
            expect(running.size).toBe(model.length);
          }
        },
      ),
    );
  });
});
