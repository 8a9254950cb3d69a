import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Check, IssueStatus } from '../../../src/domain/model.js';
import { canonicalJson, canonicalValidationInput } from '../../../src/domain/validation/index.js';

const statuses: IssueStatus[] = ['open', 'in_progress', 'done', 'wont_do'];
const inputArb = fc
  .uniqueArray(fc.stringMatching(/^[a-z]{1,4}$/), { minLength: 1, maxLength: 8 })
  .chain((keys) =>
    fc.record({
      issues: fc.tuple(
        ...keys.map((key) =>
          fc.record({
            key: fc.constant(key),
            status: fc.constantFrom(...statuses),
            claims: fc.array(
              fc.record({ component: fc.constantFrom('gc', 'obmalloc'), placement: fc.constant('locked') }),
              { maxLength: 2 },
            ),
            checks: fc.array(fc.record({ name: fc.string(), workload: fc.constantFrom('gc', 'allocator') }), {
              maxLength: 2,
            }),
          }),
        ),
      ),
      edges: fc.array(fc.record({ issue: fc.constantFrom(...keys), blockedBy: fc.constantFrom(...keys) }), {
        maxLength: 10,
      }),
      goal: fc.constant<Check[]>([]),
    }),
  );

describe('canonicalValidationInput', () => {
  it('is the same text whatever the order of issues and edges', () => {
    fc.assert(
      fc.property(inputArb, fc.integer(), (input, seed) => {
        const shuffle = <T>(xs: T[]) =>
          xs
            .map((x, i) => [x, (i * 7919 + seed) % 101] as const)
            .sort((a, b) => a[1] - b[1])
            .map(([x]) => x);
        const shuffled = {
          ...input,
          issues: shuffle(input.issues),
          edges: shuffle([...input.edges, ...input.edges]),
        };
        expect(canonicalValidationInput(shuffled)).toBe(canonicalValidationInput(input));
      }),
    );
  });

  it('changes when a status changes', () => {
    fc.assert(
      fc.property(inputArb, (input) => {
        const first = input.issues[0]!;
        const other = statuses.find((s) => s !== first.status)!;
        const changed = { ...input, issues: [{ ...first, status: other }, ...input.issues.slice(1)] };
        expect(canonicalValidationInput(changed)).not.toBe(canonicalValidationInput(input));
      }),
    );
  });

  it('sorts object keys at every level', () => {
    expect(canonicalJson({ b: 1, a: [{ d: 2, c: undefined, b: null }] })).toBe(
      '{"a":[{"b":null,"d":2}],"b":1}',
    );
  });
});
