// A plan as readable text for `isoplan plan`: summary, progress bars (project and each parent), the ready
// issues ranked with the reason, the blocked issues with what they wait on, the critical path with its
// schedule (each issue with its title), the waves, slack of the other open issues, redundant edges and
// assumptions. Tables fit the width; lists wrap to it. Pure: returns a string, prints nothing.
import type { Plan } from '../backend/backend.js';
import { days, type IssueRow, issueTable } from './issue-text.js';
import { createStyle, type Style } from './style.js';
import { wrapped, wrappedText } from './wrap.js';

type ProgressSummary = Plan['progress']['project'];
type Assumption = Plan['assumptions'][number];

/** What the plan does not carry: each issue's title and status, by key. */
export type IssueTitles = ReadonlyMap<string, { title: string; status: IssueRow['status'] }>;

export interface PlanTextOptions {
  /** Line width to fit tables, lists and bars to; default 80, at least 40. Infinity: tables are never cut. */
  width?: number;
  /** Most items shown per list before "... and N more"; default 20. */
  maxItems?: number;
  style?: Style;
}

/** Lists wrap at this width when the output has none (a pipe). */
const PIPE_WRAP = 100;

export function formatPlanText(plan: Plan, titles: IssueTitles, opts: PlanTextOptions = {}): string {
  const tableWidth = Math.max(40, opts.width ?? 80);
  const width = Number.isFinite(tableWidth) ? Math.floor(tableWidth) : PIPE_WRAP;
  const maxItems = Math.max(1, Math.floor(opts.maxItems ?? 20));
  const style = opts.style ?? createStyle({ colour: false, symbols: false });
  const heading = (text: string) => style.bold(text);
  const row = (key: string, extra: string[]): IssueRow => {
    const known = titles.get(key);
    return { key, title: known?.title ?? '', status: known?.status ?? 'open', extra };
  };
  const more = (shown: number, total: number, what = '') =>
    total > shown ? [`  ... and ${total - shown} more${what}`] : [];
  const indent = (lines: string[]) => lines.map((l) => `  ${l}`);
  const out: string[] = [];
  const open = plan.ready.length + plan.blocked.length;
  const { project } = plan.progress;

  const header =
    `${project.total} issues, ${open} open (${plan.ready.length} ready, ${plan.blocked.length} blocked), ` +
    `${plan.waves.length} waves, critical path ${days(plan.criticalPath.lengthDays)}`;
  out.push(...wrap('Plan: ', header, width));

  out.push('', heading('Progress'));
  const parents = Object.keys(plan.progress.byParent).sort();
  const shownParents = parents.slice(0, maxItems);
  const labelWidth = Math.min(24, Math.max(7, ...shownParents.map((k) => k.length)));
  const rows: Array<[string, ProgressSummary]> = [['project', project]];
  for (const key of shownParents) rows.push([key, plan.progress.byParent[key]!]);
  const figures = rows.map(([, s]) => progressFigures(s));
  const figuresWidth = Math.max(...figures.map((f) => f.length));
  // Figures after the bar when they fit, else on a line of their own under it.
  const inline = width - 2 - labelWidth - 3 - figuresWidth >= 10;
  const barWidth = inline ? width - 2 - labelWidth - 3 - figuresWidth : width - 2 - labelWidth - 3;
  rows.forEach(([label, s], i) => {
    const line = progressLine(label, s, labelWidth, barWidth, style);
    if (inline) out.push(line + figures[i]!);
    else out.push(line, ' '.repeat(labelWidth + 2) + figures[i]!);
  });
  out.push(...more(shownParents.length, parents.length, ' parents'));

  out.push('', heading(`Ready (${plan.ready.length}), in the order to start them`));
  const ranked = plan.readyRanking.slice(0, maxItems);
  out.push(
    ...indent(
      issueTable(
        ranked.map((r) => row(r.key, [days(estimateOf(plan, r.key)), r.reason])),
        style,
        tableWidth - 2,
      ),
    ),
  );
  out.push(...more(ranked.length, plan.readyRanking.length));

  out.push('', heading(`Blocked (${plan.blocked.length}), with the ready issues each waits on`));
  const blocked = plan.blocked.slice(0, maxItems);
  out.push(
    ...indent(
      issueTable(
        blocked.map((b) => row(b.key, [`<- ${list(b.rootBlockers, 6)}`])),
        style,
        tableWidth - 2,
      ),
    ),
  );
  out.push(...more(blocked.length, plan.blocked.length));

  const path = plan.criticalPath.keys;
  out.push('', heading(`Critical path (${path.length} issues, ${days(plan.criticalPath.lengthDays)})`));
  const shownPath = path.slice(0, maxItems);
  out.push(
    ...indent(
      issueTable(
        shownPath.map((key) => {
          const s = plan.schedule[key]!;
          return row(key, [`day ${num(s.earliestStart)} -> ${num(s.earliestFinish)}`]);
        }),
        style,
        tableWidth - 2,
      ),
    ),
  );
  out.push(...more(shownPath.length, path.length));

  out.push('', heading(`Waves (${plan.waves.length})`));
  const waves = plan.waves.slice(0, maxItems);
  waves.forEach((wave, i) => {
    out.push(...wrap(`  wave ${i} (${wave.length}): `, list(wave, maxItems), width));
  });
  out.push(...more(waves.length, plan.waves.length, ' waves'));

  const onPath = new Set(path);
  const slack = Object.entries(plan.schedule)
    .filter(([key]) => !onPath.has(key))
    .sort(([ka, a], [kb, b]) => a.slack - b.slack || (ka < kb ? -1 : 1));
  if (slack.length > 0) {
    out.push('', heading('Slack of the other open issues (least first)'));
    out.push(
      ...wrap(
        '  ',
        list(
          slack.map(([key, s]) => `${key} ${days(s.slack)}`),
          maxItems,
        ),
        width,
      ),
    );
  }

  if (plan.redundantEdges !== undefined && plan.redundantEdges.length > 0) {
    out.push('', heading(`Redundant edges (${plan.redundantEdges.length}, implied by others)`));
    out.push(
      ...wrap(
        '  ',
        list(
          plan.redundantEdges.map((e) => `${e.issue} <- ${e.blockedBy}`),
          maxItems,
        ),
        width,
      ),
    );
  }

  if (plan.assumptions.length > 0) {
    out.push('', heading(`Assumptions (${plan.assumptions.length})`));
    for (const a of plan.assumptions.slice(0, maxItems))
      out.push(wrappedText(assumption(a), '    ', width, '  '));
    out.push(...more(Math.min(maxItems, plan.assumptions.length), plan.assumptions.length));
  }
  return `${out.join('\n')}\n`;
}

