// The Docker files, checked without a Docker engine: the image's health check (Dockerfile HEALTHCHECK) run
// as Docker runs it, its shell command with the container's environment, against a real service; the
// ports docker-compose.yml publishes on the host; and which of its services Prometheus scrapes.
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

/** Every `ports:` entry of docker-compose.yml, as written (`"HOST_ADDRESS:HOST_PORT:CONTAINER_PORT"`). */
function publishedPorts(): string[] {
  const lines = readFileSync('docker-compose.yml', 'utf8').split('\n');
  const ports: string[] = [];
  lines.forEach((line, i) => {
    if (!/^\s*ports:\s*$/.test(line)) return;
    for (let j = i + 1; j < lines.length; j++) {
      const entry = /^\s*- "?([^"\s]+)"?\s*$/.exec(lines[j] ?? '');
      if (entry === null) break;
      ports.push(entry[1] as string);
    }
  });
  return ports;
}

describe('docker compose', () => {
  // A fresh service is open to anyone for reads and writes until a token exists (README: Access), and
  // Grafana starts with admin/admin: like `npm start` (HOST 127.0.0.1), they are this machine's only.
  // Docker publishes a bare "8080:8080" on every address of the host, past its firewall.
  it('publishes every port on the loopback address only', () => {
    const ports = publishedPorts();
    expect(ports.length).toBeGreaterThanOrEqual(4); // isoplan, the proxy, Prometheus, Grafana
    for (const port of ports) expect(port, port).toMatch(/^127\.0\.0\.1:\d+:\d+$/);
  });
});

/** Each service of docker-compose.yml by name, with the lines of its block as written. */
function composeServices(): Map<string, string> {
  const text = readFileSync('docker-compose.yml', 'utf8');
  const body = text.slice(text.indexOf('\nservices:\n'), text.indexOf('\nnetworks:\n'));
  const services = new Map<string, string>();
  for (const block of body.split(/\n(?= {2}[a-z0-9-]+:\s*\n)/).slice(1)) {
    const name = /^ {2}([a-z0-9-]+):/.exec(block)?.[1];
    if (name !== undefined) services.set(name, block);
  }
  return services;
}

/** The services that run `isoplan serve` (the image's command): isoplan's own, and not a worker. */
function isoplanServers(): string[] {
  return [...composeServices()]
    .filter(([, block]) => /image: isoplan:latest|<<: \*isoplan-postgres/.test(block))
    .filter(([, block]) => !/command: .*"worker"/.test(block))
    .map(([name]) => name);
}

/** What docs/prometheus/prometheus.yml scrapes, as `host:port`: static targets and DNS names with their port. */
function scrapedTargets(): string[] {
  const config = readFileSync('docs/prometheus/prometheus.yml', 'utf8').replace(/#.*$/gm, '');
  const targets = [...config.matchAll(/targets: \[([^\]]*)\]/g)].flatMap((m) =>
    [...(m[1] as string).matchAll(/"([^"]+)"/g)].map((t) => t[1] as string),
  );
  const named = [...config.matchAll(/- names: \[([^\]]*)\]\s+type: A\s+port: (\d+)/g)].flatMap((m) =>
    (m[1] as string).split(',').map((n) => `${n.trim().replace(/"/g, '')}:${m[2]}`),
  );
  return [...targets, ...named];
}

describe("the compose file's observability profile", () => {
  it('scrapes every isoplan process that serves HTTP, the PostgreSQL replicas too', () => {
    const servers = isoplanServers();
    expect(servers).toEqual(expect.arrayContaining(['isoplan', 'replica-1', 'replica-2']));
    expect(servers).not.toContain('worker');
    const scraped = scrapedTargets().filter((target) => target.endsWith(':8080'));
    expect(scraped.map((target) => target.replace(/:8080$/, '')).sort()).toEqual(servers.sort());
  });

  it('scrapes the workers on the metrics port their command gives, and probes their readiness there', () => {
    const worker = composeServices().get('worker') ?? '';
    const port = /command: .*"worker", "--metrics-port", "(\d+)"/.exec(worker)?.[1];
    expect(port).toBeDefined();
    expect(scrapedTargets()).toContain(`worker:${port}`);
    expect(worker).toContain(`http://127.0.0.1:${port}/readyz`);
  });
});
