// Every operation of /openapi.json against every kind of caller: no token, a wrong token, a revoked one,
// an expired one, a token limited to another project, a token whose scope is one too small, and one with
// the operation's own scope. Generated from the document, so that a new route is tried like the others
// (and a route without a scope decision keeps the app from starting: test/api/plugins/auth.test.ts).
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RouteScope } from '../../src/domain/access/access-decision.js';
import { SCOPES, type Scope } from '../../src/domain/access/scope.js';
import { newTokenSecret } from '../../src/domain/access/token-secret.js';
import { PROBLEM_BASE } from '../../src/domain/errors.js';
import { createTestApp, givenIssue, givenProject, givenToken, type TestApp } from './test-app.js';

type Operation = { method: string; path: string; scope: RouteScope; everyProject: boolean };
type Case =
  | 'no token'
  | 'wrong token'
  | 'revoked'
  | 'expired'
  | 'other project'
  | 'too small a scope'
  | 'right scope';
type Expected = 'passes' | 'unauthorized' | 'insufficient-scope' | 'token-limited-to-project' | 'hidden';

const PROJECT = 'matrix';
const OTHER = 'matrix-other';

/** The operations of the document, read from an app of their own. */
async function operations(): Promise<Operation[]> {
  const t = await createTestApp();
  try {
    const doc = (await t.app.inject({ method: 'GET', url: '/openapi.json' })).json() as {
      paths: Record<
        string,
        Record<string, { 'x-isoplan-scope'?: RouteScope; 'x-isoplan-every-project'?: boolean }>
      >;
    };
    return Object.entries(doc.paths).flatMap(([path, methods]) =>
      Object.entries(methods).map(([method, operation]) => ({
        method: method.toUpperCase(),
        path,
        scope: operation['x-isoplan-scope'] as RouteScope,
        everyProject: operation['x-isoplan-every-project'] === true,
      })),
    );
  } finally {
    await t.close();
  }
}

const ALL = await operations();

/** What a caller of this kind must get on an operation. */
function expected(operation: Operation, kind: Case, publicRead: boolean): Expected {
  const { scope } = operation;
  if (scope === 'public' || scope === 'github-webhook') return 'passes';
  const inProject = operation.path.includes('{project}');
  switch (kind) {
    case 'no token':
      return scope === 'read' && publicRead ? 'passes' : 'unauthorized';
    case 'wrong token':
    case 'revoked':
    case 'expired':
      return 'unauthorized';
    case 'other project':
      if (inProject) return 'hidden';
      return scope === 'read' && !operation.everyProject ? 'passes' : 'token-limited-to-project';
    case 'too small a scope':
      return 'insufficient-scope';
    case 'right scope':
      return 'passes';
  }
}

/** One scope below, or null for `read`. */
const smaller = (scope: Scope): Scope | null => SCOPES[SCOPES.indexOf(scope) - 1] ?? null;

