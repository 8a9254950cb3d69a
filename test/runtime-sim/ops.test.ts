import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  exercisedComponents,
  getComponent,
  OP_NAMES,
  OPS,
  type Op,
  OpSchema,
  opLabel,
  workloads,
} from '../../src/runtime-sim/index.js';

describe('the op table', () => {
  it('defines every op once, in OP_NAMES order, each with its semantics', () => {
    expect(OP_NAMES).toEqual(Object.keys(OPS));
    for (const name of OP_NAMES) expect(OPS[name].semantics, name).not.toBe('');
  });

  it('is the scenario format the README documents: every op in its ops table', () => {
    const readme = readFileSync(new URL('../../src/runtime-sim/README.md', import.meta.url), 'utf8');
    const table = readme.slice(readme.indexOf('### Ops'), readme.indexOf('## Detectors'));
    for (const name of OP_NAMES) expect(table, name).toContain(`\`${name}\``);
  });

  it('labels a step by its op and operands, as reports show it', () => {
    const ops: [Op, string][] = [
      [{ op: 'alloc', type: 'tuple', as: 't' }, 'alloc(tuple) as t'],
      [{ op: 'decref', ref: 't' }, 'decref(t)'],
      [{ op: 'intern', value: 'spam' }, 'intern("spam")'],
      [{ op: 'send_raw', ref: 't', to: 'sub' }, 'send_raw(t) to sub'],
      [{ op: 'repeat', times: 3, body: [] }, 'repeat(3)'],
      [{ op: 'gc' }, 'gc'],
    ];
    for (const [op, label] of ops) {
      expect(OpSchema.safeParse(op).success).toBe(true);
      expect(opLabel(op)).toBe(label);
    }
  });
});

describe('exercisedComponents', () => {
  it('finds the components a program touches, through loops and workloads, in the order it touches them', () => {
    const program: Op[] = [
      { op: 'alloc', type: 'object', as: 'o' },
      {
        op: 'repeat',
        times: 2,
        body: [
          { op: 'alloc', type: 'tuple', as: 't' },
          { op: 'free', ref: 't' },
        ],
      },
      { op: 'workload', name: 'gc' },
      { op: 'import', module: '_decimal' },
      { op: 'touch', component: 'warnings' },
    ];
    expect([...exercisedComponents(program)]).toEqual([
      'obmalloc',
      'freelist.tuple',
      'gc',
      'ext:_decimal',
      'import',
      'warnings',
    ]);
  });

  it('gives each workload its components, every one a catalog component', () => {
    for (const w of workloads) {
      expect(w.components, w.name).toEqual([...exercisedComponents(w.program)]);
      for (const id of w.components) expect(getComponent(id), `${w.name}: ${id}`).toBeDefined();
    }
  });

  it('never throws, whatever it is given', () => {
    fc.assert(
      fc.property(fc.array(fc.anything({ withNullPrototype: true, withObjectString: true })), (program) => {
        exercisedComponents(program);
        exercisedComponents([
          { op: 'repeat', body: program },
          { op: 'alloc', type: program },
        ]);
      }),
      { numRuns: 300 },
    );
  });
});
