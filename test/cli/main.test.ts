// The command line's contract: help at every level, --version, and exit codes (0 ok, 1 failure, 2 bad usage).
import { readFileSync } from 'node:fs';
import { Command } from '@commander-js/extra-typings';
import { describe, expect, it } from 'vitest';
import { type CommandFactory, EXIT, UsageError } from '../../src/cli/command.js';
import { commands, group } from '../../src/cli/commands.js';
import { main } from '../../src/cli/main.js';
import { buildProgram } from '../../src/cli/program.js';
import { CONFIG_VARIABLES } from '../../src/config.js';
import { ConflictError, DomainError, InvalidInputError } from '../../src/domain/errors.js';
import { MigrationError } from '../../src/store/migrate.js';
import { capturedIo } from './cli-harness.js';

const calls: unknown[] = [];
const echo: CommandFactory = (cli) =>
  new Command('echo')
    .summary('echo a word')
    .argument('<word>', 'the word')
    .requiredOption('-t, --times <n>', 'how many times')
    .option('--loud', 'in capitals')
    .action(
      cli.action(async (ctx, word, options) => {
        calls.push({ word, options });
        ctx.print(`${options.loud ? word.toUpperCase() : word} x${options.times}`);
        return EXIT.ok;
      }),
    );
const twoWords = group('sim', 'a group', [
  (cli) =>
    new Command('run').summary('a two-word command').action(
      cli.action(async (ctx) => {
        ctx.print('ran');
        return undefined;
      }),
    ),
]);
const failing =
  (error: unknown): CommandFactory =>
  (cli) =>
    new Command('fail').summary('fails').action(
      cli.action(async () => {
        throw error;
      }),
    );
const table = [echo, twoWords];
const version = (
  JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }
).version;

