import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { buildApp } from '../../../src/api/app.js';
import { EXIT } from '../../../src/cli/command.js';
import { main } from '../../../src/cli/main.js';
import { createTempDatabase } from '../../store/temp-database.js';
import { capturedIo } from '../cli-harness.js';

const repo = fileURLToPath(new URL('../../../', import.meta.url));

describe('isoplan sim run', () => {
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

  it('sim run exits 2 on an interpreter name past its length, and says so briefly', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'isoplan-sim-'));
    const file = join(dir, 'long-name.json');
    const name = `i${'x'.repeat(1 << 20)}`;
    await writeFile(
      file,
      JSON.stringify({
        interpreters: [
          { name: 'main', program: [] },
          { name, program: [] },
        ],
      }),
    );
    const t = capturedIo(repo);
    expect(await main(['sim', 'run', file], t)).toBe(2);
    expect(t.err()).toContain('interpreters[1].name: an interpreter name is at most 64 characters');
    expect(t.err().length).toBeLessThan(4000);
  });

  it('sim run exits 2 on a bad --format', async () => {
    const t = capturedIo(repo);
    expect(
      await main(['sim', 'run', 'examples/scenarios/tuple-churn-isolated.json', '--format', 'xml'], t),
    ).toBe(2);
    expect(t.err()).toContain("option '-f, --format <format>' argument 'xml' is invalid");
  });

  it('sim run takes several files, reports each, ends with a summary line and exits by the worst', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'isoplan-sim-'));
    await writeFile(join(dir, 'bad.json'), JSON.stringify({ interpreters: [] }));
    const clean = 'examples/scenarios/tuple-churn-isolated.json';
    const racy = 'examples/scenarios/tuple-churn-shared.json';

    const two = capturedIo(repo);
    expect(await main(['sim', 'run', clean, racy], two)).toBe(1);
    expect(two.out()).toContain(`== ${clean}\nOK: no isolation violation found`);
    expect(two.out()).toContain(`== ${racy}\nFAIL:`);
    expect(two.out().trimEnd().split('\n').at(-1)).toBe('2 scenarios: 1 clean, 1 with violations');

    const withInvalid = capturedIo(repo);
    expect(await main(['sim', 'run', clean, join(dir, 'bad.json'), racy], withInvalid)).toBe(2);
    expect(withInvalid.err()).toContain('bad.json: the scenario has');
    expect(withInvalid.out()).toContain(`== ${racy}\nFAIL:`);
    expect(withInvalid.out().trimEnd().split('\n').at(-1)).toBe(
      '3 scenarios: 1 clean, 1 with violations, 1 invalid',
    );

    const json = capturedIo(repo);
    expect(await main(['sim', 'run', clean, racy, '--format', 'json'], json)).toBe(1);
    const reports = JSON.parse(json.out()) as Array<{ file: string; report: { ok: boolean } }>;
    expect(reports.map((r) => [r.file, r.report.ok])).toEqual([
      [clean, true],
      [racy, false],
    ]);
  });

  it('sim run exits 2 on a file that does not exist, naming it', async () => {
    const t = capturedIo(repo);
    expect(await main(['sim', 'run', 'examples/scenarios/none-such.json'], t)).toBe(2);
    expect(t.err()).toContain('none-such.json: cannot read');
  });

  it('sim run against a service over its limit exits 1 (a failure to retry, not bad usage), naming the file and the wait', async () => {
    // A real service whose rate limit (10 a minute) one simulation (cost 10) spends whole.
    const temp = await createTempDatabase();
    const app = await buildApp({ apiToken: undefined, rateLimit: 10 }, { database: temp.db });
    try {
      const url = await app.listen({ host: '127.0.0.1', port: 0 });
      const clean = 'examples/scenarios/tuple-churn-isolated.json';
      expect(await main(['--server', url, 'sim', 'run', clean], capturedIo(repo))).toBe(EXIT.ok);

      const refused = capturedIo(repo);
      expect(await main(['--server', url, 'sim', 'run', clean], refused)).toBe(EXIT.failure);
      expect(refused.err()).toMatch(
        new RegExp(`^isoplan sim run: ${clean}: the rate limit .+; try again in \\d+ s\n$`),
      );

      const several = capturedIo(repo);
      expect(await main(['--server', url, 'sim', 'run', clean, clean], several)).toBe(EXIT.failure);
      expect(several.out().trimEnd().split('\n').at(-1)).toBe(
        '2 scenarios: 0 clean, 0 with violations, 2 not run',
      );
    } finally {
      await app.close();
      await temp.cleanup();
    }
  });
});
