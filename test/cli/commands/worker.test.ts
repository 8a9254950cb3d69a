// `isoplan worker`'s options, refused before it opens anything (its work on PostgreSQL's queue, and its
// metrics endpoint, are tested on a real cluster: test/postgresql/worker.test.ts).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { main } from '../../../src/cli/main.js';
import { capturedIo } from '../cli-harness.js';

const dir = mkdtempSync(join(tmpdir(), 'isoplan-worker-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('isoplan worker', () => {
  it('refuses a --metrics-port that is no TCP port, naming the option', async () => {
    const t = capturedIo(dir);
    expect(await main(['worker', '--metrics-port', '70000'], t)).toBe(2);
    expect(t.err()).toMatch(/--metrics-port.*must be between 0 and 65535/);
  });

  it('documents its metrics endpoint in --help', async () => {
    const t = capturedIo(dir);
    expect(await main(['worker', '--help'], t)).toBe(0);
    expect(t.out()).toMatch(/--metrics-port <port>/);
    expect(t.out()).toMatch(/ISOPLAN_WORKER_METRICS_PORT/);
  });
});
