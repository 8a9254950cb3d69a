// Durability: `isoplan serve` killed with SIGKILL in the middle of a burst of writes
// keeps, after a restart, every write it answered with a 2xx. Loopback only, bounded
// in count (300 creations, 4 at a time) and in time.
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const BIN = resolve(import.meta.dirname, '../../bin/isoplan');
const WRITES = 300;
const CONCURRENCY = 4;
const KILL_AFTER = 120;

let dir: string;
const children: ChildProcess[] = [];

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'isoplan-durability-'));
});
afterAll(async () => {
  for (const child of children) if (child.exitCode === null) child.kill('SIGKILL');
  await rm(dir, { recursive: true, force: true });
});

/** Starts `isoplan serve` on a free loopback port; resolves with its URL from the start-up log. */
function serve(): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, [BIN, 'serve'], {
    cwd: dir,
    env: {
      ...process.env,
      PORT: '0',
      HOST: '127.0.0.1',
      DATABASE_URL: 'file:./durable.db',
      ISOPLAN_DEMO: '0',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  let stderr = '';
  child.stderr?.on('data', (chunk) => {
    stderr += chunk;
  });
  return new Promise((done, fail) => {
    const timer = setTimeout(() => fail(new Error(`serve did not start in time: ${stderr}`)), 45_000);
    child.once('exit', (code) => fail(new Error(`serve exited with ${code}: ${stderr}`)));
    createInterface({ input: child.stdout! }).on('line', (line) => {
      try {
        const record = JSON.parse(line) as { url?: string; msg?: string };
        if (record.url && record.msg?.startsWith('isoplan listening')) {
          clearTimeout(timer);
          done({ child, url: record.url });
        }
      } catch {
        // Not a log record: ignore.
      }
    });
  });
}

function exited(child: ChildProcess): Promise<void> {
  return new Promise((done) =>
    child.exitCode !== null || child.signalCode !== null ? done() : child.once('exit', () => done()),
  );
}

describe('isoplan serve under SIGKILL', () => {
  it('keeps every write it answered with a 2xx', async () => {
    const first = await serve();
    const created = await fetch(`${first.url}/v1/projects`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ slug: 'durable', name: 'Durable' }),
    });
    expect(created.status).toBe(201);

    const acknowledged: string[] = [];
    let answered = 0;
    let next = 0;
    let killed = false;
    const worker = async () => {
      while (next < WRITES && !killed) {
        const key = `w-${next++}`;
        try {
          const res = await fetch(`${first.url}/v1/projects/durable/issues`, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify({ key, title: `Write ${key}` }),
            signal: AbortSignal.timeout(5_000),
          });
          await res.arrayBuffer();
          if (res.status >= 200 && res.status < 300) acknowledged.push(key);
        } catch {
          // The server died under this request: its outcome is unknown, and that is allowed.
        }
        if (++answered === KILL_AFTER && !killed) {
          killed = true;
          first.child.kill('SIGKILL');
        }
      }
    };
    await Promise.all(Array.from({ length: CONCURRENCY }, worker));
    await exited(first.child);
    expect(first.child.signalCode).toBe('SIGKILL');
    // Killed in the middle: some writes were answered, not all were attempted.
    expect(acknowledged.length).toBeGreaterThan(KILL_AFTER / 2);
    expect(next).toBeLessThan(WRITES);

    const second = await serve();
    const res = await fetch(`${second.url}/v1/projects/durable/issues?limit=500`);
    expect(res.status).toBe(200);
    const stored = new Set(((await res.json()) as { items: Array<{ key: string }> }).items.map((i) => i.key));
    const lost = acknowledged.filter((key) => !stored.has(key));
    expect(lost).toEqual([]);
    second.child.kill('SIGTERM');
    await exited(second.child);
    expect(second.child.exitCode).toBe(0);
  }, 120_000);
});
