// The layout a scenario runs under: its CPython version's placements wherever it leaves them open, CPython
// 3.8's (the planning baseline) when it names no version, and its own layout entries above both.
import { describe, expect, it } from 'vitest';
import { type Bindings, runScenario } from '../../src/runtime-sim/index.js';
import { valid } from './helpers.js';

/** What main's and sub's `x` hold after both ran `op` binding `x`. */
function bothMake(
  op: Record<string, unknown>,
  options: { python?: string; layout?: Record<string, string> },
) {
  let bindings: Bindings = {};
  runScenario(
    valid({
      runs: 1,
      ...options,
      interpreters: [
        { name: 'main', program: [{ ...op, as: 'x' }] },
        { name: 'sub', program: [{ ...op, as: 'x' }] },
      ],
    }),
    { timing: false, onBindings: (b) => (bindings = b) },
  );
  const main = bindings.main!.x!;
  const sub = bindings.sub!.x!;
  return { immortal: [main.immortal, sub.immortal], same: main.object === sub.object };
}

describe('layout', () => {
  it('gives every interpreter the one immortal small int, in 3.12 and 3.13 (PEP 683)', () => {
    for (const python of ['3.12', '3.13']) {
      expect(bothMake({ op: 'small_int', value: 256 }, { python })).toEqual({
        immortal: [true, true],
        same: true,
      });
      expect(bothMake({ op: 'small_int', value: 257 }, { python })).toEqual({
        immortal: [false, false],
        same: false,
      });
    }
  });

  it('interns immortal strings in 3.12 and mortal ones in 3.13, each interpreter its own', () => {
    const intern = { op: 'intern', value: 'isoplan_probe_word' };
    expect(bothMake(intern, { python: '3.12' })).toEqual({ immortal: [true, true], same: false });
    expect(bothMake(intern, { python: '3.13' })).toEqual({ immortal: [false, false], same: false });
  });

  it("keeps CPython 3.8's placements when no version is named: one shared, mortal small int", () => {
    expect(bothMake({ op: 'small_int', value: 256 }, {})).toEqual({ immortal: [false, false], same: true });
  });

  it("lets the scenario's own layout entries win over its version's placements", () => {
    const layout = { 'unicode.interned': 'shared' };
    expect(bothMake({ op: 'intern', value: 'spam' }, { python: '3.12', layout })).toEqual({
      immortal: [false, false],
      same: true,
    });
  });
});
