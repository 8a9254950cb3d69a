// The server entry in process: migrations and the demo on first start, nothing
// duplicated on the next, and a close that releases the database.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer } from '../../src/cli/server.js';
import { loadConfig } from '../../src/config.js';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'isoplan-server-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

const config = (env: Record<string, string> = {}) =>
  loadConfig({ PORT: '0', LOG_LEVEL: 'silent', DATABASE_URL: 'file:./nested/dir/server.db', ...env }, dir);

type Page = { items: unknown[] };
const getPage = (url: string): Promise<Page> => fetch(url).then((r) => r.json() as Promise<Page>);

async function demoIssueCount(): Promise<{ projects: number; issues: number; history: number }> {
  const server = await startServer(config());
  try {
    const projects = await getPage(`${server.url}/v1/projects`);
    const issues = await getPage(`${server.url}/v1/projects/per-interpreter-gil/issues?limit=500`);
    const history = await getPage(`${server.url}/v1/projects/per-interpreter-gil/history?limit=500`);
    return { projects: projects.items.length, issues: issues.items.length, history: history.items.length };
  } finally {
    await server.close();
  }
}

describe('startServer', () => {
  it('creates the database, migrates it and loads the demo once, not again on restart', async () => {
    const first = await demoIssueCount();
    expect(first.projects).toBe(1);
    expect(first.issues).toBeGreaterThan(10);
    const second = await demoIssueCount();
    expect(second).toEqual(first);
  });

  it('skips the demo with ISOPLAN_DEMO=0', async () => {
    const server = await startServer(config({ DATABASE_URL: 'file:./empty.db', ISOPLAN_DEMO: '0' }));
    try {
      const projects = await getPage(`${server.url}/v1/projects`);
      expect(projects.items).toEqual([]);
      const ready = await fetch(`${server.url}/readyz`);
      expect(ready.status).toBe(200);
    } finally {
      await server.close();
    }
  });

  it('stops answering once closed', async () => {
    const server = await startServer(config({ DATABASE_URL: 'file:./closed.db', ISOPLAN_DEMO: '0' }));
    await server.close();
    await server.close(); // idempotent
    await expect(fetch(`${server.url}/healthz`)).rejects.toThrow();
  });
});
