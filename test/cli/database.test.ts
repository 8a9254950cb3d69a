// Opening the configured database from the CLI: a database that cannot be opened is one readable line
// naming it (a PostgreSQL password masked) and what the network or SQLite said; a command that must find
// its database (every one but serve, worker, import, github import, token create) creates none.
import { once } from 'node:events';
import { existsSync, readdirSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXIT } from '../../src/cli/command.js';
import { openingDatabase } from '../../src/cli/database.js';
import { main } from '../../src/cli/main.js';
import { closedPort } from '../closed-port.js';
import { documentIssue, projectDocument } from '../domain/project-document-builders.js';
import { capturedIo, runIsoplan } from './cli-harness.js';

/**
 * What Node says when every address of a host refuses the connection (a name with IPv6 and IPv4 addresses,
 * such as localhost on many systems; here two loopback addresses, which every machine has).
 */
async function refusedOnEveryAddress(port: number): Promise<Error> {
  const socket = connect({
    port,
    host: 'db.internal',
    autoSelectFamily: true,
    lookup: (_host, _options, done) =>
      (done as (error: null, addresses: Array<{ address: string; family: number }>) => void)(null, [
        { address: '127.0.0.1', family: 4 },
        { address: '127.0.0.2', family: 4 },
      ]),
  });
  const [error] = (await once(socket, 'error')) as [Error];
  return error;
}

describe('opening a PostgreSQL database from the CLI', () => {
  it('names every address refused when the host has several and none answers', async () => {
    const port = await closedPort();
    const refused = await refusedOnEveryAddress(port);
    const opening = openingDatabase(
      { databaseUrl: `postgresql://isoplan:s3cret@db.internal:${port}/isoplan`, databasePath: null },
      () => Promise.reject(refused),
    );
    await expect(opening).rejects.toThrow(
      `cannot open the database postgresql://isoplan:***@db.internal:${port}/isoplan: ` +
        `connect ECONNREFUSED 127.0.0.1:${port}; connect ECONNREFUSED 127.0.0.2:${port}`,
    );
  });
});

/** The files of the tests below (each its own names), and the working directory of the commands they run. */
let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'isoplan-open-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

describe('opening a SQLite file that is not a database', () => {
  it('stops serve with the file named and what SQLite said, no stack trace, exit code 1', async () => {
    const file = join(dir, 'notes.db');
    await writeFile(file, 'meeting notes, not a database\n');
    const { code, stderr } = await runIsoplan(dir, { DATABASE_URL: `file:${file}`, PORT: '0' }, ['serve']);
    expect(code).toBe(1);
    expect(stderr).toBe(`isoplan serve: cannot open the database ${file}: file is not a database\n`);
  }, 90_000);

  it('stops a command on the file the same way when a directory has its name', async () => {
    const file = join(dir, 'a-directory.db');
    await mkdir(file);
    const { code, stderr } = await runIsoplan(dir, { DATABASE_URL: `file:${file}` }, ['plan']);
    expect(code).toBe(1);
    expect(stderr).toBe(`isoplan plan: cannot open the database ${file}: unable to open database file\n`);
  }, 90_000);
});

