// bin/isoplan runs the compiled JavaScript of dist/ (built at install by `npm ci`'s prepare step). Proved on
// a copy of the package that has dist/ and no TypeScript sources at all: only the compiled code can answer.
// When dist/ is missing or older than src/ (a checkout being edited), the copy gets a build of its own, made
// as `npm run build` makes one but in the copy, so that the dist/ other tests run bin/isoplan from stays.
import { execFile, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { VERSION } from '../../src/cli/version.js';

const ROOT = resolve(import.meta.dirname, '../..');
let copy: string;

function run(
  args: string[],
  env: NodeJS.ProcessEnv = {},
): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((done) => {
    execFile(
      process.execPath,
      [join(copy, 'bin/isoplan'), ...args],
      { cwd: copy, env: { ...process.env, NO_COLOR: '1', ...env }, timeout: 60_000 },
      (error, stdout, stderr) => done({ code: error === null ? 0 : Number(error.code), stdout, stderr }),
    );
  });
}

beforeAll(() => {
  copy = mkdtempSync(join(tmpdir(), 'isoplan-compiled-'));
  cpSync(join(ROOT, 'package.json'), join(copy, 'package.json'));
  cpSync(join(ROOT, 'bin'), join(copy, 'bin'), { recursive: true });
  const stamp = join(ROOT, 'dist/.build-stamp');
  const fresh =
    existsSync(stamp) &&
    spawnSync('find', [join(ROOT, 'src'), '-newer', stamp, '-type', 'f', '-not', '-path', '*/generated/*'], {
      encoding: 'utf8',
    }).stdout.trim() === '';
  if (fresh) cpSync(join(ROOT, 'dist'), join(copy, 'dist'), { recursive: true, preserveTimestamps: true });
  else {
    // Built as `npm run build` builds, but into the copy: the checkout's dist/ is left alone, since other
    // tests run bin/isoplan from it meanwhile (`npm run build` deletes it first).
    const out = join(copy, 'dist');
    const tsc = spawnSync(
      process.execPath,
      [
        join(ROOT, 'node_modules/typescript/bin/tsc'),
        '-p',
        join(ROOT, 'tsconfig.build.json'),
        '--outDir',
        out,
      ],
      { cwd: ROOT, encoding: 'utf8' },
    );
    expect(tsc.stdout + tsc.stderr).toBe('');
    const assets = spawnSync(process.execPath, [join(ROOT, 'scripts/copy-assets.mjs'), out], {
      encoding: 'utf8',
    });
    expect(assets.status).toBe(0);
  }
  for (const shared of ['node_modules', 'data', 'prisma'])
    symlinkSync(join(ROOT, shared), join(copy, shared));
}, 180_000);
afterAll(() => rmSync(copy, { recursive: true, force: true }));

describe('the compiled start', () => {
  it('answers --version and --help from dist/ alone', async () => {
    expect(existsSync(join(copy, 'src'))).toBe(false);
    expect(await run(['--version'])).toEqual({ code: 0, stdout: `${VERSION}\n`, stderr: '' });
    const help = await run(['--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('ready');
  });

  it('imports the demo and plans it on a database file', async () => {
    const env = { DATABASE_URL: `file:${join(copy, 'demo.db')}` };
    const imported = await run(
      ['import', 'data/demo/per-interpreter-gil.json', '-p', 'per-interpreter-gil'],
      env,
    );
    expect(imported.stderr).toBe('');
    expect(imported.stdout).toBe('imported 37 issues and 36 dependencies into per-interpreter-gil\n');
    const plan = await run(['plan'], env);
    expect(plan.code).toBe(0);
    expect(plan.stdout).toMatch(/^Plan: 37 issues, 26 open/);
    expect(plan.stdout).toContain('Immortal objects: None, True, False and other singletons');
  });
});
