// `isoplan show KEY`: one issue in full: its fields, what blocks it (directly, and every open blocker
// upstream), what it blocks and which of those it would free, its claims and checks, and its history.
import { Command } from '@commander-js/extra-typings';
import { isFinished } from '../../domain/model.js';
import type { AuditEvent, Issue } from '../backend/backend.js';
import { type CommandFactory, formatOption, projectOption } from '../command.js';
import { days, issueHeading, issueTable } from '../output/issue-text.js';
import { renderTable } from '../output/table.js';
import { wrapped, wrappedText } from '../output/wrap.js';
import { freedBy } from '../status-change.js';

const HISTORY = 10;
/** Fields every change moves: not worth naming. */
const BOOKKEEPING = new Set(['revision', 'createdAt', 'updatedAt']);

/** What an audit event changed, in a few words: `status open -> done`, `created`, `a <- b`. */
export function describeEvent(event: AuditEvent): string {
  const before = event.before as Record<string, unknown> | null;
  const after = event.after as Record<string, unknown> | null;
  if (event.action.startsWith('dependency.'))
    return `${event.action.slice('dependency.'.length)} ${event.target ?? ''}`;
  if (before === null || typeof before !== 'object')
    return event.action.endsWith('.create') ? 'created' : event.action;
  if (after === null || typeof after !== 'object')
    return event.action.endsWith('.delete') ? 'deleted' : event.action;
  const changed = Object.keys(after).filter(
    (k) => !BOOKKEEPING.has(k) && JSON.stringify(before[k]) !== JSON.stringify(after[k]),
  );
  const short = (v: unknown) => {
    const text = typeof v === 'string' ? v : JSON.stringify(v);
    return text.length > 30 ? `${text.slice(0, 29)}…` : text;
  };
  const parts = changed.map((k) =>
    [
      'status',
      'estimateDays',
      'estimateLowDays',
      'estimateHighDays',
      'assignee',
      'priority',
      'parent',
      'title',
    ].includes(k)
      ? `${k} ${short(before[k])} -> ${short(after[k])}`
      : k,
  );
  return parts.length === 0 ? event.action : parts.join(', ');
}

/** `3 d`, or with its range `3 d (2 d to 6 d)`; an end not given is the most likely estimate itself. */
export function estimateText(
  issue: Pick<Issue, 'estimateDays' | 'estimateLowDays' | 'estimateHighDays'>,
): string {
  const { estimateDays: likely, estimateLowDays: low, estimateHighDays: high } = issue;
  if (likely === null || (low === null && high === null)) return days(likely);
  return `${days(likely)} (${days(low ?? likely)} to ${days(high ?? likely)})`;
}

export const showCommand: CommandFactory = (cli) =>
  new Command('show')
    .summary('one issue in full: fields, blockers, what it unblocks, claims, checks, history')
    .description(
      'The JSON format is the issue as GET /v1/projects/SLUG/issues/KEY answers it, with `openBlockers` ' +
        '(every open blocker upstream, as GET …/blockers lists them), `frees` (the issues ready once it is ' +
        'finished) and `history` (its audit events).',
    )
    .argument('<key>', 'the issue')
    .addOption(projectOption())
    .addOption(formatOption(['text', 'json']))
    .action(
      cli.action(async (ctx, key, options) => {
        const { project, backend } = await ctx.onProject(options.project);
        const issue = await backend.issue(project, key);
        const [issues, blockers, history] = await Promise.all([
          backend.issues(project),
          backend.blockers(project, key),
          backend.history(project, { issue: key, limit: HISTORY }),
        ]);
        const byKey = new Map(issues.map((i) => [i.key, i]));
        // What finishing it would free (nothing more, once it is finished).
        const frees = isFinished(issue.status) ? [] : freedBy(issue.key, issues);
        if (options.format === 'json') {
          ctx.json({ ...issue, openBlockers: blockers.blockers, frees, history });
          return undefined;
        }

        const { style, width } = ctx;
        const rowOf = (k: string, extra: string[] = []) => {
          const other = byKey.get(k);
          return { key: k, title: other?.title ?? '', status: other?.status ?? ('open' as const), extra };
        };
        const section = (title: string, lines: string[]) => {
          if (lines.length > 0) ctx.print('', style.bold(title), ...lines.map((l) => `  ${l}`));
        };

        ctx.print(issueHeading(style, issue, width));
        const parent =
          issue.parent === null ? null : `${issue.parent}  ${byKey.get(issue.parent)?.title ?? ''}`;
        const fields: Array<[string, string | null]> = [
          ['status', issue.status],
          ['estimate', estimateText(issue)],
          ['assignee', issue.assignee],
          ['priority', issue.priority],
          ['parent', parent],
          ['labels', issue.labels.length > 0 ? issue.labels.join(', ') : null],
          ['url', issue.url],
          ['revision', `${issue.revision}, updated ${issue.updatedAt}`],
        ];
        const shown = fields.filter((f): f is [string, string] => f[1] !== null);
        // Each value wraps under itself at a word (a URL stays whole).
        const label = Math.max(...shown.map(([name]) => name.length));
        for (const [name, value] of shown) {
          const lead = `  ${name.padEnd(label)}  `;
          ctx.print(
            wrappedText(
              value,
              ' '.repeat(lead.length),
              width,
              `  ${style.dim(name)}${lead.slice(2 + name.length)}`,
            ),
          );
        }
        if (issue.body.trim() !== '') ctx.print('', wrappedText(issue.body.trimEnd(), '  ', width));

        const pad = width - 2;
        section(
          `Blocked by (${issue.blockedBy.length})`,
          issueTable(
            issue.blockedBy.map((k) => rowOf(k)),
            style,
            pad,
          ),
        );
        const upstream = blockers.blockers.filter((b) => b.distance > 1);
        section(
          `Open blockers further up (${upstream.length})`,
          issueTable(
            upstream.map((b) => rowOf(b.key, [`via ${b.path.slice(1, -1).join(' <- ')}`])),
            style,
            pad,
          ),
        );
        section(
          `Blocks (${issue.blocks.length})`,
          issueTable(
            issue.blocks.map((k) => rowOf(k, frees.includes(k) ? ['ready once this is finished'] : [])),
            style,
            pad,
          ),
        );
        // A component id runs to 70 columns (global:Modules/…): a claim or check goes on under itself, at
        // a word, the id never cut (wrap.ts); the section indents each first line by 2.
        const entry = (...words: string[]) => wrapped(words, '    ', pad, '');
        section(
          `Claims (${issue.claims.length})`,
          issue.claims.map((c) => entry(c.component, `-> ${style.cyan(c.placement)}`)),
        );
        section(
          `Checks (${issue.checks.length})`,
          issue.checks.map((c) =>
            'workload' in c
              ? entry(`${c.name}:`, 'workload', c.workload)
              : entry(`${c.name}:`, `program of ${c.program.length} ops`),
          ),
        );
        section(
          history.length < HISTORY ? `History (${history.length})` : `History (latest ${HISTORY})`,
          renderTable(
            history,
            [
              { text: (e) => e.at.replace('T', ' ').slice(0, 19), style: (t) => style.dim(t) },
              { text: (e) => e.actor },
              { text: (e) => describeEvent(e), flexible: true },
            ],
            pad,
          ),
        );
        return undefined;
      }),
    );
