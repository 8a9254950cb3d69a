// Errors no route sees: the HTTP parser's (Node's clientError), on a real socket, with the server's
// timeouts as `isoplan serve` sets them. Each is a problem+json document like every other error.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serverTimeouts } from '../../../src/cli/server.js';
import { DEFAULT_LIMITS } from '../../../src/config.js';
import { PROBLEM_BASE } from '../../../src/domain/errors.js';
import { exchange, openSocket, type RawResponse, rawRequest } from '../raw-http.js';
import { createTestApp, listenOnLoopback, PROBLEM_JSON, type TestApp } from '../test-app.js';

const REQUEST_TIMEOUT_MS = 3000;
const HEADERS_TIMEOUT_MS = 1500;

let t: TestApp;
let port: number;
beforeAll(async () => {
  t = await createTestApp(
    {},
    {},
    {},
    serverTimeouts({
      ...DEFAULT_LIMITS,
      requestTimeoutMs: REQUEST_TIMEOUT_MS,
      headersTimeoutMs: HEADERS_TIMEOUT_MS,
    }),
  );
  port = await listenOnLoopback(t.app);
});
afterAll(() => t.close());

function expectProblem(res: RawResponse, status: number, type: string): Record<string, unknown> {
  expect(res.status).toBe(status);
  expect(res.headers['content-type']).toBe(PROBLEM_JSON);
  const body = JSON.parse(res.body) as Record<string, unknown>;
  expect(body).toMatchObject({ type: PROBLEM_BASE + type, status });
  expect(typeof body.title).toBe('string');
  expect(typeof body.detail).toBe('string');
  return body;
}

/** The 431 refusals counted in the metrics so far. */
async function countedHeadersTooLarge(): Promise<number> {
  const { values } = await t.app.services.metrics.refusals.get();
  return (
    values.find((v) => v.labels.type === 'headers-too-large' && v.labels.status_code === 431)?.value ?? 0
  );
}

const JSON_POST = (path: string, extra = '') =>
  `POST ${path} HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n${extra}`;

describe('errors of the HTTP parser', () => {
  it('answers headers over the size limit with a 431 problem', async () => {
    const res = await rawRequest(port, [
      `GET /healthz HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(20_000)}\r\n\r\n`,
    ]);
    const body = expectProblem(res, 431, 'headers-too-large');
    expect(body.detail).toMatch(/exceed \d+ bytes/);
  });

  it('counts what it refuses in the metrics, by problem type', async () => {
    const before = await countedHeadersTooLarge();
    await rawRequest(port, [`GET /healthz HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(20_000)}\r\n\r\n`]);
    expect(await countedHeadersTooLarge()).toBe(before + 1);
  });

  it('counts a refused request once, however much of it is still arriving after the refusal', async () => {
    const before = await countedHeadersTooLarge();
    // Headers of 200 kB arrive in several reads: Node's parser reports each read after the first too.
    const socket = await openSocket(port);
    const closed = new Promise((resolve) => socket.once('close', resolve));
    try {
      const res = await exchange(socket, [
        `GET /healthz HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(200_000)}\r\n\r\n`,
      ]);
      expect(res.status).toBe(431);
      await closed; // the server has read all it will read, and cut the connection
    } finally {
      socket.destroy();
    }
    expect(await countedHeadersTooLarge()).toBe(before + 1);
  });

  it('answers a malformed request line with a 400 problem naming what the parser refused', async () => {
    const res = await rawRequest(port, ['GARBAGE / NOT-HTTP\r\n\r\n']);
    const body = expectProblem(res, 400, 'malformed-request');
    expect(body.detail).toMatch(/not valid HTTP\/1\.1/);
    expect(body).not.toHaveProperty('instance');
  });

  it('answers chunk extensions over the limit with a 413 problem', async () => {
    const res = await rawRequest(port, [
      `${JSON_POST('/v1/sim/run', 'Transfer-Encoding: chunked\r\n')}\r\n1;${'x'.repeat(20_000)}\r\n`,
    ]);
    expectProblem(res, 413, 'payload-too-large');
  });

  it.each([
    ['a header without a colon', 'GET /healthz HTTP/1.1\r\nHost: x\r\nno colon here\r\n\r\n'],
    ['an unknown HTTP version', 'GET /healthz HTTP/7.1\r\nHost: x\r\n\r\n'],
    ['a control character in the path', 'GET /heal\u0001thz HTTP/1.1\r\nHost: x\r\n\r\n'],
    [
      'two different Content-Lengths',
      `${JSON_POST('/v1/projects', 'Content-Length: 2\r\nContent-Length: 3\r\n')}\r\n{}`,
    ],
    [
      'a broken chunk size',
      `${JSON_POST('/v1/projects', 'Transfer-Encoding: chunked\r\n')}\r\nzz\r\n{}\r\n0\r\n\r\n`,
    ],
  ])('answers %s with a 400 problem', async (_what, request) => {
    expectProblem(await rawRequest(port, [request]), 400, 'malformed-request');
  });

  it('cuts a body sent at one byte a second at the configured request timeout, with a 408 problem', async () => {
    const body = '{"slug":"slow","name":"Slow"}';
    const chunks = [`${JSON_POST('/v1/projects', `Content-Length: ${body.length}\r\n`)}\r\n`, ...body];
    const res = await rawRequest(port, chunks, { gapMs: 1000, timeoutMs: REQUEST_TIMEOUT_MS + 10_000 });
    const problem = expectProblem(res, 408, 'request-timeout');
    expect(problem.instance).toBe('/v1/projects');
    expect(problem.detail).toContain(`${REQUEST_TIMEOUT_MS} ms`);
    // Node checks timeouts at an interval (a tenth of the header timeout here): the cut comes near the limit,
    // not a whole default interval (30 s) later. The bound leaves room for a loaded machine's stalls.
    expect(res.elapsedMs).toBeGreaterThanOrEqual(REQUEST_TIMEOUT_MS - 100);
    expect(res.elapsedMs).toBeLessThan(REQUEST_TIMEOUT_MS + 5000);
    const created = await t.app.inject({ url: '/v1/projects/slow' });
    expect(created.statusCode).toBe(404); // nothing half-received was acted on
  });

  it('cuts headers that do not arrive whole within the header timeout, with a 408 problem', async () => {
    const socket = await openSocket(port);
    try {
      const res = await exchange(socket, ['GET /healthz HTTP/1.1\r\n', 'Host: x\r\n'], {
        gapMs: 100,
        timeoutMs: HEADERS_TIMEOUT_MS + 10_000,
      });
      expectProblem(res, 408, 'request-timeout');
      expect(res.elapsedMs).toBeLessThan(HEADERS_TIMEOUT_MS + 5000);
    } finally {
      socket.destroy();
    }
  });

  it('still answers well-formed requests on new connections afterwards', async () => {
    const res = await rawRequest(port, ['GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n']);
    expect(res.status).toBe(200);
  });
});
