import { readdir, readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY } from '../../../src/api/http/content-security-policy.js';
import { PROBLEM_BASE } from '../../../src/domain/errors.js';
import { createTestApp, PROBLEM_JSON, type TestApp } from '../test-app.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t.close();
});

describe('the dashboard routes', () => {
  it.each(['/', '/projects/per-interpreter-gil'])('answer %s with the page and a strict CSP', async (url) => {
    const res = await t.app.inject({ url });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(res.body).toContain('<script type="module" src="/assets/app.js">');
    expect(res.headers['content-security-policy']).toBe(CONTENT_SECURITY_POLICY);
    expect(res.headers['x-content-type-options']).toBe('nosniff');
  });

  it('forbids inline scripts, inline styles, eval, plugins and framing in the CSP', () => {
    const directives = new Map(
      CONTENT_SECURITY_POLICY.split(';').map((d) => {
        const [name, ...values] = d.trim().split(/\s+/);
        return [name, values] as const;
      }),
    );
    expect(directives.get('default-src')).toEqual(["'none'"]);
    expect(directives.get('script-src')).toEqual(["'self'"]);
    expect(directives.get('style-src')).toEqual(["'self'"]);
    expect(directives.get('object-src')).toEqual(["'none'"]);
    expect(directives.get('frame-ancestors')).toEqual(["'none'"]);
    expect(CONTENT_SECURITY_POLICY).not.toContain('unsafe');
  });

  it.each([
    ['/assets/app.js', 'text/javascript; charset=utf-8'],
    ['/assets/styles.css', 'text/css; charset=utf-8'],
    ['/assets/favicon.svg', 'image/svg+xml'],
    ['/assets/vendor/elk-worker.min.js', 'text/javascript; charset=utf-8'],
  ])('serves %s as %s with the CSP', async (url, type) => {
    const res = await t.app.inject({ url });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe(type);
    expect(res.headers['content-security-policy']).toBe(CONTENT_SECURITY_POLICY);
    expect(res.body.length).toBeGreaterThan(100);
  });

  it('answers 304 when the ETag is current', async () => {
    const first = await t.app.inject({ url: '/assets/app.js' });
    const again = await t.app.inject({
      url: '/assets/app.js',
      headers: { 'if-none-match': first.headers.etag },
    });
    expect(again.statusCode).toBe(304);
    expect(again.body).toBe('');
  });

  it('answers 304 to the ETag weakened by a proxy, or among others, as every route compares tags', async () => {
    const etag = (await t.app.inject({ url: '/assets/app.js' })).headers.etag as string;
    for (const header of [`W/${etag}`, `"other", ${etag}`]) {
      const again = await t.app.inject({ url: '/assets/app.js', headers: { 'if-none-match': header } });
      expect(again.statusCode, header).toBe(304);
      expect(again.headers.etag).toBe(etag);
    }
  });

  it.each([
    '/assets/../package.json',
    '/assets/..%2fpackage.json',
    '/assets/%2e%2e/%2e%2e/package.json',
    '/assets/..%5c..%5cpackage.json',
    '/assets/sub/app.js',
    '/assets/.hidden.js',
    '/assets/tsconfig.json',
    '/assets/index.html%00.js',
    '/assets/vendor/elk.bundled.js',
    '/assets/vendor/..%2f..%2fpackage.json',
  ])('refuses %s', async (url) => {
    const res = await t.app.inject({ url });
    expect(res.statusCode).toBe(404);
    expect(res.headers['content-type']).toBe(PROBLEM_JSON);
    expect(res.json()).toMatchObject({ type: `${PROBLEM_BASE}route-not-found`, status: 404 });
    expect(res.body).not.toContain('"name": "isoplan"');
  });

  it('keeps the dashboard routes out of the OpenAPI document', async () => {
    const res = await t.app.inject({ url: '/openapi.json' });
    const paths = Object.keys(res.json().paths);
    expect(paths).not.toContain('/');
    expect(paths.some((p) => p.startsWith('/assets') || p.startsWith('/projects'))).toBe(false);
    expect(paths).toContain('/v1/projects/{project}/events');
  });
});

describe('the front end under its CSP', () => {
  const webRoot = new URL('../../../src/web/', import.meta.url);

  it('has no inline script or style in its page', async () => {
    const html = await readFile(new URL('index.html', webRoot), 'utf8');
    expect(html).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
    expect(html).not.toMatch(/<style/);
    expect(html).not.toMatch(/\sstyle=/);
    expect(html).not.toMatch(/\son[a-z]+=/);
  });

  it('never parses markup or code from strings in its modules', async () => {
    const files = (await readdir(webRoot)).filter((f) => f.endsWith('.js'));
    expect(files.length).toBeGreaterThan(5);
    for (const file of files) {
      const code = await readFile(new URL(file, webRoot), 'utf8');
      for (const sink of [
        'innerHTML',
        'outerHTML',
        'insertAdjacentHTML',
        'document.write',
        'eval(',
        'new Function',
      ]) {
        expect(code.includes(sink), `${file} uses ${sink}`).toBe(false);
      }
    }
  });
});
