import { describe, expect, it } from 'vitest';
import { type Caller, decideAccess, type RouteScope } from '../../../src/domain/access/access-decision.js';

const open = { publicRead: true };
const closed = { publicRead: false };
const anonymous: Caller = { kind: 'anonymous' };
const token = (scope: 'read' | 'write' | 'admin', project: string | null = null): Caller => ({
  kind: 'token',
  scope,
  project,
});
const route = (scope: RouteScope, project?: string) => ({ scope, project });

describe('who may call a route', () => {
  it('lets anyone call public and webhook routes, whatever token they send', () => {
    for (const scope of ['public', 'github-webhook'] as const) {
      for (const caller of [
        anonymous,
        token('read', 'other'),
        { kind: 'refused', reason: 'revoked' } as const,
      ]) {
        expect(decideAccess(route(scope, 'p'), caller, closed)).toEqual({ kind: 'allow' });
      }
    }
  });

  it('refuses a token that was sent but cannot be used, even where none is needed', () => {
    for (const reason of ['malformed', 'invalid', 'revoked', 'expired'] as const) {
      expect(decideAccess(route('read'), { kind: 'refused', reason }, open)).toEqual({
        kind: 'unauthenticated',
        reason,
      });
    }
  });

  it('lets anonymous reads through while public read is on, and no read once it is off', () => {
    expect(decideAccess(route('read', 'p'), anonymous, open)).toEqual({ kind: 'allow' });
    expect(decideAccess(route('read', 'p'), anonymous, closed)).toEqual({
      kind: 'unauthenticated',
      reason: 'missing',
    });
  });

  it('leaves an anonymous write to whether auth is configured, while public read is on', () => {
    expect(decideAccess(route('write', 'p'), anonymous, open)).toEqual({ kind: 'open-unless-configured' });
    expect(decideAccess(route('admin'), anonymous, open)).toEqual({ kind: 'open-unless-configured' });
    expect(decideAccess(route('write', 'p'), anonymous, closed)).toEqual({
      kind: 'unauthenticated',
      reason: 'missing',
    });
  });

  it('never lets token management through without a token', () => {
    expect(
      decideAccess({ scope: 'admin', project: undefined, alwaysNeedsToken: true }, anonymous, open),
    ).toEqual({
      kind: 'unauthenticated',
      reason: 'missing',
    });
  });

  it("needs the route's scope or a larger one", () => {
    expect(decideAccess(route('write', 'p'), token('read'), open)).toEqual({
      kind: 'insufficient-scope',
      required: 'write',
      granted: 'read',
    });
    expect(decideAccess(route('admin'), token('write'), open)).toMatchObject({ kind: 'insufficient-scope' });
    expect(decideAccess(route('write', 'p'), token('write'), open)).toEqual({ kind: 'allow' });
    expect(decideAccess(route('read', 'p'), token('admin'), closed)).toEqual({ kind: 'allow' });
  });

  it("hides other projects from a project-limited token, whatever the route's scope", () => {
    for (const scope of ['read', 'write', 'admin'] as const) {
      expect(decideAccess(route(scope, 'other'), token('admin', 'mine'), open)).toEqual({
        kind: 'hidden-project',
        project: 'other',
      });
    }
    expect(decideAccess(route('write', 'mine'), token('write', 'mine'), open)).toEqual({ kind: 'allow' });
  });

  it('lets a project-limited token read outside projects, and do nothing else there', () => {
    expect(decideAccess(route('read'), token('read', 'mine'), closed)).toEqual({ kind: 'allow' });
    expect(decideAccess(route('admin'), token('admin', 'mine'), open)).toEqual({
      kind: 'outside-project',
      project: 'mine',
    });
  });

  it('keeps what shows every project (the metrics) from a project-limited token, and lets others read it', () => {
    const metrics = { scope: 'read' as const, project: undefined, everyProject: true };
    expect(decideAccess(metrics, token('admin', 'mine'), open)).toEqual({
      kind: 'outside-project',
      project: 'mine',
    });
    expect(decideAccess(metrics, token('read'), closed)).toEqual({ kind: 'allow' });
    expect(decideAccess(metrics, anonymous, open)).toEqual({ kind: 'allow' });
  });
});
