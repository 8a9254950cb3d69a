// The dashboard: `/` (project list) and `/projects/:project` answer the same page,
// whose script routes by location; `/assets/<file>` serves the files of src/web
// and `/assets/vendor/<file>` the layout engine (elkjs) from node_modules. No build
// step: the page is plain ES modules. A strict Content-Security-Policy rides on
// every response: scripts, styles, workers and fetches from this origin only, no
// inline script or style, no eval (elkjs runs without it, in a worker).
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { extname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { notModified } from '../http/conditional.js';
import { CONTENT_SECURITY_POLICY } from '../http/content-security-policy.js';
import { problem, sendProblem } from '../http/problem.js';

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
};

/** One plain file name: no separators, no dot segments, a known extension. */
const ASSET_NAME = /^[a-z0-9][a-z0-9-]*\.(?:js|css|svg)$/;

// src/api/routes -> src/web when run from source; dist/src/api/routes -> src/web when built.
function findWebRoot(): string {
  const candidates = ['../../web', '../../../../src/web'].map((p) =>
    fileURLToPath(new URL(p, import.meta.url)),
  );
  return candidates.find((dir) => existsSync(join(dir, 'index.html'))) ?? (candidates[0] as string);
}

function vendorFiles(): Map<string, string> {
  const require = createRequire(import.meta.url);
  return new Map([['elk-worker.min.js', require.resolve('elkjs/lib/elk-worker.min.js')]]);
}

function securityHeaders(reply: FastifyReply): FastifyReply {
  return reply
    .header('content-security-policy', CONTENT_SECURITY_POLICY)
    .header('x-content-type-options', 'nosniff')
    .header('referrer-policy', 'no-referrer')
    .header('cross-origin-opener-policy', 'same-origin');
}

export interface DashboardRouteOptions {
  /** The folder of the front end; src/web by default. */
  webRoot?: string;
}

export const dashboardRoutes: FastifyPluginAsync<DashboardRouteOptions> = async (app, options) => {
  const webRoot = options.webRoot ?? findWebRoot();
  const vendor = vendorFiles();

  async function sendFile(request: FastifyRequest, reply: FastifyReply, path: string) {
    const info = await stat(path).catch(() => null);
    if (info === null || !info.isFile()) return notFound(request, reply);
    // The front end is edited in place (no build), so revalidate every time; the ETag makes that cheap.
    const etag = `"${createHash('sha1').update(`${path}:${info.size}:${info.mtimeMs}`).digest('base64url')}"`;
    securityHeaders(reply)
      .header('content-type', CONTENT_TYPES[extname(path)] ?? 'application/octet-stream')
      .header('cache-control', 'no-cache');
    if (notModified(request, reply, etag)) return reply.code(304).send();
    return reply.send(await readFile(path));
  }

  // Like every other error of the service: a problem document (the CSP rides along).
  function notFound(request: FastifyRequest, reply: FastifyReply) {
    return sendProblem(
      securityHeaders(reply),
      problem(request, {
        type: 'route-not-found',
        title: 'Not found',
        status: 404,
        detail: `no dashboard file at ${request.url.split('?')[0]}`,
      }),
    );
  }

  const page = (request: FastifyRequest, reply: FastifyReply) =>
    sendFile(request, reply, join(webRoot, 'index.html'));
  // The page and its files are public: the page asks for a token when the API refuses a read. They cost no
  // rate budget: files from disk, and a page load fetches dozens of them (the API reads it makes do count).
  // Each sends an ETag, so each answers If-Match (412) as it answers If-None-Match (304).
  const hidden = {
    config: { scope: 'public' as const, cost: 0, honoursIfMatch: true as const },
    schema: { hide: true },
  };

  app.get('/', hidden, page);
  app.get('/projects/:project', hidden, page);
  app.get('/assets/vendor/:file', hidden, (request, reply) => {
    const path = vendor.get((request.params as { file: string }).file);
    return path === undefined ? notFound(request, reply) : sendFile(request, reply, path);
  });
  app.get('/assets/*', hidden, (request, reply) => {
    const name = (request.params as { '*': string })['*'];
    return ASSET_NAME.test(name) ? sendFile(request, reply, join(webRoot, name)) : notFound(request, reply);
  });
};