/** The estimate the schedule used: earliest finish minus earliest start. */
function estimateOf(plan: Plan, key: string): number | null {
  const s = plan.schedule[key];
  return s === undefined ? null : s.earliestFinish - s.earliestStart;
}

function progressFigures(s: ProgressSummary): string {
  return ` ${pct(s.percentByCount).padStart(4)} of ${s.total} issues, ${pct(s.percentByEstimate).padStart(4)} of ${days(s.estimateDays)}`;
}

/** `label [####....] figures`; the bar shows percent finished by count. */
function progressLine(
  label: string,
  s: ProgressSummary,
  labelWidth: number,
  barWidth: number,
  style: Style,
): string {
  const name = label.length > labelWidth ? `${label.slice(0, labelWidth - 1)}~` : label.padEnd(labelWidth);
  const filled = s.percentByCount === null ? 0 : Math.round((barWidth * s.percentByCount) / 100);
  return `  ${name} [${style.green('#'.repeat(filled))}${style.dim('.'.repeat(barWidth - filled))}]`;
}

function assumption(a: Assumption): string {
  switch (a.kind) {
    case 'default-estimate':
      return `${a.key}: no estimate, assumed ${days(a.estimateDays)}`;
    case 'finished-with-open-blockers':
      return `${a.key}: finished while still blocked by ${a.openBlockers.join(', ')}; it holds nothing`;
    default:
      return assertNever(a);
  }
}

function assertNever(x: never): never {
  throw new Error(`unexpected assumption ${JSON.stringify(x)}`);
}

function list(items: readonly string[], max: number): string {
  if (items.length === 0) return '-';
  const head = items.slice(0, max).join(', ');
  return items.length > max ? `${head}, ... and ${items.length - max} more` : head;
}

/** `text`, a list, wrapped at its ", " to `width` (wrap.ts), continuation lines indented under the first item. */
function wrap(prefix: string, text: string, width: number): string[] {
  const items = text.split(', ');
  const pieces = items.map((item, i) => (i < items.length - 1 ? `${item},` : item));
  return wrapped(pieces, ' '.repeat(Math.min(prefix.length, width >> 1)), width, prefix).split('\n');
}

function pct(p: number | null): string {
  return p === null ? '-' : `${Math.round(p)}%`;
}

function num(x: number): string {
  return String(Math.round(x * 100) / 100);
}
