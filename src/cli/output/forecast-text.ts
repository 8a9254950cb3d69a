// A forecast as text for `isoplan forecast`, to paste into the meta issue: the P50/P85/P95 dates with the
// team that gives them, the most critical issues, the levelled schedule by person, the history beside it
// and the assumptions; its trend, one line a week; and `isoplan next`'s list with its reasons. Every line
// fits the terminal's width (wrap.ts: a longer line goes on under a deeper indent; in a pipe nothing
// wraps). Pure: returns strings, prints nothing.

import type { Forecast, ForecastTrend, NextIssue } from '../backend/backend.js';
import { wrapped, wrappedText } from './wrap.js';

type ForecastAssumption = Forecast['assumptions'][number];

export interface ForecastTextOptions {
  /** Most critical issues listed; default 10. */
  critical?: number;
  /** Most issues listed per person; default 20. */
  perPerson?: number;
  /** The terminal's columns to wrap lines to; default Infinity (a pipe: nothing wraps). */
  width?: number;
}

export function formatForecastText(forecast: Forecast, opts: ForecastTextOptions = {}): string {
  const critical = Math.max(1, opts.critical ?? 10);
  const perPerson = Math.max(1, opts.perPerson ?? 20);
  const { quantiles, levelled, unlimited } = forecast;
  const width = opts.width ?? Number.POSITIVE_INFINITY;
  const out: string[] = [];
  /** A line of `words`, after `first`, its continuations under a deeper indent. */
  const line = (first: string, ...words: string[]) =>
    out.push(wrapped(words, ' '.repeat(first.length + 2), width, first));
  const what = forecast.target === null ? 'All open issues done' : `${forecast.target} done`;
  line('', 'Forecast,', `with ${teamWords(forecast)},`, 'work from', forecast.start);
  line(
    '  ',
    `${what}:`,
    `P50 ${quantiles.p50.date},`,
    `P85 ${quantiles.p85.date},`,
    `P95 ${quantiles.p95.date}`,
    `(${days(quantiles.p50.days)} / ${days(quantiles.p85.days)} / ${days(quantiles.p95.days)}`,
    'working days)',
  );
  if (forecast.trials > 0) {
    line(
      '  ',
      `${forecast.trials.toLocaleString('en-US')} trials`,
      'on the estimate ranges (PERT),',
      `seed ${forecast.seed}`,
    );
  } else line('  ', 'no trials:', 'the levelled schedule on the most likely estimates');
  line(
    '  ',
    'levelled on the most likely estimates:',
    `${levelled.finishDate} (${days(levelled.finishDays)} days);`,
    'with unlimited people:',
    `${unlimited.date} (${days(unlimited.days)} days)`,
  );

  const ranked = Object.entries(forecast.criticality)
    .filter(([, share]) => share > 0)
    .sort(([ka, a], [kb, b]) => b - a || (ka < kb ? -1 : 1))
    .slice(0, critical);
  out.push('', `Most critical issues (share of trials on the critical chain)`);
  if (ranked.length === 0) out.push('  none: nothing is open');
  const keyWidth = Math.min(32, Math.max(0, ...ranked.map(([key]) => key.length)));
  for (const [key, share] of ranked) {
    const p85 = forecast.finishP85[key];
    line(`  ${percent(share).padStart(4)}  `, key.padEnd(keyWidth), ` P85 finish ${p85?.date ?? '-'}`);
  }

  out.push('', 'Levelled schedule by person');
  const chain = new Set(levelled.criticalChain);
  const lanes = [...forecast.team.map((p) => p.name), null];
  for (const lane of lanes) {
    const entries = levelled.schedule.filter((e) => e.person === lane);
    if (entries.length === 0 && lane === null) continue;
    line('  ', `${lane ?? 'no one (zero-length issues)'} (${entries.length})`);
    for (const e of entries.slice(0, perPerson)) {
      const length = days(e.finishDay - e.startDay);
      const mark = chain.has(e.key) ? ' critical chain' : '';
      line('    ', `${e.start} -> ${e.finish} `, e.key, `(${length} d)`, mark);
    }
    if (entries.length > perPerson) out.push(`    ... and ${entries.length - perPerson} more`);
  }

  out.push('', 'History');
  out.push(wrappedText(forecast.history.summary, '    ', width, '  '));

  if (forecast.assumptions.length > 0) {
    out.push('', 'Assumptions');
    for (const a of forecast.assumptions) out.push(wrappedText(assumption(a), '    ', width, '  '));
  }
  return `${out.join('\n')}\n`;
}

