// Every case CPython 3.12 and 3.13 were observed on runs through the simulator and reports what CPython
// reported (cpython-observations.ts compares). A case that carries a `deviation` must still differ (so a
// fixed deviation is noticed) and be named in the simulator README's deviation list.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cases, differences } from './cpython-observations.js';

const README = readFileSync(join(import.meta.dirname, '../../src/runtime-sim/README.md'), 'utf8');

describe('the simulator against CPython 3.12 and 3.13, case by recorded case', () => {
  it('has the recorded cases, every one observed in each version it lists, without a crash', () => {
    expect(cases.length).toBeGreaterThanOrEqual(150);
    for (const c of cases) {
      for (const v of c.versions) {
        expect(c.observed[v], `${c.id} ${v}`).toBeDefined();
        expect(c.observed[v]!.process, `${c.id} ${v}`).toBeUndefined();
      }
    }
  });

  const agreeing = cases.filter((c) => c.deviation === undefined);
  it.each(agreeing.flatMap((c) => c.versions.map((v) => ({ id: c.id, v, c }))))('$id in $v', ({ c, v }) => {
    expect(differences(c, v)).toEqual([]);
  });

  const deviating = cases.filter((c) => c.deviation !== undefined);
  it.each(deviating.map((c) => ({ id: c.id, c })))('$id deviates as its README entry says', ({ c }) => {
    expect(c.versions.flatMap((v) => differences(c, v)).length).toBeGreaterThan(0);
    expect(README).toContain(c.deviation!);
  });
});
