// `isoplan check --done KEY...`: the CI check of a change, by the same CI check service as
// POST /v1/projects/:project/checks (through it, with --server) and stored like it (so that the service
// answers GET …/status?sha= and GET …/checks/:id for it). Exit 0 on success or neutral, 1 on failure.
// With --post, the result also goes to GitHub as the pull-request webhook posts it (the GitHub CI check
// service): a check run named `isoplan`, or a commit status where the credentials may not create one.
import { execFile } from 'node:child_process';
import { appendFile, writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { Command } from '@commander-js/extra-typings';
import { relocate } from '../../api/http/request-paths.js';
import { CHECK_FORMATS, renderCheck } from '../../domain/ci/check-formats.js';
import { FULL_SHA_LENGTH, isGitSha } from '../../domain/ci/git-sha.js';
import type { CheckRunDocument } from '../../domain/ci/types.js';
import { InvalidInputError } from '../../domain/errors.js';
import { isRepository, sameRepository } from '../../domain/github/repository.js';
import type { Backend } from '../backend/backend.js';
import {
  type CliIo,
  type CommandContext,
  type CommandFactory,
  EXIT,
  formatOption,
  projectOption,
  UsageError,
} from '../command.js';
import { wrappedText } from '../output/wrap.js';

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

/** Unknown keys (bad input: exit 2, as EXIT says, never a failed check) named by the option that gave them. */
function asInput(error: unknown): unknown {
  if (error instanceof InvalidInputError)
    return relocate(error, (path) => path.replace(/^(body\.)?done\[\d+\]/, '--done'));
  return error;
}

/** --repository, else $GITHUB_REPOSITORY (GitHub Actions sets it). */
function postRepository(given: string | undefined, io: CliIo): string {
  const repository = given ?? (io.env.GITHUB_REPOSITORY || undefined);
  if (repository === undefined) {
    throw new UsageError(
      '--post needs the repository to post to: give --repository OWNER/REPO (or set GITHUB_REPOSITORY)',
    );
  }
  if (!isRepository(repository)) throw new UsageError(`--repository must be OWNER/REPO, not '${repository}'`);
  return repository;
}

/** Posts the run to GitHub (GITHUB_API_URL, GITHUB_TOKEN or the App) and says what it posted. */
async function postToGithub(
  ctx: CommandContext,
  backend: Backend,
  project: string,
  run: CheckRunDocument,
  repository: string,
) {
  const [{ githubClientFromConfig }, { createGithubCiCheckService }] = await Promise.all([
    import('../../integrations/github/github-client.js'),
    import('../../services/github-ci-check-service.js'),
  ]);
  const warn = (message: string) => ctx.io.stderr.write(`isoplan: ${message}\n`);
  const github = githubClientFromConfig((await ctx.config()).github, { warn });
  // Annotations point at the project document where the project's link tracks one in this repository.
  const link = (await backend.exportProject(project)).project.github ?? null;
  const document = link !== null && sameRepository(link.repository, repository) ? link.document : null;
  const posted = await ctx.withProgress(
    `posting to ${repository}`,
    createGithubCiCheckService({ github }).post(run, { repository, document, tryCheckRun: true }),
  );
  if (ctx.quiet) return;
  const at = `${repository}@${run.head_sha.slice(0, 12)}`;
  ctx.io.stderr.write(
    posted.kind === 'check-run'
      ? `isoplan: posted check run ${posted.id} to ${at} (${posted.annotations} annotations)\n`
      : `isoplan: posted commit status ${posted.state} to ${at} (GitHub refused a check run with these credentials)\n`,
  );
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
        'With --post, the result is also posted to GitHub for the commit, as the webhook answers a pull ' +
          'request: a check run named isoplan (annotations on the project document when the project is ' +
          'linked to a meta issue of that repository and tracks one), or a commit status (context isoplan) ' +
          'where GitHub refuses a check run to the credentials. It uses GITHUB_API_URL and GITHUB_TOKEN (or ' +
          'GITHUB_APP_ID and GITHUB_APP_PRIVATE_KEY) and posts to --repository, else $GITHUB_REPOSITORY: in a ' +
          'GitHub Actions job, give the job `permissions: checks: write` (or `statuses: write`). GitHub ' +
          'posts only on a full sha: with --post, --sha takes 40 hex digits.',
        'Exit codes: 0 success or neutral, 1 failure (or GitHub refused the post), 2 bad usage or input ' +
          '(unknown project or issue keys).',
      ].join('\n\n'),
    )
    .addOption(projectOption())
    .requiredOption('-d, --done <keys>', 'keys of the issues the change marks done (repeatable)', collect)
    .option('--sha <sha>', 'the commit checked (7 to 40 hex digits; 40 with --post)')
    .addOption(formatOption(CHECK_FORMATS))
    .option('-o, --output <file>', 'write the result to FILE instead of standard output')
    .option('--junit <file>', 'also write JUnit XML to FILE')
    .option('--summary <file>', 'also append the Markdown summary to FILE (e.g. $GITHUB_STEP_SUMMARY)')
    .option('--post', 'also post the result to GitHub: a check run, or a commit status')
    .option('--repository <owner/repo>', 'the repository --post posts to (default $GITHUB_REPOSITORY)')
    .action(
      cli.action(async (ctx, options) => {
        const done = parseDoneKeys(options.done);
        const sha = await resolveSha(options.sha, ctx.io);
        const repository = options.post === true ? postRepository(options.repository, ctx.io) : null;
        if (repository !== null && sha.length !== FULL_SHA_LENGTH) {
          throw new UsageError(
            `--post needs the full 40-digit sha (GitHub posts check runs and commit statuses on nothing else), not '${sha}': give \`git rev-parse HEAD\``,
          );
        }
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
        // The text is the check run's own (GitHub shows it): on a terminal its long lines wrap at a word;
        // in a pipe, and in a file, it stays as stored.
        if (options.output === undefined)
          ctx.io.stdout.write(options.format === 'text' ? wrappedText(text, '', ctx.width) : text);
        else {
          await writeFile(resolve(ctx.io.cwd, options.output), text);
          ctx.print(`${run.name}: ${run.conclusion}: ${run.output.title}`);
        }
        if (options.junit !== undefined)
          await writeFile(resolve(ctx.io.cwd, options.junit), renderCheck('junit', run));
        if (options.summary !== undefined)
          await appendFile(resolve(ctx.io.cwd, options.summary), `${run.output.summary}\n`);
        if (repository !== null) await postToGithub(ctx, backend, project, run, repository);
        return run.conclusion === 'failure' ? EXIT.failure : EXIT.ok;
      }),
    );
