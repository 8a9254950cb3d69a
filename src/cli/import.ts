// `isoplan import FILE --project SLUG`: replace a project's issues and dependencies
// with a document's, all or nothing, through the same store code as the API.
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { loadConfig } from '../config.js';
import { InvalidInputError } from '../domain/errors.js';
import { defineCommand, EXIT, UsageError } from './command.js';
import { assertNotTooDeep } from './json-depth.js';

/** The JSON of FILE; the store's import checks it (every malformed field, then every content problem). */
export async function readDocumentFile(file: string): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    throw new UsageError(
      `cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`,
    );
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new InvalidInputError(`${file} is not valid JSON`, [
      { path: '(document)', message: (error as Error).message },
    ]);
  }
  assertNotTooDeep(json, file);
  return json;
}

export const importCommand = defineCommand({
  name: 'import',
  summary: "Replace a project's issues and dependencies with a document's (all or nothing)",
  usage: 'import FILE --project SLUG',
  details:
    'FILE is a project document as written by `isoplan export` or GET /v1/projects/SLUG/export.\n' +
    'The project is created when it does not exist. When the document is inconsistent, nothing\n' +
    'changes and every problem is listed. Exit codes: 0 imported, 2 bad arguments or document, 1 failure.',
  options: {
    project: { type: 'string', short: 'p' },
  },
  optionHelp: { project: 'slug of the project to import into' },
  positionals: ['FILE'],
  required: ['project'],
  async run({ values, positionals }, io) {
    const config = loadConfig(io.env, io.cwd);
    const file = resolve(io.cwd, positionals[0] as string);
    const project = values.project as string;
    const document = await readDocumentFile(file);
    // Loaded on use: --help and bad usage stay fast without Prisma.
    const { withDatabase } = await import('./database.js');
    const result = await withDatabase(config, (db) =>
      db.stores.documents.import(project, document, { actor: 'cli' }),
    );
    io.stdout.write(
      `imported ${result.issues} issues and ${result.dependencies} dependencies into ${project}\n`,
    );
    return EXIT.ok;
  },
});
