import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { capturedIo } from './cli-harness.js';

const repo = fileURLToPath(new URL('../../', import.meta.url));

describe('isoplan sim', () => {
  it('sim run exits 1 and names the component when the scenario breaks isolation', async () => {
    const t = capturedIo(repo);
    const code = await main(['sim', 'run', 'examples/scenarios/tuple-churn-shared.json'], t);
    expect(code).toBe(1);
    expect(t.out()).toContain('FAIL');
    expect(t.out()).toContain('freelist.tuple');
  });

  it('sim run exits 0 on a clean scenario and prints the JSON report with --format json', async () => {
    const t = capturedIo(repo);
    const code = await main(
      ['sim', 'run', 'examples/scenarios/tuple-churn-isolated.json', '--format', 'json'],
      t,
    );
    expect(code).toBe(0);
    expect(JSON.parse(t.out())).toMatchObject({ ok: true, violations: [] });
  });

  it('sim run exits 2 and lists every problem of an invalid scenario', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'isoplan-sim-'));
    const file = join(dir, 'bad.json');
    await writeFile(
      file,
      JSON.stringify({
        interpreters: [{ name: 'main', program: [{ op: 'fly' }, { op: 'free', ref: 'x' }] }],
      }),
    );
    const t = capturedIo(repo);
    const code = await main(['sim', 'run', file], t);
    expect(code).toBe(2);
    expect(t.err()).toContain('interpreters[0].program[0]');
    expect(t.err()).toContain('interpreters[0].program[1]');
  });

  it('sim run exits 2 on a scenario nested too deeply for the parser, instead of overflowing the stack', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'isoplan-sim-'));
    const file = join(dir, 'deep.json');
    let program: unknown[] = [{ op: 'gc' }];
    for (let i = 0; i < 1000; i++) program = [{ op: 'repeat', times: 1, body: program }];
    await writeFile(file, JSON.stringify({ seed: 1, interpreters: [{ name: 'main', program }] }));
    const t = capturedIo(repo);
    expect(await main(['sim', 'run', file], t)).toBe(2);
    expect(t.err()).toContain('nested more than 100 levels deep');
  });

  it('sim run exits 2 on a bad --format', async () => {
    const t = capturedIo(repo);
    expect(
      await main(['sim', 'run', 'examples/scenarios/tuple-churn-isolated.json', '--format', 'xml'], t),
    ).toBe(2);
    expect(t.err()).toContain('--format');
  });

  it('sim catalog lists the free lists with their 3.8 and 3.12 placements', async () => {
    const t = capturedIo(repo);
    expect(await main(['sim', 'catalog', '--kind', 'free-list'], t)).toBe(0);
    expect(t.out()).toMatch(/freelist\.tuple\s+free-list\s+shared -> per-interpreter/);
  });
});
