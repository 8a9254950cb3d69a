import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FinishList } from '../../../src/domain/forecast/finish-list.js';

describe('finish list', () => {
  it('gives back issues by finish, then by id', () => {
    const list = new FinishList(4);
    for (const [time, id] of [
      [3, 1],
      [1.5, 9],
      [3, 0],
      [0, 4],
    ] as const)
      list.push(time, id);
    const out: number[] = [];
    while (list.size > 0) out.push(list.pop());
    expect(out).toEqual([4, 9, 0, 1]);
  });

  it('behaves as a list sorted by (time, id) under any pushes and pops within its capacity', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 6 }),
        fc.array(fc.tuple(fc.boolean(), fc.constantFrom(0, 0.5, 1, 2, 2.5, 7), fc.nat(20))),
        (capacity, steps) => {
          const list = new FinishList(capacity);
          const model: [number, number][] = [];
          for (const [push, time, id] of steps) {
            if (push && model.length < capacity) {
              list.push(time, id);
              model.push([time, id]);
              model.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
            } else if (model.length > 0) {
              expect(list.topTime()).toBe(model[0]![0]);
              expect(list.topId()).toBe(model[0]![1]);
              expect(list.pop()).toBe(model.shift()![1]);
            }
            expect(list.size).toBe(model.length);
          }
        },
      ),
    );
  });
});
