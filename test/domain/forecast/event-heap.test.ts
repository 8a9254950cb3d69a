import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { EventHeap } from '../../../src/domain/forecast/event-heap.js';

describe('event heap', () => {
  it('gives back events by time, then by id', () => {
    const heap = new EventHeap(8);
    for (const [time, id] of [
      [3, 1],
      [1.5, 9],
      [3, 0],
      [0, 4],
    ] as const)
      heap.push(time, id);
    const out: number[] = [];
    while (heap.size > 0) out.push(heap.pop());
    expect(out).toEqual([4, 9, 0, 1]);
  });

  it('behaves as a list sorted by (time, id) under any pushes and pops', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.boolean(), fc.constantFrom(0, 0.5, 1, 2, 2.5, 7), fc.nat(20))),
        (steps) => {
          const heap = new EventHeap(steps.length);
          const model: [number, number][] = [];
          for (const [push, time, id] of steps) {
            if (push) {
              heap.push(time, id);
              model.push([time, id]);
              model.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
            } else if (model.length > 0) {
              expect(heap.topTime()).toBe(model[0]![0]);
              expect(heap.topId()).toBe(model[0]![1]);
              expect(heap.pop()).toBe(model.shift()![1]);
            }
          }
        },
      ),
    );
  });
});
