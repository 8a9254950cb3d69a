// The CLI's client of a running service, against real loopback servers that answer as the network and
// proxies may: late, cut in the middle, redirected. Each is one clear line and the exit code of EXIT.
import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { answerWithinMs } from '../../../src/cli/backend/answer-window.js';
import { ServiceTimeoutError } from '../../../src/cli/backend/api-client.js';
import { createRemoteBackend } from '../../../src/cli/backend/remote.js';
import { EXIT } from '../../../src/cli/command.js';
import { reportError, SERVER_HINT } from '../../../src/cli/errors.js';
import { main } from '../../../src/cli/main.js';
import { jobWaitMs } from '../../../src/store/job-wait.js';
import { capturedIo, runIsoplan } from '../cli-harness.js';

const servers: Server[] = [];
afterEach(async () => {
  for (const server of servers.splice(0)) {
    server.closeAllConnections();
    await new Promise((done) => server.close(done));
  }
});

/** A loopback HTTP server answering every request with `answer`; its URL. */
async function serving(
  answer: (request: IncomingMessage, response: ServerResponse) => void,
): Promise<string> {
  const server = createServer(answer);
  servers.push(server);
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

const PROJECTS = JSON.stringify({ items: [{ slug: 'p' }], nextCursor: null });

/** A loopback server answering every request with an HTML page of `status` (a proxy's, another server's). */
const servingPage = (status: number, page: string) =>
  serving((_, response) => response.writeHead(status, { 'content-type': 'text/html' }).end(page));

/** `isoplan ...argv` in this process: its exit code and standard error. */
async function isoplan(...argv: string[]): Promise<{ code: number; err: string }> {
  const io = capturedIo(tmpdir());
  const code = await main(argv, io);
  return { code, err: io.err() };
}

describe('the wait for an answer', () => {
  it('is longer than the longest the service waits for a queued job, whatever its expiry', () => {
    for (const expire of [1, 120, 600, 86400])
      expect(answerWithinMs(expire)).toBeGreaterThan(jobWaitMs(expire));
    // With the service's defaults: 8 min 30 s for the job, 9 min for the answer; Node's fetch gave up at 5.
    expect(jobWaitMs()).toBe(510_000);
    expect(answerWithinMs(120)).toBe(540_000);
  });

  it('hears an answer that comes late, within the wait', async () => {
    const url = await serving((_, response) => {
      setTimeout(() => response.writeHead(200, { 'content-type': 'application/json' }).end(PROJECTS), 600);
    });
    const backend = createRemoteBackend({ baseUrl: url, answerWithinMs: 5000 });
    expect(await backend.projects()).toEqual([{ slug: 'p' }]);
  });

  it('past the wait, says the service did not answer in time and may still be at work (exit 1)', async () => {
    const url = await serving(() => {});
    const backend = createRemoteBackend({ baseUrl: url, answerWithinMs: 1000 });
    const error = await backend.validate('p').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ServiceTimeoutError);
    const io = capturedIo(tmpdir());
    expect(reportError(error, 'check', io)).toBe(EXIT.failure);
    expect(io.err()).toBe(
      `isoplan check: the isoplan service at ${url} did not answer within 1 s, the longest it may take (a ` +
        'validation or CI check waiting for a worker): it may still be at work on the request, or the ' +
        'network dropped it; try again. A service with a longer ISOPLAN_JOB_EXPIRE_SECONDS may take longer: ' +
        'set the same for isoplan\n',
    );
  });

  it('takes the service expiry from ISOPLAN_JOB_EXPIRE_SECONDS, and refuses a bad one naming it (exit 2)', async () => {
    const io = capturedIo(tmpdir());
    io.env = { ISOPLAN_JOB_EXPIRE_SECONDS: 'ten' };
    expect(await main(['--server', 'http://127.0.0.1:9', 'ready', '-p', 'p'], io)).toBe(EXIT.usage);
    expect(io.err()).toMatch(
      /^isoplan: invalid configuration:\n {2}ISOPLAN_JOB_EXPIRE_SECONDS: .*\(got "ten"\)\n$/,
    );
  });
});

