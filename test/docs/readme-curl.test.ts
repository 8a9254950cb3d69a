// The README's curl examples, copied as a newcomer copies them, against a fresh service: every `curl` line
// of the blocks below is read from the README (backslash continuations joined), sent as curl would send
// it, and answers 2xx unless its comment names another status, with what the comment shows.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../api/test-app.js';

const README = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');

interface CurlCommand {
  line: string;
  method: string;
  url: string;
  headers: Record<string, string>;
  body: string | undefined;
  /** What the line's comment says it answers: a status, and JSON fields as `"name": value`. */
  comment: string;
}

/** Shell words of a line: single and double quotes as sh reads them (no expansions in these examples). */
function words(text: string): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(/'([^']*)'|"((?:[^"\\]|\\.)*)"|(\S+)/g)) out.push(m[1] ?? m[2] ?? m[3]!);
  return out;
}

/** The curl commands of the first ```sh block after `heading`. */
function curlsAfter(heading: string): CurlCommand[] {
  const from = README.indexOf(heading);
  expect(from, `README has no '${heading}'`).toBeGreaterThan(0);
  const block = /```sh\n([\s\S]*?)```/.exec(README.slice(from))![1]!;
  return block
    .replace(/\\\n\s*/g, ' ')
    .split('\n')
    .filter((line) => line.startsWith('curl '))
    .map((line) => {
      const [command, comment = ''] = line.split(/\s+#\s/);
      const args = words(command!).slice(1);
      const cmd: CurlCommand = { line, method: 'GET', url: '', headers: {}, body: undefined, comment };
      for (let i = 0; i < args.length; i++) {
        const arg = args[i]!;
        if (arg === '-X') cmd.method = args[++i]!;
        else if (arg === '-H') {
          const [name, ...value] = args[++i]!.split(':');
          cmd.headers[name!.trim().toLowerCase()] = value.join(':').trim();
        } else if (arg === '-d' || arg === '--data') {
          const data = args[++i]!;
          cmd.body = data.startsWith('@') ? readFileSync(data.slice(1), 'utf8') : data;
          if (cmd.method === 'GET') cmd.method = 'POST';
        } else cmd.url = arg.replace(/^(https?:\/\/)?(localhost|127\.0\.0\.1):8080/, '');
      }
      return cmd;
    });
}

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

async function run(cmd: CurlCommand) {
  // curl sends `-d` data as application/x-www-form-urlencoded unless told otherwise, and the README always
  // tells it: a line that forgot would be refused (415), which is what this test is for.
  const headers = { ...cmd.headers };
  if (cmd.body !== undefined && headers['content-type'] === undefined) {
    headers['content-type'] = 'application/x-www-form-urlencoded';
  }
  return t.app.inject({ method: cmd.method as 'GET', url: cmd.url, headers, payload: cmd.body });
}

describe("the README's curl examples", () => {
  const atAGlance = curlsAfter('## The API at a glance');
  const simulator = curlsAfter('## The runtime simulator');

  it('are read from the README: the project, two issues, an edge, the refused cycle, the plan; two simulator runs', () => {
    expect(atAGlance.map((c) => `${c.method} ${c.url}`)).toEqual([
      'POST /v1/projects',
      'POST /v1/projects/demo/issues',
      'POST /v1/projects/demo/issues',
      'PUT /v1/projects/demo/issues/b/blocked-by/a',
      'PUT /v1/projects/demo/issues/a/blocked-by/b',
      'GET /v1/projects/demo/plan',
    ]);
    expect(simulator.map((c) => `${c.method} ${c.url}`)).toEqual([
      'POST /v1/sim/run',
      'POST /v1/sim/run?stress=true',
    ]);
  });

  it('answer as written, in order: 2xx, or the status and fields their comment shows', async () => {
    for (const cmd of [...atAGlance, ...simulator]) {
      const res = await run(cmd);
      const status = /^(\d{3})\b/.exec(cmd.comment)?.[1];
      if (status === undefined)
        expect({ line: cmd.line, status: res.statusCode < 300 }).toEqual({ line: cmd.line, status: true });
      else
        expect({ line: cmd.line, status: res.statusCode }).toEqual({
          line: cmd.line,
          status: Number(status),
        });
      for (const [, name, value] of cmd.comment.matchAll(/"(\w+)": (\[[^\]]*\]|"[^"]*"|\w+)/g)) {
        expect(res.json()[name!], `${cmd.line}: ${name}`).toEqual(JSON.parse(value!));
      }
    }
    const plan = await t.app.inject({ method: 'GET', url: '/v1/projects/demo/plan' });
    expect(plan.json()).toMatchObject({
      order: ['a', 'b'],
      criticalPath: { keys: ['a', 'b'], lengthDays: 3 },
    });
  });
});
