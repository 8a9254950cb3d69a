// Every command's text on an 80-column terminal, for a project whose keys, titles and descriptions are
// long: no line runs past the terminal (titles cut with …, prose wrapped at a word, a key that leaves its
// row no room on a line of its own), on a database file and against a running service.
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/api/app.js';
import { EXIT } from '../../src/cli/command.js';
import { main } from '../../src/cli/main.js';
import { documentIssue, projectDocument } from '../domain/project-document-builders.js';
import { createTempDatabase, type TempDatabase } from '../store/temp-database.js';
import { capturedIo } from './cli-harness.js';

const LONG = 'subsystem-obmalloc-per-interpreter-move-the-global-arenas-to-it'; // 63 columns
const OTHER = 'subsystem-unicode-interned-strings-per-interpreter'; // 50 columns
const CTYPES_GLOBAL = 'global:Modules/_ctypes/callproc.c:_ctypes_get_errobj:error_object_name';
const TITLE = 'Move the global arenas of the object allocator to the interpreter state, one per interpreter';
const BODY =
  'The small object allocator keeps its arenas in a global structure shared by every interpreter, ' +
  'so that two interpreters running at once would race on it. Each interpreter gets its own.';

const document = projectDocument(
  'wide',
  [
    documentIssue(LONG, {
      title: TITLE,
      body: BODY,
      estimateDays: 5,
      estimateLowDays: 3,
      estimateHighDays: 9,
      parent: 'meta',
      // The catalog's longest component id (70 columns), claimed and touched by a check.
      claims: [{ component: CTYPES_GLOBAL, placement: 'per-interpreter' }],
      checks: [{ name: 'ctypes-error-object', workload: `touch:${CTYPES_GLOBAL}` }],
    }),
    documentIssue('gil', { title: `One GIL per interpreter, ${TITLE.toLowerCase()}`, estimateDays: 3 }),
    documentIssue('meta', { title: 'The meta issue' }),
    documentIssue(OTHER, { title: 'Per-interpreter interned strings' }),
  ],
  [{ issue: 'gil', blockedBy: LONG }],
);

describe.each(['file', 'server'] as const)('on an 80-column terminal, on a %s', (mode) => {
  let temp: TempDatabase;
  let app: FastifyInstance | undefined;
  let env: NodeJS.ProcessEnv;
  beforeAll(async () => {
    temp = await createTempDatabase();
    await temp.db.stores.documents.import('wide', document, { actor: 'fixture' });
    if (mode === 'server') {
      app = await buildApp({ apiToken: undefined }, { database: temp.db });
      env = { ISOPLAN_SERVER: await app.listen({ host: '127.0.0.1', port: 0 }) };
    } else env = { DATABASE_URL: temp.url };
  });
  afterAll(async () => {
    await app?.close();
    await temp.cleanup();
  });

  it.each([
    [['show', LONG]],
    [['show', 'gil']],
    [['ready']],
    [['blocked']],
    [['next']],
    [['plan']],
    [['tree']],
    [['forecast', '--trials', '100']],
    [['forecast', '--trend', '--trials', '100']],
    [['sim', 'catalog']],
    [['check', '--done', LONG, '--sha', 'a'.repeat(40)]],
    // Writes, last: their confirmations.
    [['start', LONG]],
    [['dep', 'add', OTHER, LONG]],
    [['dep', 'rm', OTHER, LONG]],
    [['done', LONG]],
    [['reopen', LONG]],
  ])(
    'isoplan %j keeps every line within 80 columns, cutting no key and no word of a description',
    async (argv) => {
      const io = capturedIo(temp.dir);
      io.env = { ...env };
      io.stdout.isTTY = true;
      io.stdout.columns = 80;
      expect(await main([...argv, '--no-color'], io)).toBe(EXIT.ok);
      const lines = io.out().split('\n');
      expect(lines.filter((line) => [...line].length > 80)).toEqual([]);
      if (argv[0] === 'show' && argv[1] === LONG) {
        expect(io.out().replace(/\s+/g, ' ')).toContain(TITLE);
        expect(io.out().replace(/\s+/g, ' ')).toContain(BODY);
      }
    },
  );
});
