import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { commitStatus, DESCRIPTION_LIMIT } from '../../../src/domain/ci/commit-status.js';
import { truncate } from '../../../src/domain/ci/truncate.js';

describe('commitStatus', () => {
  it('is pending, with no target, before any check run of the sha', () => {
    expect(commitStatus('gil', { kind: 'none' })).toEqual({
      state: 'pending',
      description: 'No isoplan check run for this commit yet',
      context: 'isoplan/gil',
      target_url: null,
    });
  });

  it('maps the check run conclusion to a state, neutral being a success that says so', () => {
    const of = (conclusion: 'success' | 'failure' | 'neutral') =>
      commitStatus('gil', { kind: 'check-run', conclusion, title: 'T', targetUrl: 'http://x/1' });
    expect(of('success')).toMatchObject({ state: 'success', description: 'T', target_url: 'http://x/1' });
    expect(of('failure')).toMatchObject({ state: 'failure', description: 'T' });
    expect(of('neutral')).toMatchObject({ state: 'success', description: 'Neutral: T' });
  });

  it('is an error when the check run cannot be read', () => {
    expect(commitStatus('gil', { kind: 'unreadable', targetUrl: null }).state).toBe('error');
  });

  it('never has a description longer than 140 characters (property)', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: 'binary', maxLength: 400 }),
        fc.constantFrom('success', 'failure', 'neutral'),
        (title, conclusion) => {
          const { description } = commitStatus('p', {
            kind: 'check-run',
            conclusion,
            title,
            targetUrl: null,
          });
          expect(description.length).toBeLessThanOrEqual(DESCRIPTION_LIMIT);
          expect([...description].length).toBeLessThanOrEqual(DESCRIPTION_LIMIT);
        },
      ),
    );
  });

  it('cuts a long description with an ellipsis', () => {
    const { description } = commitStatus('p', {
      kind: 'check-run',
      conclusion: 'failure',
      title: `3 of 3 marked issues fail their checks; 40 regressions (${Array.from({ length: 40 }, (_, k) => `bpo-${k}`).join(', ')})`,
      targetUrl: null,
    });
    expect(description).toHaveLength(140);
    expect(description.endsWith('…')).toBe(true);
  });
});

describe('truncate', () => {
  it('leaves text that fits alone', () => {
    expect(truncate('abc', 3)).toBe('abc');
  });

  it('does not split a surrogate pair', () => {
    expect(truncate('ab😀cd', 4)).toBe('ab…');
  });
});