/**
 * `isoplan next`: the ranked ready issues, each numbered, its reasons under it wrapped to `width` (a
 * terminal's; Infinity in a pipe).
 */
export function formatNextText(next: readonly NextIssue[], width = Number.POSITIVE_INFINITY): string {
  // Dependencies never form a cycle, so some open issue is always ready while any is open: none ready
  // means none open (it said "every open issue waits on another" of a finished project).
  if (next.length === 0) return 'Nothing to start: nothing is open.\n';
  const out = next.map(
    (n, i) => `${String(i + 1).padStart(2)}. ${n.key}\n${wrapped(n.reason.split(' '), '    ', width)}`,
  );
  return `${out.join('\n')}\n`;
}

function teamWords(forecast: Forecast): string {
  const { team } = forecast;
  const anonymous = team.every((p, i) => p.name === `person ${i + 1}` && p.capacity === 1);
  if (anonymous) return team.length === 1 ? '1 person' : `${team.length} people`;
  return team.map((p) => (p.capacity === 1 ? p.name : `${p.name} (${percent(p.capacity)})`)).join(', ');
}

function assumption(a: ForecastAssumption): string {
  switch (a.kind) {
    case 'unknown-assignee':
      return `${a.key}: '${a.assignee}' is not in the team; anyone may take it`;
    case 'assignees-ignored':
      return `the team is a number of people: assignees are not used (${a.keys.length} assigned)`;
    case 'in-progress-whole':
      return `in progress, counted at the whole estimate and first: ${a.keys.join(', ')}`;
    case 'default-team':
      return `the project has no team: ${a.people} ${a.people === 1 ? 'person' : 'people'} assumed (set the project's team)`;
  }
}

function days(n: number): string {
  return String(Math.round(n * 10) / 10);
}

function percent(share: number): string {
  return `${Math.round(share * 100)}%`;
}

/**
 * The forecast's trend as text for `isoplan forecast --trend`: one line per point, oldest first (its date,
 * the open issues, P50, P85, and what changed since the point before), then what the trend could not know.
 */
export function formatTrendText(trend: ForecastTrend, width = Number.POSITIVE_INFINITY): string {
  const out: string[] = [];
  const trials =
    trend.trials > 0
      ? `${trend.trials.toLocaleString('en-US')} trials per point`
      : 'levelled schedules, no trials';
  out.push(
    wrappedText(
      `Forecast trend, ${trend.points.length} of ${trend.weeks} weeks (${trials}, seed ${trend.seed})`,
      '  ',
      width,
      '',
    ),
  );
  const rows = trend.points.map((p) => [
    p.date,
    `${p.openIssues} open`,
    `P50 ${p.p50 ?? 'past 9999-12-31'}`,
    `P85 ${p.p85 ?? 'past 9999-12-31'}`,
    p.change?.summary ?? '',
  ]);
  const widths = [0, 1, 2, 3].map((i) => Math.max(...rows.map((r) => r[i]!.length)));
  for (const row of rows) {
    const cells = row.map((cell, i) => (i < 4 ? cell.padEnd(widths[i]!) : cell));
    const [date, open, p50, p85, change] = cells as [string, string, string, string, string];
    // The change goes on under the row when the row and it are wider than the terminal.
    out.push(wrapped([`${date}  ${open}  ${p50}  ${p85} `, ...change.split(' ')], '    ', width, '  '));
  }
  for (const note of trend.notes) out.push(wrappedText(note, '        ', width, '  note: '));
  return `${out.join('\n')}\n`;
}
