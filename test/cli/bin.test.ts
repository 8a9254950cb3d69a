// The `isoplan` executable, spawned as users run it, against a temporary database.
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { ProjectDocument } from '../../src/domain/model.js';
import { BIN, runIsoplan } from './cli-harness.js';

// Each spawn compiles the sources with tsx: slow on a loaded two-core machine.
vi.setConfig({ testTimeout: 90_000 });
let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'isoplan-cli-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

const isoplan = (...args: string[]) =>
  runIsoplan(dir, { DATABASE_URL: 'file:./cli.db', ISOPLAN_PROJECT: '' }, args);

const document: ProjectDocument = {
  version: 1,
  project: { slug: 'cli', name: 'CLI project', description: 'from a file', goal: [], defaultEstimateDays: 2 },
  issues: [
    {
      key: 'a',
      title: 'First',
      body: '',
      status: 'done',
      estimateDays: 1,
      parent: null,
      url: null,
      labels: ['x'],
      claims: [],
      checks: [],
    },
    {
      key: 'b',
      title: 'Second',
      body: 'text',
      status: 'open',
      estimateDays: null,
      parent: 'a',
      url: 'https://example.org/b',
      labels: [],
      claims: [],
      checks: [],
    },
  ],
  dependencies: [{ issue: 'b', blockedBy: 'a' }],
};

describe('bin/isoplan', () => {
  it('prints help and exits 0', async () => {
    const top = await isoplan('--help');
    expect(top.code).toBe(0);
    expect(top.stdout).toMatch(/ready[\s\S]*import[\s\S]*export[\s\S]*serve/);
    const sub = await isoplan('import', '--help');
    expect(sub.code).toBe(0);
    expect(sub.stdout).toContain('Usage: isoplan import [options] <file>');
  });

  it('exits 2 with a clear message on bad usage', async () => {
    const res = await isoplan('import', 'doc.json');
    expect(res.code).toBe(2);
    expect(res.stderr).toContain('give the project to import into: --project SLUG or ISOPLAN_PROJECT');
    const unknown = await isoplan('exprot');
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain("unknown command 'exprot'");
    expect(unknown.stderr).toContain('Did you mean export?');
  });

  it('imports a document and exports it back unchanged', async () => {
    await writeFile(join(dir, 'doc.json'), JSON.stringify(document));
    const imported = await isoplan('import', 'doc.json', '--project', 'cli');
    expect(imported.code, imported.stderr).toBe(0);
    expect(imported.stderr).toBe('');
    expect(imported.stdout).toContain('imported 2 issues and 1 dependencies into cli');

    const exported = await isoplan('export', '--project', 'cli', '--output', 'out.json');
    expect(exported.code, exported.stderr).toBe(0);
    const back = JSON.parse(await readFile(join(dir, 'out.json'), 'utf8')) as ProjectDocument;
    // The forecast's fields the document left out come back as null.
    const none = { estimateLowDays: null, estimateHighDays: null, assignee: null, priority: null };
    expect(back.issues).toEqual(document.issues.map((issue) => ({ ...issue, ...none })));
    expect(back.dependencies).toEqual(document.dependencies);
    expect(back.project).toMatchObject({ name: 'CLI project', description: 'from a file' });

    const toStdout = await isoplan('export', '-p', 'cli');
    expect(JSON.parse(toStdout.stdout)).toEqual(back);
  });

  it('imports into the project ISOPLAN_PROJECT names when --project is not given', async () => {
    await writeFile(join(dir, 'doc.json'), JSON.stringify(document));
    const res = await runIsoplan(dir, { DATABASE_URL: 'file:./cli.db', ISOPLAN_PROJECT: 'from-env' }, [
      'import',
      'doc.json',
    ]);
    expect(res.code, res.stderr).toBe(0);
    expect(res.stdout).toContain('into from-env');
  });

  it('refuses an inconsistent document with exit 2, listing the problems, and changes nothing', async () => {
    const bad = { ...document, dependencies: [{ issue: 'a', blockedBy: 'ghost' }] };
    await writeFile(join(dir, 'bad.json'), JSON.stringify(bad));
    const res = await isoplan('import', 'bad.json', '--project', 'cli');
    expect(res.code).toBe(2);
    expect(res.stderr).toContain('ghost');
    const exported = await isoplan('export', '--project', 'cli');
    expect((JSON.parse(exported.stdout) as ProjectDocument).dependencies).toEqual(document.dependencies);
  });

  it('refuses to import into a slug the API could not address, with exit 2', async () => {
    await writeFile(join(dir, 'doc.json'), JSON.stringify(document));
    const res = await isoplan('import', 'doc.json', '--project', 'Bad Slug');
    expect(res.code).toBe(2);
    expect(res.stderr).toContain("'Bad Slug' is not a valid project slug");
  });

  it('prints the plan as text and as JSON', async () => {
    // Imported by the round-trip test above: a is done, b is blocked by a, so b is ready.
    const text = await isoplan('plan', '--project', 'cli');
    expect(text.code, text.stderr).toBe(0);
    expect(text.stderr).toBe('');
    expect(text.stdout).toMatch(/^Plan: 2 issues, 1 open/);
    const json = await isoplan('plan', '--project', 'cli', '--format', 'json');
    expect(json.code, json.stderr).toBe(0);
    expect(JSON.parse(json.stdout)).toMatchObject({ ready: ['b'], blocked: [] });
  });

  it('exits 2 when the project does not exist, in one line', async () => {
    const res = await isoplan('export', '--project', 'nowhere');
    expect(res.code).toBe(2);
    expect(res.stderr).toBe("isoplan export: project 'nowhere' does not exist\n");
  });

  it('stops quietly with exit 0 when its reader closes the pipe early (isoplan … | head)', async () => {
    // The catalog as JSON is far larger than a pipe holds: the reader leaves while isoplan still writes.
    const child = spawn(process.execPath, [BIN, 'sim', 'catalog', '--format', 'json'], {
      cwd: dir,
      env: { ...process.env, DATABASE_URL: 'file:./cli.db', LOG_LEVEL: 'silent' },
    });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk));
    child.stdout.once('data', () => child.stdout.destroy());
    const code = await new Promise<number | null>((done) => child.on('close', done));
    expect({ code, stderr }).toEqual({ code: 0, stderr: '' });
  });
});