describe('a command that must find its database', () => {
  /** `isoplan ...args` in this process, on DATABASE_URL `url` (undefined: the default, ./data/isoplan.db). */
  async function isoplan(url: string | undefined, ...args: string[]) {
    const io = capturedIo(dir);
    io.env = url === undefined ? {} : { DATABASE_URL: url };
    const code = await main(args, io);
    return { code, stdout: io.out(), stderr: io.err() };
  }

  it.each([['plan'], ['ready'], ['show', 'freelist-tuple'], ['export', '-p', 'x'], ['token', 'list']])(
    'isoplan %s on a mistyped file says there is none, exits 1 and creates nothing',
    async (...args) => {
      const file = join(dir, 'typo', 'isoplan.db');
      const { code, stdout, stderr } = await isoplan(`file:${file}`, ...args);
      expect(stdout).toBe('');
      expect(stderr).toBe(
        `isoplan ${args.join(' ').replace(/ (freelist-tuple|-p x)$/, '')}: there is no database file ${file}; ` +
          "nothing was created: check DATABASE_URL, or create it with 'isoplan serve' or 'isoplan import FILE --project SLUG'\n",
      );
      expect(code).toBe(EXIT.failure);
      expect(existsSync(join(dir, 'typo'))).toBe(false);
    },
  );

  it("refuses another program's SQLite file (no isoplan tables) and leaves it as it was", async () => {
    const file = join(dir, 'other.db');
    const other = new BetterSqlite3(file);
    other.exec('CREATE TABLE notes (text TEXT)');
    other.close();
    const before = await readFile(file);
    const { code, stderr } = await isoplan(`file:${file}`, 'plan');
    expect(stderr).toBe(
      `isoplan plan: the database ${file} holds no isoplan tables (it was never migrated); nothing was created: ` +
        "check DATABASE_URL, or create it with 'isoplan serve' or 'isoplan import FILE --project SLUG'\n",
    );
    expect(code).toBe(EXIT.failure);
    expect(await readFile(file)).toEqual(before);
    expect(existsSync(`${file}-wal`)).toBe(false);
  });

  it('a read command in its own process while another creates the file says so (exit 1), not that it is no isoplan database', async () => {
    // The other process's first migration holds the file's write lock for longer than the reader waits (5 s).
    const file = join(dir, 'being-created.db');
    const creator = new BetterSqlite3(file);
    creator.pragma('journal_mode = WAL');
    creator.exec('BEGIN IMMEDIATE');
    try {
      const { code, stdout, stderr } = await runIsoplan(dir, { DATABASE_URL: `file:${file}` }, ['ready']);
      expect(stdout).toBe('');
      expect(stderr).toBe(
        'isoplan: another process is migrating the database: waiting for it to finish\n' +
          `isoplan ready: the database ${file} is being created by another process (its first migration is ` +
          'not done yet); nothing was changed here: try again in a moment\n',
      );
      expect(code).toBe(EXIT.failure);
    } finally {
      creator.exec('ROLLBACK');
      creator.close();
    }
  });

  it('import and token create start a database where there is none; the read commands then find it', async () => {
    const url = `file:${join(dir, 'new', 'isoplan.db')}`;
    const document = join(dir, 'doc.json');
    await writeFile(
      document,
      JSON.stringify(projectDocument('fresh', [documentIssue('a', { title: 'A' })], [])),
    );
    expect((await isoplan(url, 'import', document, '--project', 'fresh', '--quiet')).code).toBe(EXIT.ok);
    expect(await isoplan(url, 'ready')).toMatchObject({ code: EXIT.ok, stderr: '' });
    const tokens = `file:${join(dir, 'tokens', 'isoplan.db')}`;
    expect((await isoplan(tokens, 'token', 'create', '--name', 'first', '--scope', 'admin')).code).toBe(
      EXIT.ok,
    );
    expect(await isoplan(tokens, 'token', 'list')).toMatchObject({ code: EXIT.ok, stderr: '' });
  });

  it('a read command on a database without a project fails (exit 1, no usage hint: --help has nothing to add), naming the commands that bring one in', async () => {
    const url = `file:${join(dir, 'empty', 'isoplan.db')}`;
    expect((await isoplan(url, 'token', 'create', '--name', 'first', '--scope', 'admin')).code).toBe(EXIT.ok);
    const { code, stderr } = await isoplan(url, 'plan');
    expect(stderr).toBe(
      `isoplan plan: there is no project in ${join(dir, 'empty', 'isoplan.db')}: bring one in with ` +
        "'isoplan import FILE --project SLUG' or 'isoplan github import OWNER/REPO#N --project SLUG'\n",
    );
    expect(code).toBe(EXIT.failure);
  });

  it('isoplan --help says which commands create a database, which need one and which open none', async () => {
    const { code, stdout } = await isoplan(undefined, '--help');
    expect(code).toBe(EXIT.ok);
    expect(stdout.replace(/\s+/g, ' ')).toContain(
      '(serve, worker, import, github import and token create create a database; sim and completion open ' +
        'none; every other command needs one) or without a project',
    );
  });

  it('sim catalog and sim run open no database: nothing appears in the working directory', async () => {
    const scenario = resolve(import.meta.dirname, '../../examples/scenarios');
    const file = join(scenario, readdirSync(scenario).find((f) => f.endsWith('.json'))!);
    expect((await isoplan(undefined, 'sim', 'catalog', '--format', 'json')).code).toBe(EXIT.ok);
    expect([EXIT.ok, EXIT.failure]).toContain((await isoplan(undefined, 'sim', 'run', file)).code);
    expect(existsSync(join(dir, 'data'))).toBe(false);
  });
});
