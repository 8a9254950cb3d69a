// `isoplan github import`, run in this process (main, as bin/isoplan runs it), against the fake GitHub on
// loopback (GITHUB_API_URL) and a temporary database file.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { main } from '../../../src/cli/main.js';
import { FakeGithub } from '../../integrations/github/fake-github.js';
import { givenMetaIssue, HOME, META } from '../../integrations/github/meta-issue.js';
import { capturedIo } from '../cli-harness.js';

const TOKEN = 'ghp_token-of-the-cli-test';
let fake: FakeGithub;
let dir: string;
async function isoplan(env: NodeJS.ProcessEnv, ...args: string[]) {
  const io = capturedIo(dir);
  io.env = {
    DATABASE_URL: 'file:./gh.db',
    GITHUB_API_URL: fake.url,
    GITHUB_TOKEN: TOKEN,
    LOG_LEVEL: 'silent',
    ...env,
  };
  const code = await main(args, io);
  return { code, stdout: io.out(), stderr: io.err() };
}

beforeAll(async () => {
  fake = await FakeGithub.start({ tokens: [TOKEN] });
  dir = await mkdtemp(join(tmpdir(), 'isoplan-github-'));
});
afterAll(async () => {
  await fake.close();
  await rm(dir, { recursive: true, force: true });
});
beforeEach(() => givenMetaIssue(fake));

describe('isoplan github import', () => {
  it('creates the project from the meta issue, then brings in only what changed', async () => {
    const first = await isoplan({}, 'github', 'import', `${HOME}#${META}`, '--project', 'gil');
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    expect(first.stdout).toContain(
      'gil created from python/cpython#1: 7 issues added, 0 changed, 0 removed, 0 renamed, 3 dependencies added, 0 removed (7 issues read)',
    );
    const tree = await isoplan({}, 'tree', '--project', 'gil');
    expect(tree.stdout).toContain('Drop the global arenas');

    fake.issue(HOME, 5, { title: 'Drop the arenas' });
    const second = await isoplan({}, 'github', 'import', `${HOME}#${META}`, '-p', 'gil', '--format', 'json');
    expect(second.code).toBe(0);
    expect(JSON.parse(second.stdout)).toMatchObject({ created: false, added: [], changed: ['gh-5'] });
  });

  it('says so when the meta issue moved on GitHub: relinked, and each issue renamed', async () => {
    expect((await isoplan({}, 'github', 'import', `${HOME}#${META}`, '-p', 'moving')).code).toBe(0);
    fake.transferIssue([HOME, META], ['python/meta', 7]);
    const moved = await isoplan({}, 'github', 'import', `${HOME}#${META}`, '-p', 'moving');
    expect(moved.code).toBe(0);
    expect(moved.stdout).toContain('moving synced with python/meta#7:');
    expect(moved.stdout).toContain(
      'the meta issue moved on GitHub: relinked from python/cpython#1 to python/meta#7',
    );
    expect(moved.stdout).toContain('renamed gh-1 to gh-7');
    expect(moved.stdout).toContain('renamed gh-5 to python:cpython:gh-5');
  });

  it('exits 2 naming the meta issue when GitHub shows no such issue, saying the credentials may not see it', async () => {
    const res = await isoplan({}, 'github', 'import', `${HOME}#404`, '--project', 'missing');
    expect(res.code).toBe(2);
    expect(res.stderr).toMatch(
      /^isoplan github import: GitHub has no issue python\/cpython#404, or the credentials cannot see it \(GitHub said: .+\)\n$/,
    );
    expect((await isoplan({}, 'show', 'gh-1', '--project', 'missing')).stderr).toContain("project 'missing'");
  });

  it('exits 1 when GitHub refuses the token, without printing it', async () => {
    const res = await isoplan(
      { GITHUB_TOKEN: 'ghp_refused-secret' },
      'github',
      'import',
      `${HOME}#${META}`,
      '--project',
      'refused',
    );
    expect(res.code).toBe(1);
    expect(res.stderr).toContain('GITHUB_TOKEN');
    expect(res.stdout + res.stderr).not.toContain('ghp_refused-secret');
    expect((await readFile(join(dir, 'gh.db'))).includes('ghp_refused-secret')).toBe(false);
  });

  it('exits 2 on a reference that is not OWNER/REPO#NUMBER', async () => {
    const res = await isoplan({}, 'github', 'import', 'cpython#1', '--project', 'gil');
    expect(res.code).toBe(2);
    expect(res.stderr).toContain(
      "the meta issue must be OWNER/REPO#NUMBER (e.g. python/cpython#84692), not 'cpython#1'",
    );
  });
});
