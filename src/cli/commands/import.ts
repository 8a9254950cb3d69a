// `isoplan import FILE`: replace a project's issues and dependencies with a document's, all or nothing.
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { Command } from '@commander-js/extra-typings';
import { InvalidInputError } from '../../domain/errors.js';
import { WHOLE_DOCUMENT } from '../../domain/project-document.js';
import { type CommandFactory, formatOption, UsageError } from '../command.js';
import { assertNotTooDeep } from '../json-depth.js';
import { ticked } from '../output/style.js';

/**
 * A file's text: UTF-8, or UTF-16 when a byte order mark says so (Windows PowerShell 5 writes
 * `isoplan export > FILE` so); a UTF-8 mark (Notepad's "UTF-8 with BOM") is dropped, as JSON allows
 * (RFC 8259 §8.1). Without the mark, the first character of the document would be an invisible one.
 */
function decodeText(bytes: Buffer): string {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes);
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be').decode(bytes);
  return new TextDecoder('utf-8').decode(bytes); // drops a leading UTF-8 mark
}

/** The JSON of FILE; the store's import checks it (every malformed field, then every content problem). */
export async function readJsonFile(file: string): Promise<unknown> {
  let text: string;
  try {
    text = decodeText(await readFile(file));
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
      { path: WHOLE_DOCUMENT, message: (error as Error).message },
    ]);
  }
  assertNotTooDeep(json, file);
  return json;
}

export const importCommand: CommandFactory = (cli) =>
  new Command('import')
    .summary("replace a project's issues and dependencies with a document's (all or nothing)")
    .description(
      'FILE is a project document as `isoplan export` or GET /v1/projects/SLUG/export writes it. The ' +
        'project is created when it does not exist. When the document is inconsistent nothing changes ' +
        'and every problem is listed (exit 2).',
    )
    .argument('<file>', 'the project document (JSON)')
    .option('-p, --project <slug>', 'the project to import into (default: $ISOPLAN_PROJECT)')
    .addOption(formatOption(['text', 'json']))
    .action(
      cli.action(async (ctx, file, options) => {
        // Not "the only project there is", as other commands fall back to: an import may create a project.
        const project = options.project?.trim() || ctx.io.env.ISOPLAN_PROJECT?.trim();
        if (!project)
          throw new UsageError('give the project to import into: --project SLUG or ISOPLAN_PROJECT');
        const document = await readJsonFile(resolve(ctx.io.cwd, file));
        const backend = await ctx.backend({ create: true });
        const result = await ctx.withProgress(
          `importing into ${project}`,
          backend.importProject(project, document),
        );
        if (options.format === 'json') ctx.json(result);
        else {
          const what = `imported ${result.issues} issues and ${result.dependencies} dependencies into ${project}`;
          ctx.note(ticked(ctx.style, what));
        }
        return undefined;
      }),
    );
