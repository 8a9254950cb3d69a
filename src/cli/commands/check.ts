// `isoplan check --done KEY...`: the CI check of a change, by the same CI check service as
// POST /v1/projects/:project/checks (through it, with --server) and stored like it (so that the service
// answers GET …/status?sha= and GET …/checks/:id for it). Exit 0 on success or neutral, 1 on failure.
import { execFile } from 'node:child_process';
import { appendFile, writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { Command } from '@commander-js/extra-typings';
import { relocate } from '../../api/http/request-paths.js';
import { CHECK_FORMATS, renderCheck } from '../../domain/ci/check-formats.js';
import { isGitSha } from '../../domain/ci/git-sha.js';
import type { CheckRunDocument } from '../../domain/ci/types.js';
import { DomainError, InvalidInputError } from '../../domain/errors.js';
import {
  type CliIo,
  type CommandFactory,
  EXIT,
  formatOption,
  projectOption,
  UsageError,
} from '../command.js';

/** `--done a,b --done "c d"`: keys hold no commas or spaces, so lists may be joined by either. */
export function parseDoneKeys(values: readonly string[]): string[] {
  return values.flatMap((v) => v.split(/[\s,]+/)).filter((k) => k !== '');
}

function gitHead(cwd: string): Promise<string | null> {
  return new Promise((done) => {
    execFile('git', ['rev-parse', 'HEAD'], { cwd, timeout: 5000 }, (error, stdout) =>
      done(error === null ? stdout.trim() : null),
    );
  });
}

/** --sha, else $GITHUB_SHA, else the HEAD of the git checkout in the working directory. */
async function resolveSha(given: string | undefined, io: CliIo): Promise<string> {
  const sha = given ?? (io.env.GITHUB_SHA || undefined) ?? (await gitHead(io.cwd)) ?? undefined;
  if (sha === undefined) {
    throw new UsageError(
      'no commit to attach the check to: give --sha SHA (or set GITHUB_SHA, or run in a git checkout)',
    );
  }
  if (!isGitSha(sha))
    throw new UsageError(`--sha must be a git commit sha (7 to 40 hex digits), not '${sha}'`);
  return sha;
}

/** Unknown keys and an unknown project are bad input here (exit 2), not a failed check (exit 1). */
function asInput(error: unknown): unknown {
  if (error instanceof InvalidInputError)
    return relocate(error, (path) => path.replace(/^(body\.)?done\[\d+\]/, '--done'));
  if (error instanceof DomainError && error.status === 404 && error.extensions.resource === 'project') {
    return new InvalidInputError(error.detail, [{ path: '--project', message: error.detail }]);
  }
  return error;
}

const collect = (value: string, previous: string[] = []) => [...previous, value];

export const checkCommand: CommandFactory = (cli) =>
  new Command('check')
    .summary('CI status check of a change: do the issues it marks done isolate what they claim?')
    .description(
      // One string per paragraph: commander wraps each to the terminal's width.
      [
        'Validates the project as it is and with the --done issues finished, and compares the two: the ' +
          'check fails when a marked issue fails its checks or a finished issue that passed before fails ' +
          'after (a regression); it is neutral when no marked issue has checks. Missing dependencies are ' +
          'warnings. The result is stored as a check run for the commit, as POST /v1/projects/SLUG/checks does.',
        '--done may be repeated and takes keys separated by commas or spaces (`--done "a b" --done c`); ' +
          "`--done ''` checks a change that marks nothing done (neutral). The commit is --sha, else " +
          '$GITHUB_SHA, else the HEAD of the git checkout in the working directory.',
        'Formats: text (readable), json (the check-run document), junit (JUnit XML: a test case per check ' +
          'of each marked issue), github (workflow-command annotations: ::error, ::warning, ::notice). With ' +
          '--output the result goes to FILE and one summary line to standard output.',
        'Exit codes: 0 success or neutral, 1 failure, 2 bad usage or input (unknown project or issue keys).',
      ].join('\n\n'),
    )
    .addOption(projectOption())
    .requiredOption('-d, --done <keys>', 'keys of the issues the change marks done (repeatable)', collect)
    .option('--sha <sha>', 'the commit checked (7 to 40 hex digits)')
    .addOption(formatOption(CHECK_FORMATS))
    .option('-o, --output <file>', 'write the result to FILE instead of standard output')
    .option('--junit <file>', 'also write JUnit XML to FILE')
    .option('--summary <file>', 'also append the Markdown summary to FILE (e.g. $GITHUB_STEP_SUMMARY)')
    .action(
      cli.action(async (ctx, options) => {
        const done = parseDoneKeys(options.done);
        const sha = await resolveSha(options.sha, ctx.io);
        const { project, backend } = await ctx.onProject(options.project);
        let run: CheckRunDocument;
        try {
          const checked = backend.ciCheck(project, { done, sha });
          run = (await ctx.withProgress(
            `checking ${project} at ${sha.slice(0, 12)}`,
            checked,
          )) as CheckRunDocument;
        } catch (error) {
          throw asInput(error);
        }
        const text = renderCheck(options.format, run);
        if (options.output === undefined) ctx.io.stdout.write(text);
        else {
          await writeFile(resolve(ctx.io.cwd, options.output), text);
          ctx.print(`${run.name}: ${run.conclusion}: ${run.output.title}`);
        }
        if (options.junit !== undefined)
          await writeFile(resolve(ctx.io.cwd, options.junit), renderCheck('junit', run));
        if (options.summary !== undefined)
          await appendFile(resolve(ctx.io.cwd, options.summary), `${run.output.summary}\n`);
        return run.conclusion === 'failure' ? EXIT.failure : EXIT.ok;
      }),
    );