describe('main', () => {
  it('prints the command list for --help and exits 0', async () => {
    const io = capturedIo('/tmp');
    expect(await main(['--help'], io, table)).toBe(EXIT.ok);
    expect(io.out()).toContain('Usage: isoplan [options] [command]');
    expect(io.out()).toMatch(/echo <word>\s+echo a word/);
    expect(io.out()).toMatch(/sim \[command\]\s+a group/);
    expect(io.out()).toMatch(
      /Exit codes:\n {2}0 {2}success\n {2}1 {2}failure: .*\n(.*\n)* {2}2 {2}bad usage or input: /,
    );
  });

  it('names in its Environment every variable the configuration reads, so that none is left to guess', async () => {
    const io = capturedIo('/tmp');
    expect(await main(['--help'], io, table)).toBe(EXIT.ok);
    const help = io.out().slice(io.out().indexOf('Environment:'));
    expect(CONFIG_VARIABLES.length).toBeGreaterThan(25);
    for (const variable of CONFIG_VARIABLES) expect(help, variable).toMatch(new RegExp(`\\b${variable}\\b`));
  });

  it.each([80, 60])(
    'fits the Environment and the exit codes to a terminal %i columns wide',
    async (columns) => {
      const io = capturedIo('/tmp');
      io.stdout.columns = columns;
      io.stdout.isTTY = true;
      expect(await main(['--help', '--no-color'], io, table)).toBe(EXIT.ok);
      const tail = io.out().slice(io.out().indexOf('Environment:'));
      const wide = tail.split('\n').filter((line) => line.length > columns);
      expect(wide).toEqual([]);
      // Still every variable, each once at the start of its entry.
      for (const variable of ['ISOPLAN_SERVER', 'DATABASE_URL', 'NO_COLOR']) {
        expect(tail).toMatch(new RegExp(`^ {2}${variable} +\\S`, 'm'));
      }
    },
  );

  it("writes every description as paragraphs, which the help wraps to the terminal's width", () => {
    // A line break inside a paragraph leaves a ragged line wherever the terminal is not the width the
    // text was broken for; only a list (`bash: …` lines) keeps its lines.
    const program = buildProgram(capturedIo('/tmp'), commands, { code: 0 });
    const ragged: string[] = [];
    const visit = (command: typeof program, path: string) => {
      for (const paragraph of command.description().split('\n\n')) {
        const lines = paragraph.split('\n');
        if (lines.length > 1 && !lines.every((line) => /^[\w-]+:\s/.test(line)))
          ragged.push(`${path}: ${lines[0]}`);
      }
      for (const sub of command.commands) visit(sub as typeof program, `${path} ${sub.name()}`);
    };
    visit(program, 'isoplan');
    expect(ragged).toEqual([]);
  });

  it('prints the version of package.json for --version and -V', async () => {
    for (const flag of ['--version', '-V']) {
      const io = capturedIo('/tmp');
      expect(await main([flag], io, table)).toBe(EXIT.ok);
      expect(io.out()).toBe(`${version}\n`);
    }
  });

  it('prints the help to standard error and exits 2 without a command', async () => {
    const io = capturedIo('/tmp');
    expect(await main([], io, table)).toBe(EXIT.usage);
    expect(io.err()).toContain('Usage: isoplan');
    expect(io.out()).toBe('');
  });

  it('exits 2 on an unknown command, naming it and suggesting the nearest one', async () => {
    const io = capturedIo('/tmp');
    expect(await main(['ehco'], io, table)).toBe(EXIT.usage);
    expect(io.err()).toContain("isoplan: unknown command 'ehco'");
    expect(io.err()).toContain('Did you mean echo?');
  });

  it.each([
    [
      ['help', 'ehco'],
      "isoplan: unknown command 'ehco'\n(Did you mean echo?)\nRun 'isoplan --help' for usage.\n",
    ],
    [
      ['help', 'sim', 'rnu'],
      "isoplan sim: unknown command 'rnu'\n(Did you mean run?)\nRun 'isoplan sim --help' for usage.\n",
    ],
    [
      ['sim', 'help', 'rnu'],
      "isoplan sim: unknown command 'rnu'\n(Did you mean run?)\nRun 'isoplan sim --help' for usage.\n",
    ],
    [
      ['ehco', '--help'],
      "isoplan: unknown command 'ehco'\n(Did you mean echo?)\nRun 'isoplan --help' for usage.\n",
    ],
    [
      ['sim', 'rnu', '-h'],
      "isoplan sim: unknown command 'rnu'\n(Did you mean run?)\nRun 'isoplan sim --help' for usage.\n",
    ],
  ])(
    'isoplan %j names the unknown command with the nearest one, as running it does, and exits 2',
    async (argv, said) => {
      const io = capturedIo('/tmp');
      expect(await main(argv, io, table)).toBe(EXIT.usage);
      expect(io.err()).toBe(said);
      expect(io.out()).toBe('');
    },
  );

  it('isoplan help COMMAND... prints the help of that command, as COMMAND... --help does', async () => {
    for (const [argv, usage] of [
      [['help'], 'Usage: isoplan [options] [command]'],
      [['help', 'echo'], 'Usage: isoplan echo [options] <word>'],
      [['help', 'sim', 'run'], 'Usage: isoplan sim run [options]'],
    ] as const) {
      const io = capturedIo('/tmp');
      expect(await main([...argv], io, table)).toBe(EXIT.ok);
      expect(io.out()).toContain(usage);
      expect(io.err()).toBe('');
    }
  });

  it('prints nested help: a group lists its commands, and each command its options', async () => {
    const groupHelp = capturedIo('/tmp');
    expect(await main(['sim', '--help'], groupHelp, table)).toBe(EXIT.ok);
    expect(groupHelp.out()).toContain('Usage: isoplan sim [options] [command]');
    expect(groupHelp.out()).toMatch(/run\s+a two-word command/);

    for (const argv of [
      ['sim', 'run', '--help'],
      ['sim', 'help', 'run'],
    ]) {
      const leaf = capturedIo('/tmp');
      expect(await main(argv, leaf, table)).toBe(EXIT.ok);
      expect(leaf.out()).toContain('Usage: isoplan sim run [options]');
    }
    const echoHelp = capturedIo('/tmp');
    expect(await main(['echo', '--help'], echoHelp, table)).toBe(EXIT.ok);
    expect(echoHelp.out()).toMatch(/-t, --times <n>\s+how many times/);
  });

  it('runs a command with its arguments and options, and runs a subcommand of a group', async () => {
    const io = capturedIo('/tmp');
    expect(await main(['echo', 'hello', '-t', '3', '--loud'], io, table)).toBe(EXIT.ok);
    expect(io.out()).toBe('HELLO x3\n');
    const sub = capturedIo('/tmp');
    expect(await main(['sim', 'run'], sub, table)).toBe(EXIT.ok);
    expect(sub.out()).toBe('ran\n');
  });

  it('exits 2 without a subcommand of a group, showing the group help', async () => {
    const io = capturedIo('/tmp');
    expect(await main(['sim'], io, table)).toBe(EXIT.usage);
    expect(io.err()).toContain('Usage: isoplan sim');
  });

  it.each([
    [['echo', 'hello', '--times', '1', '--colour'], /isoplan echo: unknown option '--colour'/],
    [['echo', '--times', '1'], /missing required argument 'word'/],
    [['echo', 'hello'], /required option '-t, --times <n>' not specified/],
    [['echo', 'a', 'b', '--times', '1'], /too many arguments/],
    [['echo', 'a', '--times'], /option '-t, --times <n>' argument missing/],
  ])('exits 2 with a clear message on bad usage, running nothing: %j', async (argv, message) => {
    const io = capturedIo('/tmp');
    const before = calls.length;
    expect(await main(argv, io, table)).toBe(EXIT.usage);
    expect(io.err()).toMatch(message);
    expect(io.err()).toContain("Run 'isoplan echo --help' for usage.");
    expect(calls.length).toBe(before);
  });

  it('maps errors to exit codes: invalid input 2, a refused request 2, other domain errors 1, bugs 1', async () => {
    const run = async (error: unknown) => {
      const io = capturedIo('/tmp');
      return { code: await main(['fail'], io, [failing(error)]), err: io.err() };
    };
    const invalid = await run(
      new InvalidInputError('the document is inconsistent', [{ path: 'issues[0].key', message: 'dup' }]),
    );
    expect(invalid).toEqual({
      code: 2,
      err: 'isoplan fail: the document is inconsistent\n  issues[0].key: dup\n',
    });

    const conflict = await run(new ConflictError('taken'));
    expect(conflict).toEqual({ code: 1, err: 'isoplan fail: taken\n' });

    // A 400 problem from a service that is not invalid-input (e.g. a malformed cursor it names otherwise).
    const refused = await run(
      new DomainError({ type: 'bad-request', title: 'Bad', status: 400, detail: 'no' }),
    );
    expect(refused.code).toBe(2);

    const usage = await run(new UsageError('no such file'));
    expect(usage).toEqual({
      code: 2,
      err: "isoplan fail: no such file\nRun 'isoplan fail --help' for usage.\n",
    });

    const bug = await run(new TypeError('oops'));
    expect(bug.code).toBe(1);
    expect(bug.err).toContain('isoplan fail: unexpected error: TypeError: oops');
  });

  it('reports a refused migration and a busy port as plain messages (exit 1), not as bugs', async () => {
    const refused = new MigrationError('migration 0001_init was modified after it was applied', '0001_init');
    const migration = capturedIo('/tmp');
    expect(await main(['fail'], migration, [failing(refused)])).toBe(1);
    expect(migration.err()).toBe('isoplan fail: migration 0001_init was modified after it was applied\n');

    const inUse = Object.assign(new Error('listen EADDRINUSE: address already in use 127.0.0.1:8080'), {
      code: 'EADDRINUSE',
      syscall: 'listen',
    });
    const port = capturedIo('/tmp');
    expect(await main(['fail'], port, [failing(inUse)])).toBe(1);
    expect(port.err()).toBe('isoplan fail: listen EADDRINUSE: address already in use 127.0.0.1:8080\n');
  });

  it('refuses an unknown format with exit 2 before opening anything', async () => {
    const io = capturedIo('/tmp');
    expect(await main(['plan', '--project', 'p', '--format', 'xml'], io)).toBe(EXIT.usage);
    expect(io.err()).toContain("argument 'xml' is invalid. Allowed choices are text, json.");
  });

  it('exits 2 naming a bad environment variable', async () => {
    const io = capturedIo('/tmp');
    io.env = { PORT: 'x' };
    expect(await main(['export', '--project', 'p'], io)).toBe(EXIT.usage);
    expect(io.err()).toContain('PORT');
  });

  it('exits 2 on a --server that is not an http(s) URL', async () => {
    const io = capturedIo('/tmp');
    expect(await main(['--server', 'ftp://x', 'ready', '-p', 'p'], io)).toBe(EXIT.usage);
    expect(io.err()).toContain('--server must be an http:// or https:// URL');
  });
});
