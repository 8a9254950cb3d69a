import { describe, expect, it } from 'vitest';
import { SCOPES, scopeAllows } from '../../../src/domain/access/scope.js';

describe('scopes', () => {
  it('write implies read, admin implies both, and nothing implies a larger scope', () => {
    const allowed = SCOPES.flatMap((granted) =>
      SCOPES.filter((required) => scopeAllows(granted, required)).map(
        (required) => `${granted}>=${required}`,
      ),
    );
    expect(allowed).toEqual([
      'read>=read',
      'write>=read',
      'write>=write',
      'admin>=read',
      'admin>=write',
      'admin>=admin',
    ]);
  });
});
