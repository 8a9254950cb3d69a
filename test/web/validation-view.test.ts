import { describe, expect, it } from 'vitest';
import { interestingComponents, summarizeViolations } from '../../src/web/validation-view.js';

describe('summarizeViolations', () => {
  it('names each component and kind once, with a count, most frequent first', () => {
    const v = (component: string, kind: string) => ({ component, kind });
    expect(
      summarizeViolations([
        v('obmalloc', 'data-race'),
        v('gc', 'cross-interpreter-object'),
        v('obmalloc', 'data-race'),
      ]),
    ).toBe('obmalloc (data-race) ×2; gc (cross-interpreter-object)');
  });

  it('says nothing for no violations', () => {
    expect(summarizeViolations([])).toBe('');
  });
});

describe('interestingComponents', () => {
  it('keeps the components that something claims or checks', () => {
    const c = (component: string, claimed: string | null, verified: boolean | null) => ({
      component,
      claimed,
      verified,
    });
    const rows = [c('a', null, null), c('b', 'immortal', null), c('c', null, false), c('d', null, true)];
    expect(interestingComponents(rows).map((r) => r.component)).toEqual(['b', 'c', 'd']);
  });
});
