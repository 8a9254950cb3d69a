// `isoplan github import OWNER/REPO#NUMBER --project SLUG`: link the project to a meta issue on GitHub and
// bring in its sub-issues (recursively) and their dependencies, as POST /v1/projects/SLUG/github/sync does
// (through it, with --server). All or nothing; the project is created when missing; a second import changes
// only what changed on GitHub.
import { Command } from '@commander-js/extra-typings';
import { parseIssueReference } from '../../domain/github/repository.js';
import type { GithubSyncSummary } from '../backend/backend.js';
import { type CommandFactory, formatOption, UsageError } from '../command.js';
import { ticked } from '../output/style.js';

const count = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/**
 * The summary as lines for a person: what changed, then the meta issue's move (when GitHub had it
 * transferred), each issue renamed and each refused edge with its cycle.
 */
export function describeSync(summary: GithubSyncSummary): string[] {
  const { added, changed, removed, renamed, dependencies, refused, relinked } = summary;
  const what =
    added.length +
      changed.length +
      removed.length +
      renamed.length +
      dependencies.added.length +
      dependencies.removed.length ===
    0
      ? 'nothing changed'
      : [
          `${count(added.length, 'issue', 'issues')} added`,
          `${changed.length} changed`,
          `${removed.length} removed`,
          `${renamed.length} renamed`,
          `${count(dependencies.added.length, 'dependency', 'dependencies')} added`,
          `${dependencies.removed.length} removed`,
        ].join(', ');
  const lines = [
    `${summary.project} ${summary.created ? 'created from' : 'synced with'} ${summary.link.repository}#${summary.link.issue}: ${what} (${count(summary.read, 'issue', 'issues')} read)`,
  ];
  if (relinked !== null) {
    lines.push(
      `the meta issue moved on GitHub: relinked from ${relinked.from.repository}#${relinked.from.issue} to ${relinked.to.repository}#${relinked.to.issue}`,
    );
  }
  for (const r of renamed) lines.push(`renamed ${r.from} to ${r.to}`);
  for (const r of refused) {
    lines.push(
      `refused ${r.issue} blocked by ${r.blockedBy}: it would close the cycle ${r.cycle.join(' -> ')}`,
    );
  }
  return lines;
}

export const githubImportCommand: CommandFactory = (cli) =>
  new Command('import')
    .summary('link a project to a meta issue on GitHub and bring in its sub-issues and dependencies')
    .description(
      // One string per paragraph: commander wraps each to the terminal's width.
      [
        'Reads the meta issue OWNER/REPO#NUMBER, its sub-issues recursively and the issues blocking each, ' +
          'from GITHUB_API_URL (default https://api.github.com) with GITHUB_TOKEN or the GitHub App of ' +
          'GITHUB_APP_ID and GITHUB_APP_PRIVATE_KEY, and applies them to the project all or nothing (created ' +
          'when missing). Run it again to bring in what changed on GitHub: only that changes. Dependencies ' +
          'that would close a cycle are not stored and are listed with their cycle. An issue transferred ' +
          'to another repository keeps its claims and checks under its new key (listed as renamed); the ' +
          'meta issue transferred is followed, and the project relinked to it (said in the output).',
        'Exit codes: 0 imported, 1 GitHub refused or failed (bad credentials, rate limit, no answer), ' +
          '2 bad usage or a meta issue GitHub does not show (no such issue, or one the credentials cannot ' +
          'see: GitHub answers both alike).',
      ].join('\n\n'),
    )
    .argument('<meta-issue>', 'the meta issue, OWNER/REPO#NUMBER (e.g. python/cpython#84692)')
    .requiredOption('-p, --project <slug>', 'the project to keep in sync with it')
    .addOption(formatOption(['text', 'json']))
    .action(
      cli.action(async (ctx, reference, options) => {
        const ref = parseIssueReference(reference);
        if (ref === null) {
          throw new UsageError(
            `the meta issue must be OWNER/REPO#NUMBER (e.g. python/cpython#84692), not '${reference}'`,
          );
        }
        const backend = await ctx.backend({ create: true });
        const progress = ctx.progress(`reading ${reference}`);
        let summary: GithubSyncSummary;
        try {
          summary = await backend.githubSync(
            options.project,
            { repository: ref.repository, issue: ref.number },
            (read, found) => progress.update(read, found),
          );
        } finally {
          progress.end();
        }
        if (options.format === 'json') ctx.json(summary);
        else {
          const [first, ...rest] = describeSync(summary);
          ctx.note(ticked(ctx.style, first as string));
          if (rest.length > 0) ctx.print(...rest);
        }
        return undefined;
      }),
    );