describe('an answer that does not come whole', () => {
  it('says the connection closed in the middle of the answer, not a stack trace (exit 1)', async () => {
    const url = await serving((_, response) => {
      response.writeHead(200, { 'content-type': 'application/json', 'content-length': '1000' });
      response.write(PROJECTS.slice(0, 10));
      setTimeout(() => response.destroy(), 50);
    });
    const { code, err } = await isoplan('--server', url, 'ready');
    expect(code).toBe(EXIT.failure);
    expect(err).toBe(
      `isoplan ready: the isoplan service at ${url} was reached, but the connection closed in the middle of ` +
        'its answer (200), before all of it had arrived: it may have stopped or restarted. A change asked for ' +
        'may or may not have been made: look before asking again\n',
    );
  });

  it('says a service that went away before answering was reached, not that it cannot be (exit 1)', async () => {
    const url = await serving((request) => request.socket.destroy());
    const { code, err } = await isoplan('--server', url, 'ready');
    expect(code).toBe(EXIT.failure);
    expect(err).toBe(
      `isoplan ready: the isoplan service at ${url} was reached, but the connection closed before it ` +
        'answered (ECONNRESET): it may have stopped or restarted. A change asked for may or may not have ' +
        'been made: look before asking again\n',
    );
  });

  it('names where a redirect goes rather than following it with the token (exit 1)', async () => {
    const url = await serving((_, response) => {
      response.writeHead(301, { location: 'https://isoplan.example/v1/projects' }).end();
    });
    const { code, err } = await isoplan(
      '--server',
      url,
      '--token',
      'a-token-of-sixteen-chars-or-more',
      'ready',
    );
    expect(code).toBe(EXIT.failure);
    expect(err).toBe(
      'isoplan ready: the service answered 301 Moved Permanently, to https://isoplan.example/v1/projects: ' +
        'give that address as --server (or ISOPLAN_SERVER)\n',
    );
  });

  it('says an answer without a problem document is one, with its status (exit 1)', async () => {
    const url = await servingPage(502, '<html>Bad Gateway</html>');
    const { code, err } = await isoplan('--server', url, 'ready');
    expect(code).toBe(EXIT.failure);
    expect(err).toBe(
      'isoplan ready: the service answered 502 Bad Gateway, without a problem document saying why\n',
    );
  });

  it('says a success that is not JSON (a login page in place of the service) is no isoplan answer, not a stack trace (exit 1)', async () => {
    const url = await servingPage(200, '<html>Sign in</html>');
    const { code, err } = await isoplan('--server', url, 'ready');
    expect(code).toBe(EXIT.failure);
    expect(err).toBe(
      `isoplan ready: ${url} answered 200 OK with text/html, not the JSON of isoplan's API: is --server ` +
        '(or ISOPLAN_SERVER) the address of an isoplan service, not of a proxy or its login page?\n',
    );
  });

  it('says an answer with a status HTTP does not define is no isoplan answer, not a stack trace (exit 1)', async () => {
    const url = await servingPage(999, '<html>?</html>');
    const { code, err } = await isoplan('--server', url, 'ready', '-p', 'p', '--format', 'json');
    expect(err).toBe(
      `isoplan ready: ${url} answered 999 unknown with text/html, not the JSON of isoplan's API: is --server (or ` +
        'ISOPLAN_SERVER) the address of an isoplan service, not of a proxy or its login page?\n',
    );
    expect(code).toBe(EXIT.failure);
  });

  it('after a 404 of no route, says --server must be the address of an isoplan service (exit 1)', async () => {
    const url = await servingPage(404, '<html>File not found</html>');
    const { code, err } = await isoplan('--server', `${url}/api`, 'ready');
    expect(code).toBe(EXIT.failure);
    expect(err).toBe(
      'isoplan ready: the service answered 404 Not Found, without a problem document saying why\n' +
        `${SERVER_HINT}\n`,
    );
  });
});

describe('a service over https', () => {
  /** A self-signed certificate for 127.0.0.1 (test/fixtures/tls), trusted by no one unless told. */
  const CERT = resolve(import.meta.dirname, '../../fixtures/tls/loopback-cert.pem');
  const KEY = resolve(import.meta.dirname, '../../fixtures/tls/loopback-key.pem');

  async function servingTls(): Promise<string> {
    const server = createHttpsServer({ cert: readFileSync(CERT), key: readFileSync(KEY) }, (_, response) => {
      response.writeHead(200, { 'content-type': 'application/json' }).end(PROJECTS);
    });
    servers.push(server);
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    return `https://127.0.0.1:${(server.address() as AddressInfo).port}`;
  }

  it('whose certificate is not trusted is not reached, and the message says how to trust it (exit 1)', async () => {
    const url = await servingTls();
    const { code, err } = await isoplan('--server', url, 'ready', '-p', 'p', '--format', 'json');
    expect(code).toBe(EXIT.failure);
    expect(err).toBe(
      `isoplan ready: cannot reach the isoplan service at ${url}: self-signed certificate ` +
        '(DEPTH_ZERO_SELF_SIGNED_CERT): to trust the certificate authority of the service, set ' +
        'NODE_EXTRA_CA_CERTS to its PEM file\n',
    );
  });

  it('that is in fact plain http is said to be so, not a certificate to trust (exit 1)', async () => {
    const url = (await serving((_, response) => response.end(PROJECTS))).replace('http:', 'https:');
    const { code, err } = await isoplan('--server', url, 'ready', '-p', 'p', '--format', 'json');
    expect(code).toBe(EXIT.failure);
    expect(err).toBe(
      `isoplan ready: cannot reach the isoplan service at ${url}: it does not answer in TLS there ` +
        '(EPROTO: wrong version number): is its address http://, not https://?\n',
    );
  });

  it('is talked to once its certificate authority is trusted (NODE_EXTRA_CA_CERTS)', async () => {
    const url = await servingTls();
    const { code, stderr } = await runIsoplan(tmpdir(), { NODE_EXTRA_CA_CERTS: CERT }, [
      '--server',
      url,
      'export',
      '-p',
      'p',
    ]);
    expect(stderr).toBe('');
    expect(code).toBe(EXIT.ok);
  });
});
