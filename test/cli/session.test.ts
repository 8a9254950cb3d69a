// The everyday session — ready, start, done, blocked, dep, issue, show, tree, graph, plan, forecast,
// next — run on a database file and against a running service (real HTTP on loopback, a bearer token
// required for writes: alice's own, so that the audit trail names her as the file mode's ISOPLAN_ACTOR
// does). Both run the same command code over their backend; the JSON they print must be the same.

import type { AddressInfo } from 'node:net';
import { createConnection, createServer } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/api/app.js';
import { EXIT } from '../../src/cli/command.js';
import { TOKEN_HINT } from '../../src/cli/errors.js';
import { main } from '../../src/cli/main.js';
import { createTokenService } from '../../src/services/token-service.js';
import { documentIssue, projectDocument } from '../domain/project-document-builders.js';
import { createTempDatabase, type TempDatabase } from '../store/temp-database.js';
import { capturedIo } from './cli-harness.js';

const TOKEN = 'a-token-of-sixteen-chars-or-more';

// a -> b -> c (c also waits on a), p is c's parent, d is done.
const document = projectDocument(
  'session',
  [
    documentIssue('a', { title: 'Lay the foundation', estimateDays: 2 }),
    documentIssue('b', { title: 'Build the walls', estimateDays: 3 }),
    documentIssue('c', { title: 'Put the roof on', estimateDays: 1, parent: 'p' }),
    documentIssue('p', { title: 'The house' }),
    documentIssue('d', { title: 'Buy the land', status: 'done' }),
  ],
  [
    { issue: 'b', blockedBy: 'a' },
    { issue: 'c', blockedBy: 'b' },
    { issue: 'c', blockedBy: 'a' },
  ],
);

type Mode = 'file' | 'server';
/** What each mode printed with --format json, by step: compared across modes at the end. */
const printed: Record<Mode, Map<string, unknown>> = { file: new Map(), server: new Map() };

