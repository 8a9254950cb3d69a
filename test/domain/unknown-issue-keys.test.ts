import { describe, expect, it } from 'vitest';
import { assertKnownIssueKeys } from '../../src/domain/unknown-issue-keys.js';
import { invalidInputFrom } from './invalid-input.js';

const known = new Set(['a', 'b']);
const isKnown = (key: string) => known.has(key);

describe('assertKnownIssueKeys', () => {
  it('accepts keys the project knows, repeated or not', () => {
    expect(() => assertKnownIssueKeys(['a', 'b', 'a'], isKnown, 'done')).not.toThrow();
  });

  it('names each unknown key once, at its first position, and all of them in unknownKeys', () => {
    const error = invalidInputFrom(() =>
      assertKnownIssueKeys(['ghost', 'a', 'ghost', 'nope'], isKnown, 'done'),
    );
    expect(error.errors).toEqual([
      { path: 'done[0]', message: "unknown issue 'ghost'" },
      { path: 'done[3]', message: "unknown issue 'nope'" },
    ]);
    expect(error.extensions.unknownKeys).toEqual(['ghost', 'nope']);
    expect(error.detail).toBe('unknown issue keys: ghost, nope');
  });

  it('names the project in the detail when given', () => {
    const error = invalidInputFrom(() => assertKnownIssueKeys(['x'], isKnown, 'assumeDone', 'demo'));
    expect(error.detail).toBe("unknown issue keys in project 'demo': x");
    expect(error.errors).toEqual([{ path: 'assumeDone[0]', message: "unknown issue 'x'" }]);
  });
});
