import { describe, expect, it } from 'vitest';
import { defineCommand, EXIT, UsageError } from '../../src/cli/command.js';
import { main } from '../../src/cli/main.js';
import { ConflictError, InvalidInputError } from '../../src/domain/errors.js';
import { MigrationError } from '../../src/store/migrate.js';
import { capturedIo } from './cli-harness.js';

const calls: unknown[] = [];
const echo = defineCommand({
  name: 'echo',
  summary: 'Echo a word',
  usage: 'echo WORD --times N',
  options: { times: { type: 'string', short: 't' }, loud: { type: 'boolean' } },
  optionHelp: { times: 'how many times' },
  positionals: ['WORD'],
  required: ['times'],
  async run({ values, positionals }, io) {
    calls.push({ values, positionals });
    io.stdout.write(`${positionals[0]} x${values.times}\n`);
    return EXIT.ok;
  },
});
const simRun = defineCommand({
  name: 'sim run',
  summary: 'A two-word command',
  usage: 'sim run',
  options: {},
  async run(_input, io) {
    io.stdout.write('ran\n');
    return EXIT.ok;
  },
});
const failing = (error: Error) =>
  defineCommand({
    name: 'fail',
    summary: 'Fails',
    usage: 'fail',
    options: {},
    async run() {
      throw error;
    },
  });
const table = [echo, simRun];

describe('main', () => {
  it('prints the command list for --help and exits 0', async () => {
    const io = capturedIo('/tmp');
    expect(await main(['--help'], io, table)).toBe(0);
    expect(io.out()).toContain('Usage: isoplan <command>');
    expect(io.out()).toContain('echo');
    expect(io.out()).toContain('sim run');
  });

  it('prints usage to stderr and exits 2 without a command', async () => {
    const io = capturedIo('/tmp');
    expect(await main([], io, table)).toBe(2);
    expect(io.err()).toContain('Usage: isoplan');
  });

  it('exits 2 on an unknown command, naming it', async () => {
    const io = capturedIo('/tmp');
    expect(await main(['frobnicate'], io, table)).toBe(2);
    expect(io.err()).toContain("unknown command 'frobnicate'");
  });

  it('prints a command help with its options', async () => {
    const io = capturedIo('/tmp');
    expect(await main(['echo', '--help'], io, table)).toBe(0);
    expect(io.out()).toContain('Usage: isoplan echo WORD --times N');
    expect(io.out()).toContain('--times VALUE');
    expect(io.out()).toContain('how many times');
  });

  it('runs a command with its parsed options and positionals', async () => {
    const io = capturedIo('/tmp');
    expect(await main(['echo', 'hello', '-t', '3'], io, table)).toBe(0);
    expect(io.out()).toBe('hello x3\n');
  });

  it('finds multi-word commands', async () => {
    const io = capturedIo('/tmp');
    expect(await main(['sim', 'run'], io, table)).toBe(0);
    expect(io.out()).toBe('ran\n');
  });

  it.each([
    [['echo', 'hello', '--times', '1', '--colour'], /Unknown option '--colour'/],
    [['echo', '--times', '1'], /missing argument WORD/],
    [['echo', 'hello'], /missing option --times/],
    [['echo', 'a', 'b', '--times', '1'], /unexpected argument 'b'/],
    [['echo', 'a', '--times'], /argument missing|requires|value/i],
  ])('exits 2 with a clear message on bad usage: %j', async (argv, message) => {
    const io = capturedIo('/tmp');
    const before = calls.length;
    expect(await main(argv, io, table)).toBe(2);
    expect(io.err()).toMatch(message);
    expect(io.err()).toContain("Run 'isoplan echo --help'");
    expect(calls.length).toBe(before);
  });

  it('maps errors to exit codes: invalid input 2, other domain errors 1, bugs 1', async () => {
    const invalid = capturedIo('/tmp');
    const error = new InvalidInputError('the document is inconsistent', [
      { path: 'issues[0].key', message: 'dup' },
    ]);
    expect(await main(['fail'], invalid, [failing(error)])).toBe(2);
    expect(invalid.err()).toContain('issues[0].key: dup');

    const conflict = capturedIo('/tmp');
    expect(await main(['fail'], conflict, [failing(new ConflictError('taken'))])).toBe(1);
    expect(conflict.err()).toContain('taken');

    const usage = capturedIo('/tmp');
    expect(await main(['fail'], usage, [failing(new UsageError('no such file'))])).toBe(2);

    const bug = capturedIo('/tmp');
    expect(await main(['fail'], bug, [failing(new TypeError('oops'))])).toBe(1);
    expect(bug.err()).toContain('unexpected error');
  });

  it('reports a refused migration and a busy port as plain messages (exit 1), not as bugs', async () => {
    const migration = capturedIo('/tmp');
    const refused = new MigrationError('migration 0001_init was modified after it was applied', '0001_init');
    expect(await main(['fail'], migration, [failing(refused)])).toBe(1);
    expect(migration.err()).toBe('isoplan fail: migration 0001_init was modified after it was applied\n');

    const port = capturedIo('/tmp');
    const inUse = Object.assign(new Error('listen EADDRINUSE: address already in use 127.0.0.1:8080'), {
      code: 'EADDRINUSE',
      syscall: 'listen',
    });
    expect(await main(['fail'], port, [failing(inUse)])).toBe(1);
    expect(port.err()).toBe('isoplan fail: listen EADDRINUSE: address already in use 127.0.0.1:8080\n');
  });

  it('refuses an unknown plan format with exit 2 before opening anything', async () => {
    const io = capturedIo('/tmp');
    expect(await main(['plan', '--project', 'p', '--format', 'xml'], io)).toBe(2);
    expect(io.err()).toContain("--format must be one of text, json, not 'xml'");
  });

  it('exits 2 naming a bad environment variable', async () => {
    const io = capturedIo('/tmp');
    io.env = { PORT: 'x' };
    expect(await main(['export', '--project', 'p'], io)).toBe(2);
    expect(io.err()).toContain('PORT');
  });
});