describe.each<Mode>(['file', 'server'])('the everyday session on a %s', (mode) => {
  let temp: TempDatabase;
  let app: FastifyInstance | undefined;
  let env: NodeJS.ProcessEnv;

  beforeAll(async () => {
    temp = await createTempDatabase();
    await temp.db.stores.documents.import('session', document, { actor: 'fixture' });
    if (mode === 'server') {
      // Against a service the audit trail's actor is the token's name: alice's own write token.
      const tokens = createTokenService({ tokens: temp.db.stores.tokens, projects: temp.db.stores.projects });
      const alice = await tokens.create({ name: 'alice', scope: 'write' }, { actor: 'fixture' });
      app = await buildApp({ apiToken: TOKEN }, { database: temp.db });
      const url = await app.listen({ host: '127.0.0.1', port: 0 });
      env = { ISOPLAN_SERVER: url, ISOPLAN_TOKEN: alice.secret };
    } else {
      env = { DATABASE_URL: temp.url, ISOPLAN_ACTOR: 'alice' };
    }
  });
  afterAll(async () => {
    await app?.close();
    await temp.cleanup();
  });

  /** `isoplan ...argv` in this process; no --project: the database holds one project. */
  async function isoplan(...argv: string[]) {
    const io = capturedIo(temp.dir);
    io.env = { ...env };
    const code = await main(argv, io);
    return { code, out: io.out(), err: io.err() };
  }
  async function json(step: string, ...argv: string[]) {
    const res = await isoplan(...argv, '--format', 'json');
    expect(res.err, res.err).toBe('');
    expect(res.code).toBe(EXIT.ok);
    const value = JSON.parse(res.out) as unknown;
    printed[mode].set(step, value);
    return value;
  }

  it('ready lists what can start, best first, with titles', async () => {
    const text = await isoplan('ready');
    expect(text.code).toBe(EXIT.ok);
    expect(text.out).toMatch(/^open {2}a {2}Lay the foundation {2}2 d {2}critical path/m);
    expect(text.out).toMatch(/^open {2}p {2}The house/m);
    const ready = (await json('ready', 'ready')) as Array<{ key: string; unblocks: string[] }>;
    expect(ready.map((r) => r.key)).toEqual(['a', 'p']);
    expect(ready[0]!.unblocks).toEqual(['b']);
  });

  it.each([
    ['show', 'nope'],
    ['start', 'nope'],
    ['done', 'nope'],
    ['reopen', 'nope'],
    ['tree', 'nope'],
    ['issue', 'edit', 'nope', '--title', 'T'],
    ['dep', 'add', 'a', 'nope'],
    ['dep', 'rm', 'nope', 'a'],
    ['forecast', '--target', 'nope'],
    ['issue', 'create', 'n', '--title', 'T', '--blocked-by', 'nope'],
    ['check', '--done', 'nope', '--sha', 'abcdef1'],
    ['export', '--project', 'nope'],
  ])(
    '%s %s … naming an issue or project that does not exist is bad input: exit 2, one message, nothing printed',
    async (...argv) => {
      const res = await isoplan(...argv);
      expect(res.out).toBe('');
      expect(res.err).toMatch(new RegExp(`^isoplan ${argv[0]}[^\n]*: [^\n]*nope`));
      expect(res.err).not.toContain('    at ');
      expect(res.code).toBe(EXIT.usage);
    },
  );

  it('start refuses an issue whose blockers are open, naming them, and changes nothing', async () => {
    const res = await isoplan('start', 'b');
    expect(res.code).toBe(EXIT.failure);
    expect(res.err).toBe(
      'isoplan start: b is blocked by a: finish them first, or start it anyway with --force\n',
    );
    expect(((await json('b after refused start', 'show', 'b')) as { status: string }).status).toBe('open');
  });

  it('start, then done: the issue moves on and done names what it freed', async () => {
    const started = await isoplan('start', 'a');
    expect(started).toMatchObject({ code: EXIT.ok, err: '' });
    expect(started.out).toBe('in_progress started a  Lay the foundation\n');
    const done = await isoplan('done', 'a');
    expect(done).toMatchObject({ code: EXIT.ok, err: '' });
    expect(done.out).toBe(
      'done finished a  Lay the foundation\nReady now (1):\n  open  b  Build the walls\n',
    );
    const again = (await json('done again', 'done', 'a')) as { status: string; nowReady: string[] };
    expect(again).toMatchObject({ status: 'done', nowReady: [] });
  });

  it('blocked lists each blocked issue with its open blockers', async () => {
    const blocked = (await json('blocked', 'blocked')) as Array<{ key: string; blockedBy: string[] }>;
    expect(blocked).toEqual([
      expect.objectContaining({ key: 'c', blockedBy: ['b'], title: 'Put the roof on' }),
    ]);
  });

  it('dep add records edges and refuses a cycle with its path (exit 1); dep rm of no such edge is exit 2', async () => {
    expect(await isoplan('dep', 'add', 'c', 'd')).toMatchObject({ code: EXIT.ok, out: 'c <- d\n' });
    const cycle = await isoplan('dep', 'add', 'a', 'c');
    expect(cycle.code).toBe(EXIT.failure);
    expect(cycle.err).toBe('isoplan dep add: the dependency would close the cycle a -> c -> a\n');
    expect(await isoplan('dep', 'rm', 'c', 'd')).toMatchObject({ code: EXIT.ok, out: 'removed c <- d\n' });
    const missing = await isoplan('dep', 'rm', 'c', 'd');
    expect(missing.code).toBe(EXIT.usage);
    expect(missing.err).toContain("dependency 'c<-d' does not exist");
  });

  it('issue create and edit write the given fields; bad input is exit 2 and changes nothing', async () => {
    const created = await isoplan(
      'issue',
      'create',
      'e',
      '--title',
      'Paint it',
      '-e',
      '1.5',
      '-l',
      'x,y',
      '--blocked-by',
      'c',
    );
    expect(created).toMatchObject({ code: EXIT.ok, err: '' });
    expect(created.out).toBe('open created e  Paint it  (blocked by c)\n');
    expect(await isoplan('issue', 'edit', 'e', '--estimate', 'none', '--parent', 'p')).toMatchObject({
      code: EXIT.ok,
    });
    const e = (await json('e', 'show', 'e')) as Record<string, unknown>;
    expect(e).toMatchObject({
      title: 'Paint it',
      estimateDays: null,
      parent: 'p',
      labels: ['x', 'y'],
      blockedBy: ['c'],
    });
    expect(
      (e.history as Array<{ action: string; actor: string }>).map((h) => `${h.action} ${h.actor}`),
    ).toEqual(['issue.update alice', 'dependency.add alice', 'issue.create alice']);

    const badEstimate = await isoplan('issue', 'edit', 'e', '--estimate', 'soon');
    expect(badEstimate.code).toBe(EXIT.usage);
    expect(badEstimate.err).toContain('must be a number of days >= 0');
    const badUrl = await isoplan('issue', 'edit', 'e', '--url', 'ftp://x');
    expect(badUrl.code).toBe(EXIT.usage);
    expect(badUrl.err).toMatch(/url/);
    const unknownBlocker = await isoplan(
      'issue',
      'create',
      'f',
      '--title',
      'Hang it',
      '--blocked-by',
      'c,nope',
    );
    expect(unknownBlocker.code).toBe(EXIT.usage);
    expect(unknownBlocker.err).toBe("isoplan issue create: unknown issue keys in project 'session': nope\n");
    const selfBlocked = await isoplan('issue', 'create', 'f', '--title', 'Hang it', '--blocked-by', 'f');
    expect(selfBlocked.code).toBe(EXIT.usage);
    expect((await isoplan('show', 'f')).code).toBe(EXIT.usage);
    const duplicate = await isoplan('issue', 'create', 'e', '--title', 'Again');
    expect(duplicate.code).toBe(EXIT.failure);
    expect(((await json('e after refusals', 'show', 'e')) as { title: string }).title).toBe('Paint it');
  });

  it('show prints fields, blockers, what it frees, history; an unknown key is exit 2', async () => {
    const text = await isoplan('show', 'b');
    expect(text.code).toBe(EXIT.ok);
    expect(text.out).toContain('open b  Build the walls');
    expect(text.out).toMatch(/Blocked by \(1\)\n {2}done {2}a {2}Lay the foundation/);
    expect(text.out).toMatch(/Blocks \(1\)\n {2}open {2}c {2}Put the roof on {2}ready once this is finished/);
    const a = await isoplan('show', 'a');
    expect(a.out).toMatch(
      /History \(2\)\n {2}\S+ \S+ {2}alice {2}status in_progress -> done\n {2}\S+ \S+ {2}alice {2}status open -> in_progress\n/,
    );
    const unknown = await isoplan('show', 'zz');
    expect(unknown).toMatchObject({ code: EXIT.usage, err: "isoplan show: issue 'zz' does not exist\n" });
  });

  it('reopen puts a finished issue back; tree shows parents with progress; graph exports the edges', async () => {
    expect(await isoplan('reopen', 'a')).toMatchObject({
      code: EXIT.ok,
      out: 'open reopened: a  Lay the foundation\n',
    });
    const tree = await isoplan('tree');
    expect(tree.out).toContain(
      'open p  The house  [..........] 0/2\n|- open c  Put the roof on\n`- open e  Paint it\n',
    );
    const dot = await isoplan('graph');
    expect(dot.out).toContain('"a" -> "b";');
    expect(dot.out).toContain('"b" [label="b\\nBuild the walls", fillcolor="#ffffff"];');
    const mermaid = await isoplan('graph', '--format', 'mermaid', '--open');
    expect(mermaid.out.split('\n')[0]).toBe('flowchart LR');
    expect(mermaid.out).not.toContain('Buy the land');
    await json('tree', 'tree');
  });

  it('plan prints the plan with titles, and the same JSON document as the API', async () => {
    const text = await isoplan('plan');
    expect(text.out).toMatch(/^Plan: 6 issues, 5 open/);
    expect(text.out).toMatch(/Critical path \(\d issues, [\d.]+ d\)\n {2}open {2}a {2}Lay the foundation/);
    await json('plan', 'plan');
  });

  it('forecast gives the dates with the team asked for; bad numbers and unknown targets are exit 2', async () => {
    const text = await isoplan('forecast', '--people', '2', '--trials', '200');
    expect(text).toMatchObject({ code: EXIT.ok, err: '' });
    expect(text.out).toMatch(
      /^Forecast, with 2 people, work from \d{4}-\d\d-\d\d\n {2}All open issues done: P50 /,
    );
    expect(text.out).toContain('  200 trials on the estimate ranges (PERT), seed 1\n');
    expect(text.out).toMatch(/\n {2}person 1 \(\d+\)\n {4}\S+ -> \S+ {2}a \(2 d\)/);
    const forecast = (await json(
      'forecast',
      'forecast',
      '--people',
      '2',
      '--trials',
      '200',
      '--seed',
      '7',
    )) as {
      team: unknown[];
      trials: number;
      seed: number;
      quantiles: Record<'p50' | 'p85' | 'p95', { days: number }>;
      levelled: { schedule: Array<{ key: string; startDay: number }> };
    };
    expect(forecast).toMatchObject({ trials: 200, seed: 7 });
    expect(forecast.team).toHaveLength(2);
    expect(forecast.levelled.schedule.find((e) => e.key === 'a')?.startDay).toBe(0);
    const { p50, p85, p95 } = forecast.quantiles;
    expect(p50.days <= p85.days && p85.days <= p95.days).toBe(true);

    const notANumber = await isoplan('forecast', '--trials', 'many');
    expect(notANumber.code).toBe(EXIT.usage);
    expect(notANumber.err).toContain('must be a whole number');
    const tooMany = await isoplan('forecast', '--trials', '1000000');
    expect(tooMany.code).toBe(EXIT.usage);
    expect(tooMany.err).toMatch(/trials/);
    const unknown = await isoplan('forecast', '--target', 'zz');
    expect(unknown.code).toBe(EXIT.usage);
    expect(unknown.err).toContain('zz');
  });

  it('forecast takes more days off with --holiday, repeated or comma-separated; a date that does not exist is exit 2', async () => {
    type Dated = { start: string; levelled: { finishDays: number; finishDate: string } };
    const plain = (await json('forecast without holidays', 'forecast', '--trials', '0')) as Dated;
    // The first three days from the start, whatever they are: each is a working day taken off or not.
    const day = (n: number) => new Date(Date.parse(plain.start) + n * 86_400_000).toISOString().slice(0, 10);
    const off = (await json(
      'forecast with holidays',
      'forecast',
      '--trials',
      '0',
      '--holiday',
      `${day(0)},${day(1)}`,
      '--holiday',
      day(2),
    )) as Dated;
    expect(off.levelled.finishDays).toBe(plain.levelled.finishDays);
    expect(off.levelled.finishDate > plain.levelled.finishDate).toBe(true);
    const bad = await isoplan('forecast', '--holiday', '2026-02-30');
    expect(bad.code).toBe(EXIT.usage);
    expect(bad.err).toContain("holidays[0]: '2026-02-30' is not an ISO date");
  });

  it('forecast --trend prints one line a week: date, open issues, P50, P85 and the change; also as JSON', async () => {
    const text = await isoplan('forecast', '--trend', '--weeks', '3', '--trials', '100');
    expect(text).toMatchObject({ code: EXIT.ok, err: '' });
    // The project was imported a moment ago: the trail starts there, so today's is the one point.
    const lines = text.out.split('\n');
    expect(lines[0]).toBe('Forecast trend, 1 of 3 weeks (100 trials per point, seed 1)');
    expect(lines[1]).toMatch(
      /^ {2}\d{4}-\d\d-\d\d {2}\d+ open {2}P50 \d{4}-\d\d-\d\d {2}P85 \d{4}-\d\d-\d\d$/,
    );
    expect(lines[2]).toMatch(/^ {2}note: the trail starts at the import of .*, which kept only counts/);
    // Not among the steps compared across modes: `since` and the note name each database's import instant.
    const printedTrend = await isoplan('forecast', '--weeks', '3', '--trials', '100', '--format', 'json');
    expect(printedTrend).toMatchObject({ code: EXIT.ok, err: '' });
    const trend = JSON.parse(printedTrend.out) as {
      weeks: number;
      startsAfterImport: boolean;
      points: Array<{ openIssues: number; change: unknown }>;
    };
    expect(trend).toMatchObject({ weeks: 3, startsAfterImport: true });
    expect(trend.points).toHaveLength(1);
    expect(trend.points[0]!.change).toBeNull();
    const mixed = await isoplan('forecast', '--trend', '--people', '2');
    expect(mixed.code).toBe(EXIT.usage);
    expect(mixed.err).toContain('--trend takes no --people');
    const tooMany = await isoplan('forecast', '--weeks', '53');
    expect(tooMany.code).toBe(EXIT.usage);
    expect(tooMany.err).toContain('weeks');
  });

  it('next ranks the ready issues as ready does, each with its reasons', async () => {
    const ready = (await json('ready before next', 'ready')) as Array<{ key: string }>;
    const next = (await json('next', 'next')) as Array<{ key: string; reason: string; criticality: number }>;
    expect(next.map((n) => n.key)).toEqual(ready.map((r) => r.key));
    expect(next[0]!.reason).toMatch(/on the critical chain in (every|no|\d+% of) trials?/);
    const text = await isoplan('next', '--limit', '1');
    expect(text).toMatchObject({ code: EXIT.ok, err: '' });
    expect(text.out).toBe(` 1. ${next[0]!.key}\n    ${next[0]!.reason}\n`);
    expect((await isoplan('next', '--limit', '0')).code).toBe(EXIT.usage);
  });

  it.each([
    [['forecast', '--target', 'nope'], "isoplan forecast: unknown target issue 'nope'\n"],
    [['issue', 'edit', 'a', '--parent', 'nope'], "isoplan issue edit: parent issue 'nope' does not exist\n"],
    [
      ['check', '--done', 'nope', '--sha', 'f'.repeat(40)],
      "isoplan check: unknown issue keys in project 'session': nope\n",
    ],
  ])(
    'an unknown issue an option names is one line naming it, not twice in other words (exit 2): %j',
    async (argv, err) => {
      expect(await isoplan(...argv)).toMatchObject({ code: EXIT.usage, err });
    },
  );

  it('export takes --format json, its only format, and refuses another naming json (exit 2)', async () => {
    const json = await isoplan('export', '--format', 'json');
    expect(json).toMatchObject({ code: EXIT.ok, err: '' });
    expect(json.out).toBe((await isoplan('export')).out);
    const xml = await isoplan('export', '-f', 'xml');
    expect(xml.code).toBe(EXIT.usage);
    expect(xml.err).toContain("argument 'xml' is invalid. Allowed choices are json.");
  });

  it('a value the service refuses is one line on standard error naming it, not the same words twice', async () => {
    const res = await isoplan('next', '--limit', '0');
    expect(res.err.split('\n').filter((line) => line !== '')).toHaveLength(1);
    expect(res.err).toMatch(/^isoplan next: .*limit.*must be an integer from 1 to 500\n$/);
    expect(res.code).toBe(EXIT.usage);
  });

  it('issue create and edit write the forecast fields, and issue show prints them', async () => {
    const created = await isoplan(
      'issue',
      'create',
      'g',
      '--title',
      'Fit the windows',
      '-e',
      '3',
      '--low',
      '2',
      '--high',
      '6',
      '--assignee',
      'eric',
      '--priority',
      'p1',
    );
    expect(created).toMatchObject({ code: EXIT.ok, err: '' });
    expect(await json('g', 'issue', 'show', 'g')).toMatchObject({
      estimateDays: 3,
      estimateLowDays: 2,
      estimateHighDays: 6,
      assignee: 'eric',
      priority: 'p1',
    });
    const text = await isoplan('issue', 'show', 'g');
    expect(text.out).toMatch(/estimate {2}3 d \(2 d to 6 d\)\n {2}assignee {2}eric\n {2}priority {2}p1\n/);
    const edited = await isoplan(
      'issue',
      'edit',
      'g',
      '--high',
      'none',
      '--assignee',
      'none',
      '--priority',
      'p0',
    );
    expect(edited).toMatchObject({ code: EXIT.ok, err: '' });
    expect(await json('g edited', 'show', 'g')).toMatchObject({
      estimateLowDays: 2,
      estimateHighDays: null,
      assignee: null,
      priority: 'p0',
    });
  });

  it('issue create and edit refuse bad forecast fields, naming them, and change nothing', async () => {
    const tooLong = await isoplan('issue', 'edit', 'g', '--high', '4000');
    expect(tooLong.code).toBe(EXIT.usage);
    expect(tooLong.err).toContain('--high');
    expect(tooLong.err).toContain('<=3650');
    const priority = await isoplan('issue', 'edit', 'g', '--priority', 'urgent');
    expect(priority.code).toBe(EXIT.usage);
    expect(priority.err).toContain('p0, p1, p2, p3, none');
    const blank = await isoplan('issue', 'create', 'h', '--title', 'Hang the door', '--assignee', ' ');
    expect(blank.code).toBe(EXIT.usage);
    expect(blank.err).toContain('--assignee');
    const aboveLikely = await isoplan('issue', 'edit', 'g', '--low', '5');
    expect(aboveLikely.code).toBe(EXIT.usage);
    expect(aboveLikely.err).toContain('estimateLowDays (5) is above estimateDays (3)');
    expect(await json('g after refusals', 'show', 'g')).toMatchObject({ estimateLowDays: 2, priority: 'p0' });
  });

  it('names the projects when there are several and --project is not given', async () => {
    await temp.db.stores.projects.create({ slug: 'other', name: 'Other' }, { actor: 'fixture' });
    const res = await isoplan('ready');
    expect(res.code).toBe(EXIT.usage);
    expect(res.err).toContain('2 projects in');
    expect(res.err).toContain('(other, session): give --project SLUG or set ISOPLAN_PROJECT');
    expect((await isoplan('ready', '-p', 'other')).out).toBe('Nothing is open.\n');
  });
});

