// A plan as readable text for `isoplan plan`: summary, progress bars (project and each parent), waves,
// ready and blocked issues, the critical path with its schedule, slack of the other open issues,
// redundant edges and assumptions. Pure: returns a string, prints nothing.

import type { Assumption, Plan, ProgressSummary } from '../domain/plan/types.js';

export interface PlanTextOptions {
  /** Line width to fit lists and bars to; default 80, at least 40. */
  width?: number;
  /** Most items shown per list before "... and N more"; default 20. */
  maxItems?: number;
}

export function formatPlanText(plan: Plan, opts: PlanTextOptions = {}): string {
  const width = Math.max(40, Math.floor(opts.width ?? 80));
  const maxItems = Math.max(1, Math.floor(opts.maxItems ?? 20));
  const out: string[] = [];
  const open = plan.ready.length + plan.blocked.length;
  const { project } = plan.progress;

  const header =
    `${project.total} issues, ${open} open (${plan.ready.length} ready, ${plan.blocked.length} blocked), ` +
    `${plan.waves.length} waves, critical path ${days(plan.criticalPath.lengthDays)}`;
  out.push(...wrap('Plan: ', header, width));

  out.push('', 'Progress');
  const parents = Object.keys(plan.progress.byParent).sort();
  const shown = parents.slice(0, maxItems);
  const labelWidth = Math.min(24, Math.max(7, ...shown.map((k) => k.length)));
  const rows: Array<[string, ProgressSummary]> = [['project', project]];
  for (const key of shown) rows.push([key, plan.progress.byParent[key]!]);
  const figures = rows.map(([, s]) => progressFigures(s));
  const figuresWidth = Math.max(...figures.map((f) => f.length));
  // Figures after the bar when they fit, else on a line of their own under it.
  const inline = width - 2 - labelWidth - 3 - figuresWidth >= 10;
  const barWidth = inline ? width - 2 - labelWidth - 3 - figuresWidth : width - 2 - labelWidth - 3;
  rows.forEach(([label, s], i) => {
    const line = progressLine(label, s, labelWidth, barWidth);
    if (inline) out.push(line + figures[i]!);
    else out.push(line, ' '.repeat(labelWidth + 2) + figures[i]!);
  });
  if (parents.length > shown.length) out.push(`  ... and ${parents.length - shown.length} more parents`);

  out.push('', `Waves (${plan.waves.length})`);
  const waves = plan.waves.slice(0, maxItems);
  waves.forEach((wave, i) => {
    out.push(...wrap(`  wave ${i} (${wave.length}): `, list(wave, maxItems), width));
  });
  if (plan.waves.length > waves.length) out.push(`  ... and ${plan.waves.length - waves.length} more waves`);

  out.push('', `Ready (${plan.ready.length})`);
  if (plan.ready.length > 0) out.push(...wrap('  ', list(plan.ready, maxItems), width));

  out.push('', `Blocked (${plan.blocked.length})`);
  for (const b of plan.blocked.slice(0, maxItems)) {
    out.push(
      ...wrap(
        `  ${b.key} <- `,
        `${b.blockedBy.join(', ')}; waits on ${list(b.rootBlockers, maxItems)}`,
        width,
      ),
    );
  }
  if (plan.blocked.length > maxItems) out.push(`  ... and ${plan.blocked.length - maxItems} more`);

  const path = plan.criticalPath.keys;
  out.push('', `Critical path (${path.length} issues, ${days(plan.criticalPath.lengthDays)})`);
  const keyWidth = Math.min(24, Math.max(0, ...path.map((k) => k.length)));
  for (const key of path.slice(0, maxItems)) {
    const s = plan.schedule[key]!;
    out.push(
      `  ${key.padEnd(keyWidth)}  day ${num(s.earliestStart)} -> ${num(s.earliestFinish)}  slack ${num(s.slack)}`,
    );
  }
  if (path.length > maxItems) out.push(`  ... and ${path.length - maxItems} more`);

  const onPath = new Set(path);
  const slack = Object.entries(plan.schedule)
    .filter(([key]) => !onPath.has(key))
    .sort(([ka, a], [kb, b]) => a.slack - b.slack || (ka < kb ? -1 : 1));
  if (slack.length > 0) {
    out.push('', 'Slack of the other open issues (least first)');
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

  if (plan.redundantEdges.length > 0) {
    out.push('', `Redundant edges (${plan.redundantEdges.length}, implied by others)`);
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
    out.push('', `Assumptions (${plan.assumptions.length})`);
    for (const a of plan.assumptions.slice(0, maxItems)) out.push(...wrap('  ', assumption(a), width));
    if (plan.assumptions.length > maxItems) out.push(`  ... and ${plan.assumptions.length - maxItems} more`);
  }
  return `${out.join('\n')}\n`;
}

function progressFigures(s: ProgressSummary): string {
  return ` ${pct(s.percentByCount).padStart(4)} of ${s.total} issues, ${pct(s.percentByEstimate).padStart(4)} of ${days(s.estimateDays)}`;
}

/** `label [####....] figures`; the bar shows percent finished by count. */
function progressLine(label: string, s: ProgressSummary, labelWidth: number, barWidth: number): string {
  const name = label.length > labelWidth ? `${label.slice(0, labelWidth - 1)}~` : label.padEnd(labelWidth);
  const filled = s.percentByCount === null ? 0 : Math.round((barWidth * s.percentByCount) / 100);
  return `  ${name} [${'#'.repeat(filled)}${'.'.repeat(barWidth - filled)}]`;
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

function list(items: string[], max: number): string {
  if (items.length === 0) return '-';
  const head = items.slice(0, max).join(', ');
  return items.length > max ? `${head}, ... and ${items.length - max} more` : head;
}

/** Wraps `text` at ", " boundaries to `width`, continuation lines indented under the first item. */
function wrap(prefix: string, text: string, width: number): string[] {
  const indent = ' '.repeat(Math.min(prefix.length, width >> 1));
  const words = text.split(', ');
  const lines: string[] = [];
  let line = prefix;
  let empty = true;
  for (let i = 0; i < words.length; i++) {
    const piece = words[i]! + (i < words.length - 1 ? ',' : '');
    const candidate = empty ? line + piece : `${line} ${piece}`;
    if (!empty && candidate.length > width) {
      lines.push(line);
      line = indent + piece;
    } else {
      line = candidate;
    }
    empty = false;
  }
  lines.push(line);
  return lines;
}

function pct(p: number | null): string {
  return p === null ? '-' : `${Math.round(p)}%`;
}

function num(x: number): string {
  return String(Math.round(x * 100) / 100);
}

function days(x: number): string {
  return `${num(x)} d`;
}