describe.each([true, false])('with public read %s', (publicRead) => {
  let t: TestApp;
  let base: string;
  const bearers = new Map<string, string>();

  beforeAll(async () => {
    t = await createTestApp({ publicRead });
    await t.app.listen({ host: '127.0.0.1', port: 0 });
    base = `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}`;
    await givenProject(t.stores, { slug: PROJECT });
    await givenProject(t.stores, { slug: OTHER });
    await givenIssue(t.stores, PROJECT, { key: 'a' });
    await givenIssue(t.stores, PROJECT, { key: 'b' });
    for (const scope of SCOPES) {
      bearers.set(`${scope} in project`, (await givenToken(t.stores, { scope, project: PROJECT })).secret);
      bearers.set(`${scope} anywhere`, (await givenToken(t.stores, { scope })).secret);
    }
    bearers.set('other project', (await givenToken(t.stores, { scope: 'admin', project: OTHER })).secret);
    bearers.set('revoked', (await givenToken(t.stores, { scope: 'admin', revoked: true })).secret);
    bearers.set(
      'expired',
      (await givenToken(t.stores, { scope: 'admin', expiresAt: new Date(Date.now() - 1) })).secret,
    );
    bearers.set('wrong token', newTokenSecret());
  });
  afterAll(() => t.close());

  /** The token text of a kind of caller on an operation, or null for none (or when the case does not apply). */
  function tokenFor(operation: Operation, kind: Case): string | null | undefined {
    const where = operation.path.includes('{project}') ? 'in project' : 'anywhere';
    const scope = operation.scope as Scope;
    switch (kind) {
      case 'no token':
        return null;
      case 'too small a scope': {
        const below = smaller(scope);
        return below === null ? undefined : bearers.get(`${below} ${where}`);
      }
      case 'right scope':
        return bearers.get(`${scope} ${where}`);
      default:
        return bearers.get(kind);
    }
  }

  async function call(operation: Operation, token: string | null) {
    const url = operation.path
      .replace('{project}', PROJECT)
      .replace('{key}', 'a')
      .replace('{blocker}', 'b')
      .replace('{id}', '999999')
      .replace('{badge}', 'progress');
    const headers: Record<string, string> = {
      // A write that gets through changes nothing: no ETag is ever "r0".
      'if-match': '"r0"',
    };
    if (token !== null) headers.authorization = `Bearer ${token}`;
    const hasBody = ['POST', 'PUT', 'PATCH'].includes(operation.method);
    if (hasBody) headers['content-type'] = 'application/json';
    const controller = new AbortController();
    const res = await fetch(`${base}${url}`, {
      method: operation.method,
      headers,
      body: hasBody ? '{}' : undefined,
      signal: controller.signal,
    });
    // An event stream never ends: its status and headers are the answer.
    const body = res.headers.get('content-type')?.startsWith('text/event-stream') ? '' : await res.text();
    controller.abort();
    return { status: res.status, body, problem: parseProblem(body) };
  }

  // Public read changes only what a caller without a token gets: with it off, the other kinds of caller
  // are tried once more only with the right scope, to keep the suite fast.
  const KINDS: Case[] = publicRead
    ? ['no token', 'wrong token', 'revoked', 'expired', 'other project', 'too small a scope', 'right scope']
    : ['no token', 'right scope'];

  it.each(ALL.map((op) => [`${op.method} ${op.path}`, op] as const))('%s', async (_name, operation) => {
    expect(operation.scope, 'the operation names its scope').toBeDefined();
    const answers = new Map<Case, Awaited<ReturnType<typeof call>>>();
    for (const kind of KINDS) {
      if (operation.scope === 'public' || operation.scope === 'github-webhook') {
        if (kind === 'too small a scope' || kind === 'right scope') continue;
      }
      const token = tokenFor(operation, kind);
      if (token === undefined) continue; // nothing is smaller than read
      const answer = await call(operation, token);
      answers.set(kind, answer);
      const what = `${kind}: ${answer.status} ${answer.body.slice(0, 200)}`;
      switch (expected(operation, kind, publicRead)) {
        case 'passes':
          expect(answer.status, what).not.toBe(401);
          expect(answer.status, what).not.toBe(429);
          expect(answer.problem?.type ?? '', what).not.toMatch(
            /unauthorized|insufficient-scope|token-limited-to-project/,
          );
          expect(answer.problem?.detail, what).not.toBe(`project '${PROJECT}' does not exist`);
          break;
        case 'unauthorized':
          expect(answer.status, what).toBe(401);
          expect(answer.problem?.type, what).toBe(`${PROBLEM_BASE}unauthorized`);
          break;
        case 'insufficient-scope':
          expect(answer.status, what).toBe(403);
          expect(answer.problem?.type, what).toBe(`${PROBLEM_BASE}insufficient-scope`);
          break;
        case 'token-limited-to-project':
          expect(answer.status, what).toBe(403);
          expect(answer.problem?.type, what).toBe(`${PROBLEM_BASE}token-limited-to-project`);
          break;
        case 'hidden':
          expect(answer.status, what).toBe(404);
          expect(answer.problem?.detail, what).toBe(`project '${PROJECT}' does not exist`);
          break;
      }
    }
    // Public routes answer every caller alike: they never look at a token.
    if (operation.scope === 'public' || operation.scope === 'github-webhook') {
      expect(new Set([...answers.values()].map((a) => a.status)).size, operation.path).toBe(1);
    }
  });
});

function parseProblem(body: string): { type?: string; detail?: string } | null {
  try {
    return JSON.parse(body) as { type?: string; detail?: string };
  } catch {
    return null;
  }
}
