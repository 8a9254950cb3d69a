// The README's CLI commands, as a newcomer types them, against the demo served as `npm start` serves it:
// each line of the session and of the CI check example runs bin/isoplan with ISOPLAN_SERVER set, and
// exits as the README says (0 unless its comment says `# exit N`).
import { readFileSync } from 'node:fs';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/api/app.js';
import { loadDemoIfEmpty } from '../../src/store/demo.js';
import { createTempDatabase, type TempDatabase } from '../store/temp-database.js';
import { runIsoplan } from './cli-harness.js';

const README = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
const SHA = '0123456789abcdef0123456789abcdef01234567';

/** The `isoplan …` lines of the first ```sh block after `heading`, with their expected exit codes. */
function commandsAfter(heading: string): Array<{ line: string; args: string[]; exit: number }> {
  const from = README.indexOf(heading);
  expect(from, `README has no '${heading}'`).toBeGreaterThan(0);
  const block = /```sh\n([\s\S]*?)```/.exec(README.slice(from))![1]!;
  return block
    .split('\n')
    .filter((line) => line.startsWith('isoplan '))
    .map((line) => {
      const [command, comment = ''] = line.split('#');
      const args = command!.replaceAll('"$GITHUB_SHA"', SHA).trim().split(/\s+/).slice(1);
      return { line: line.trim(), args, exit: Number(/exit (\d)/.exec(comment)?.[1] ?? 0) };
    });
}

let temp: TempDatabase;
let app: FastifyInstance;
let url: string;
beforeAll(async () => {
  temp = await createTempDatabase();
  await loadDemoIfEmpty(temp.db.stores);
  app = await buildApp({ apiToken: undefined }, { database: temp.db });
  url = await app.listen({ host: '127.0.0.1', port: 0 });
});
afterAll(async () => {
  await app.close();
  await temp.cleanup();
});

describe("the README's CLI commands, against the demo", () => {
  const session = commandsAfter('A working session on the demo');
  const checks = commandsAfter('`isoplan check` asks the running service');
  const forecasts = commandsAfter('## The forecast');

  it('include the everyday session ready → next → show → start → done → plan → forecast', () => {
    expect(session.map((c) => c.args[0])).toEqual([
      'ready',
      'next',
      'show',
      'start',
      'done',
      'plan',
      'forecast',
    ]);
    expect(checks.map((c) => c.exit)).toEqual([0, 1]);
    expect(forecasts.map((c) => c.args[0])).toEqual(['forecast', 'forecast', 'forecast', 'next']);
  });

  it('run as written, in order, each with the exit code the README gives', { timeout: 180_000 }, async () => {
    for (const { line, args, exit } of [...session, ...checks, ...forecasts]) {
      const res = await runIsoplan(temp.dir, { ISOPLAN_SERVER: url }, args);
      expect({ line, code: res.code, stderr: res.stderr }).toEqual({ line, code: exit, stderr: '' });
    }
    const issue = await app.inject({
      method: 'GET',
      url: '/v1/projects/per-interpreter-gil/issues/freelist-tuple',
    });
    expect(issue.json()).toMatchObject({ status: 'done' });
  });
});
