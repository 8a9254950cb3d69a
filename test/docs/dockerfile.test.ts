// The image's health check (Dockerfile HEALTHCHECK), run as Docker runs it: its shell command, with the
// container's environment, against a real service. No Docker engine is needed for that.
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, listenOnLoopback, type TestApp } from '../api/test-app.js';

const run = promisify(execFile);

/** The command of the Dockerfile's HEALTHCHECK (shell form: `/bin/sh -c`, as Docker runs it). */
function healthcheckCommand(): string {
  const line = readFileSync('Dockerfile', 'utf8')
    .split('\n')
    .find((l) => l.startsWith('HEALTHCHECK '));
  const command = /\bCMD (.*)$/.exec(line ?? '')?.[1];
  if (command === undefined) throw new Error('the Dockerfile has no HEALTHCHECK … CMD line');
  return command;
}

/** The exit code of the health check in a container whose environment is `env`. */
async function healthcheck(env: Record<string, string>): Promise<number> {
  try {
    await run('/bin/sh', ['-c', healthcheckCommand()], { env: { PATH: process.env.PATH, ...env } });
    return 0;
  } catch (error) {
    return (error as { code?: number }).code ?? -1;
  }
}

/** A loopback port nothing listens on. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

let t: TestApp;
let port: number;
beforeAll(async () => {
  t = await createTestApp();
  port = await listenOnLoopback(t.app);
});
afterAll(() => t.close());

describe("the image's health check", () => {
  it('is healthy when the service answers ready on the port the container sets (PORT)', async () => {
    expect(await healthcheck({ PORT: String(port) })).toBe(0);
  });

  it('is unhealthy when nothing answers on that port', async () => {
    expect(await healthcheck({ PORT: String(await closedPort()) })).toBe(1);
  });
});