describe('the two backends', () => {
  it('print the same JSON for every step of the session', () => {
    const steps = [...printed.file.keys()];
    expect(steps.length).toBeGreaterThanOrEqual(8);
    expect([...printed.server.keys()]).toEqual(steps);
    // Times and ids differ, and the token: the server's history names the one its writes came with.
    const timeless = (value: unknown) =>
      JSON.parse(JSON.stringify(value), (key, v) =>
        ['at', 'createdAt', 'updatedAt', 'id', 'tokenId'].includes(key) ? '-' : v,
      );
    for (const step of steps)
      expect(timeless(printed.server.get(step)), step).toEqual(timeless(printed.file.get(step)));
  });
});

describe('against a running service', () => {
  let temp: TempDatabase;
  let app: FastifyInstance;
  let url: string;
  beforeAll(async () => {
    temp = await createTempDatabase();
    await temp.db.stores.documents.import('session', document, { actor: 'fixture' });
    app = await buildApp({ apiToken: TOKEN }, { database: temp.db });
    url = await app.listen({ host: '127.0.0.1', port: 0 });
  });
  afterAll(async () => {
    await app.close();
    await temp.cleanup();
  });

  it('reads without a token, and a write without one is refused (exit 1) naming what is missing', async () => {
    const read = capturedIo(temp.dir);
    expect(await main(['--server', url, 'ready', '--format', 'json'], read)).toBe(EXIT.ok);
    const write = capturedIo(temp.dir);
    expect(await main(['--server', url, 'start', 'a'], write)).toBe(EXIT.failure);
    expect(write.err()).toBe(
      `isoplan start: this request needs a token: send Authorization: Bearer <token>\n${TOKEN_HINT}\n`,
    );
    const withToken = capturedIo(temp.dir);
    expect(await main(['--server', url, '--token', TOKEN, 'start', 'a', '-q'], withToken)).toBe(EXIT.ok);
    expect(withToken.out()).toBe('');
  });

  it('says where the token comes from when the service refuses it (exit 1)', async () => {
    const io = capturedIo(temp.dir);
    io.env = { ISOPLAN_TOKEN: 'isp_revoked-or-mistyped' };
    expect(await main(['--server', url, 'ready', '-p', 'session'], io)).toBe(EXIT.failure);
    expect(io.err()).toBe(
      "isoplan ready: the bearer token is not valid\n  isoplan sends --token (or ISOPLAN_TOKEN) as Authorization: Bearer; an admin makes one with 'isoplan token create'\n",
    );
  });

  it('takes a token with the newline that ends a secret file', async () => {
    const io = capturedIo(temp.dir);
    io.env = { ISOPLAN_TOKEN: `${TOKEN}\n` };
    expect(await main(['--server', url, 'start', 'b', '--force', '-q'], io)).toBe(EXIT.ok);
    expect(io.err()).toBe('');
  });

  it('refuses a token no header can carry, or pasted with its scheme, as bad usage naming where it came from (exit 2)', async () => {
    const inside = capturedIo(temp.dir);
    expect(
      await main(['--server', url, '--token', `${TOKEN.slice(0, 8)}\n${TOKEN.slice(8)}`, 'ready'], inside),
    ).toBe(EXIT.usage);
    expect(inside.err()).toMatch(
      /^isoplan ready: --token must be the token alone \(isp_…\): it has spaces, line breaks or other characters a token never has\n/,
    );
    const scheme = capturedIo(temp.dir);
    scheme.env = { ISOPLAN_TOKEN: `Bearer ${TOKEN}` };
    expect(await main(['--server', url, 'ready'], scheme)).toBe(EXIT.usage);
    expect(scheme.err()).toMatch(
      /^isoplan ready: ISOPLAN_TOKEN must be the token alone \(isp_…\), without 'Bearer '\n/,
    );
  });

  it('a service that answers 503 (its connections taken) is a failure to retry (exit 1), not bad usage, in its words', async () => {
    const busy = await buildApp({ apiToken: TOKEN, limits: { maxConnections: 1 } }, { database: temp.db });
    const busyUrl = await busy.listen({ host: '127.0.0.1', port: 0 });
    // Another client holds the one connection allowed.
    const held = createConnection(Number(new URL(busyUrl).port), '127.0.0.1');
    try {
      await new Promise((done) => held.once('connect', done));
      held.write('GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n');
      await new Promise((done) => held.once('data', done));
      const io = capturedIo(temp.dir);
      expect(await main(['--server', busyUrl, 'plan', '-p', 'session'], io)).toBe(EXIT.failure);
      expect(io.err()).toMatch(/^isoplan plan: .*connections.*\n$/);
    } finally {
      held.destroy();
      await busy.close();
    }
  });

  it('says plainly when the service does not answer (exit 1)', async () => {
    // A port that was free a moment ago: nothing listens there.
    const server = createServer();
    await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
    const { port } = server.address() as AddressInfo;
    await new Promise((done) => server.close(done));
    const io = capturedIo(temp.dir);
    expect(await main(['--server', `http://127.0.0.1:${port}`, 'ready', '-p', 'session'], io)).toBe(
      EXIT.failure,
    );
    expect(io.err()).toBe(
      `isoplan ready: cannot reach the isoplan service at http://127.0.0.1:${port}: ECONNREFUSED\n`,
    );
  });
});
