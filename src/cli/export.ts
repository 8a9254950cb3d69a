// `isoplan export --project SLUG [--output FILE]`: the whole project as one JSON document.
import { writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { loadConfig } from '../config.js';
import { defineCommand, EXIT } from './command.js';

export const exportCommand = defineCommand({
  name: 'export',
  summary: 'Write a project as one JSON document (project, issues, dependencies)',
  usage: 'export --project SLUG [--output FILE]',
  details: 'Writes to standard output unless --output is given. `isoplan import` reads the result back.',
  options: {
    project: { type: 'string', short: 'p' },
    output: { type: 'string', short: 'o' },
  },
  optionHelp: {
    project: 'slug of the project to export',
    output: 'write to FILE instead of standard output',
  },
  required: ['project'],
  async run({ values }, io) {
    const config = loadConfig(io.env, io.cwd);
    // Loaded on use: --help and bad usage stay fast without Prisma.
    const { withDatabase } = await import('./database.js');
    const document = await withDatabase(config, (db) => db.stores.documents.export(values.project as string));
    const text = `${JSON.stringify(document, null, 2)}\n`;
    if (values.output === undefined) io.stdout.write(text);
    else await writeFile(resolve(io.cwd, values.output as string), text);
    return EXIT.ok;
  },
});
