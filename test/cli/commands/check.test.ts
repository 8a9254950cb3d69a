// `isoplan check`, spawned as CI runs it, against a temporary database holding a small project whose
// verdicts are known (test/services/ci-project.ts, as the API's tests use it), brought in by `isoplan import`.
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../../src/api/app.js';
import { parseDoneKeys } from '../../../src/cli/commands/check.js';
import type { CheckRunDocument } from '../../../src/domain/ci/types.js';
import { openDatabase } from '../../../src/store/database.js';
import { findAll, parseXml } from '../../domain/ci/xml.js';
import { ciProjectDocument } from '../../services/ci-project.js';
import { runIsoplan } from '../cli-harness.js';

const SHA = 'c0ffee0123456789';
let dir: string;
const isoplan = (...args: string[]) => runIsoplan(dir, { DATABASE_URL: 'file:./ci.db' }, args);

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'isoplan-check-'));
  await writeFile(join(dir, 'project.json'), JSON.stringify(ciProjectDocument('ci')));
  const imported = await isoplan('import', 'project.json', '--project', 'ci');
  expect(imported.stderr).toBe('');
  expect(imported.code).toBe(0);
}, 60_000);
afterAll(() => rm(dir, { recursive: true, force: true }));

describe('isoplan check', () => {
  it('exits 0 on success and prints the check-run document as json', async () => {
    const res = await isoplan('check', '-p', 'ci', '--done', 'tuple,alloc', '--sha', SHA, '--format', 'json');
    expect(res.stderr).toBe('');
    expect(res.code).toBe(0);
    const run = JSON.parse(res.stdout) as CheckRunDocument;
    expect(run).toMatchObject({
      conclusion: 'success',
      head_sha: SHA,
      name: 'isoplan/ci',
      details_url: null,
    });
    expect(run.done).toEqual(['tuple', 'alloc']);
  });

  it('exits 1 on failure, writing JUnit XML that parses, with the violations in a failure', async () => {
    const res = await isoplan(
      'check',
      '--project',
      'ci',
      '--done',
      'tuple',
      '--done',
      'docs',
      '--sha',
      SHA,
      '--format',
      'junit',
      '--output',
      'report.xml',
      '--summary',
      'summary.md',
    );
    expect(res.code).toBe(1);
    expect(res.stdout).toBe('isoplan/ci: failure: 1 of 2 marked issues fail their checks\n');
    const root = parseXml(await readFile(join(dir, 'report.xml'), 'utf8'));
    const cases = findAll(root, 'testcase').map((c) => `${c.attributes.classname} ${c.attributes.name}`);
    expect(cases).toEqual(['ci.tuple tuple-churn', 'ci.docs (no checks)']);
    const [failure] = findAll(root, 'failure');
    expect(failure!.text).toContain('obmalloc');
    expect(await readFile(join(dir, 'summary.md'), 'utf8')).toContain('#### Issues this change marks done');
  });

  it('exits 1 on a regression and prints workflow-command annotations', async () => {
    const res = await isoplan(
      'check',
      '-p',
      'ci',
      '--done',
      'gc-revert',
      '--sha',
      SHA,
      '--format',
      'github',
      '--junit',
      'r.xml',
    );
    expect(res.code).toBe(1);
    const lines = res.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^::error title=gc regresses::A finished issue whose checks passed before/);
    expect(lines).toContain(
      '::notice title=gc-revert has no checks::Nothing the simulator can confirm or refute.',
    );
    expect(lines.at(-1)).toBe('isoplan/ci: failure: 1 regression (gc)');
    expect(findAll(parseXml(await readFile(join(dir, 'r.xml'), 'utf8')), 'failure')).toHaveLength(1);
  });

  it('exits 0 when neutral, with a readable text summary', async () => {
    const res = await isoplan('check', '-p', 'ci', '--done', 'docs', '--sha', SHA);
    expect(res.code).toBe(0);
    expect(res.stdout).toContain(`isoplan/ci @ ${SHA}: NEUTRAL`);
    // On the database file the command asks as its writes are audited: `cli`, or ISOPLAN_ACTOR.
    expect(res.stdout).toContain('  requested by cli\n');
    expect(res.stdout).toContain('--   docs  Documentation  (untested)');
    // What CI passes when a pull request finishes nothing.
    const nothing = await isoplan('check', '-p', 'ci', '--done', '', '--sha', SHA, '-f', 'json');
    expect(nothing.code).toBe(0);
    expect(JSON.parse(nothing.stdout)).toMatchObject({ conclusion: 'neutral', done: [] });
  });

  it('exits 2 naming unknown keys, and for an unknown project', async () => {
    const keys = await isoplan('check', '-p', 'ci', '--done', 'tuple ghost', '--sha', SHA);
    expect(keys.code).toBe(2);
    expect(keys.stderr).toContain('ghost');
    expect(keys.stderr).not.toContain('tuple,');
    const project = await isoplan('check', '-p', 'nowhere', '--done', 'x', '--sha', SHA);
    expect(project.code).toBe(2);
    expect(project.stderr).toBe("isoplan check: project 'nowhere' does not exist\n");
  });

  it('exits 2 on bad usage: no --done, a bad format, a bad sha, no commit at all', async () => {
    const runs = await Promise.all([
      isoplan('check', '-p', 'ci', '--sha', SHA),
      isoplan('check', '-p', 'ci', '--done', 'docs', '--sha', SHA, '--format', 'xml'),
      isoplan('check', '-p', 'ci', '--done', 'docs', '--sha', 'HEAD'),
      isoplan('check', '-p', 'ci', '--done', 'docs'),
    ]);
    expect(runs.map((r) => r.code)).toEqual([2, 2, 2, 2]);
    expect(runs[0]!.stderr).toContain("required option '-d, --done <keys>' not specified");
    expect(runs[1]!.stderr).toContain('Allowed choices are text, json, junit, github.');
    expect(runs[2]!.stderr).toContain('--sha must be a git commit sha');
    expect(runs[3]!.stderr).toContain('give --sha SHA');
  });

  it('stores the check run, so that the service answers the commit status', async () => {
    const sha = 'beefbeef42';
    expect((await isoplan('check', '-p', 'ci', '--done', 'tuple', '--sha', sha, '-f', 'json')).code).toBe(1);
    const database = await openDatabase({ url: `file:${join(dir, 'ci.db')}` });
    const app = await buildApp({ apiToken: undefined }, { database });
    try {
      const res = await app.inject({ method: 'GET', url: `/v1/projects/ci/status?sha=${sha}` });
      expect(res.json()).toMatchObject({ state: 'failure', context: 'isoplan/ci' });
    } finally {
      await app.close();
      await database.close();
    }
  });
});

describe('parseDoneKeys', () => {
  it('splits repeated values on commas and whitespace, dropping empty ones', () => {
    expect(parseDoneKeys(['a,b', ' c  d ', '', 'e'])).toEqual(['a', 'b', 'c', 'd', 'e']);
  });
});
