import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Check, Claim } from '../../../src/domain/model.js';
import { checkProblems, claimProblems } from '../../../src/domain/validation/catalog-checks.js';

describe('claims and checks against the catalog, on hostile input', () => {
  it('lists a claim that is not an object of strings as a problem instead of throwing', () => {
    const claims = [null, 1, { component: 1, placement: 'shared' }] as unknown as Claim[];
    expect(claimProblems(claims, 'claims').map((p) => p.path)).toEqual([
      'claims[0]',
      'claims[1]',
      'claims[2]',
    ]);
    expect(claimProblems('x' as unknown as Claim[], 'claims')).toEqual([
      { path: 'claims', message: 'claims must be an array' },
    ]);
  });

  it('lists a check that is not a named workload or program as a problem instead of throwing', () => {
    const checks = [null, 1, { name: 'a', workload: 7 }, { name: {}, program: [] }] as unknown as Check[];
    expect(checkProblems(checks, 'checks').map((p) => p.path)).toEqual([
      'checks[0]',
      'checks[1]',
      'checks[2]',
      'checks[3]',
    ]);
  });

  it('never throws, whatever it is given', () => {
    fc.assert(
      fc.property(fc.anything({ withNullPrototype: true, withObjectString: true }), (value) => {
        claimProblems(value as Claim[], 'claims');
        claimProblems([value] as Claim[], 'claims');
        checkProblems(value as Check[], 'checks');
        checkProblems([value] as Check[], 'checks');
      }),
      { numRuns: 500 },
    );
  });
});
