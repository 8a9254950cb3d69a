// `isoplan check --project SLUG --done KEY... [--sha SHA] [--format text|json|junit|github]`: the CI
// check of a change, computed from the local database by the same CI check service as
// POST /v1/projects/:project/checks, and stored like it (so that a service on the same database
// answers GET …/status?sha= and GET …/checks/:id for it). Exit 0 on success or neutral, 1 on failure.
import { execFile } from 'node:child_process';
import { appendFile, writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { relocate } from '../api/http/request-paths.js';
import { loadConfig } from '../config.js';
import { CHECK_FORMATS, type CheckFormat, renderCheck } from '../domain/ci/check-formats.js';
import { isGitSha } from '../domain/ci/git-sha.js';
import type { CheckRunDocument } from '../domain/ci/types.js';
import { InvalidInputError, NotFoundError } from '../domain/errors.js';
import { type CliIo, defineCommand, EXIT, UsageError } from './command.js';

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

export const ciCheckCommand = defineCommand({
  name: 'check',
  summary: 'CI status check of a change: do the issues it marks done isolate what they claim?',
  usage:
    'check --project SLUG --done KEY... [--sha SHA] [--format text|json|junit|github] [--output FILE] ' +
    '[--junit FILE] [--summary FILE]',
  details: [
    'Validates the project as it is and with the --done issues finished, and compares the two: the check',
    'fails when a marked issue fails its checks or a finished issue that passed before fails after (a',
    'regression); it is neutral when no marked issue has checks. Missing dependencies are warnings.',
    'The result is stored as a check run for the commit, as POST /v1/projects/SLUG/checks does.',
    '',
    '--done may be repeated and takes keys separated by commas or spaces (`--done "a b" --done c`);',
    "`--done ''` checks a change that marks nothing done (neutral). The commit is --sha, else $GITHUB_SHA,",
    'else the HEAD of the git checkout in the working directory.',
    '',
    'Formats: text (readable), json (the check-run document), junit (JUnit XML: a test case per check of',
    'each marked issue), github (workflow-command annotations: ::error, ::warning, ::notice).',
    'With --output the result goes to FILE and one summary line to standard output.',
    '',
    'Exit codes: 0 success or neutral, 1 failure, 2 bad usage or input (unknown project or issue keys).',
  ].join('\n'),
  options: {
    project: { type: 'string', short: 'p' },
    done: { type: 'string', short: 'd', multiple: true },
    sha: { type: 'string' },
    format: { type: 'string', short: 'f', default: 'text' },
    output: { type: 'string', short: 'o' },
    junit: { type: 'string' },
    summary: { type: 'string' },
  },
  optionHelp: {
    project: 'slug of the project',
    done: 'keys of the issues the change marks done (repeatable)',
    sha: 'the commit checked (7 to 40 hex digits)',
    format: 'text (default), json, junit or github',
    output: 'write the result to FILE instead of standard output',
    junit: 'also write JUnit XML to FILE',
    summary: 'also append the Markdown summary to FILE (e.g. $GITHUB_STEP_SUMMARY)',
  },
  required: ['project', 'done'],
  async run({ values }, io) {
    const format = values.format as string;
    if (!(CHECK_FORMATS as readonly string[]).includes(format)) {
      throw new UsageError(`--format must be one of ${CHECK_FORMATS.join(', ')}, not '${format}'`);
    }
    const project = values.project as string;
    const done = parseDoneKeys(values.done ?? []);
    const sha = await resolveSha(values.sha, io);
    const config = loadConfig(io.env, io.cwd);

    // Loaded on use: --help and bad usage stay fast without Prisma or the simulator.
    const [{ withServices }, { createInProcessRunner }] = await Promise.all([
      import('./services.js'),
      import('../services/check-runners.js'),
    ]);
    let run: CheckRunDocument;
    try {
      // The simulator runs in this process: a one-shot command does not pay for starting workers.
      run = await withServices(config, (services) => services.ciChecks.run(project, { done, sha }), {
        checkRunner: createInProcessRunner(),
      });
    } catch (error) {
      // An unknown project is bad input here, like an unknown key (exit 2), not a failed check (exit 1).
      if (error instanceof NotFoundError && error.extensions.resource === 'project') {
        throw new InvalidInputError(error.detail, [{ path: '--project', message: error.detail }]);
      }
      if (error instanceof InvalidInputError)
        throw relocate(error, (path) => path.replace(/^done\[\d+\]/, '--done'));
      throw error;
    }

    const text = renderCheck(format as CheckFormat, run);
    if (values.output === undefined) io.stdout.write(text);
    else {
      await writeFile(resolve(io.cwd, values.output), text);
      io.stdout.write(`${run.name}: ${run.conclusion}: ${run.output.title}\n`);
    }
    if (values.junit !== undefined) await writeFile(resolve(io.cwd, values.junit), renderCheck('junit', run));
    if (values.summary !== undefined)
      await appendFile(resolve(io.cwd, values.summary), `${run.output.summary}\n`);
    return run.conclusion === 'failure' ? EXIT.failure : EXIT.ok;
  },
});
