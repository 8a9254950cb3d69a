// A simulator report as readable text for `isoplan sim run --format text`: the verdict, violations
// grouped by kind (component, interpreters, the steps involved, CPython's exception, message and
// chain, or the C API's PyStatus), then the stats. Pure: returns a string, prints nothing.

// The simulator's own module of violations only: a command's text module must not load the simulator.
import type { StressReport } from '../../runtime-sim/index.js';
import {
  type SimReport,
  VIOLATION_KINDS,
  type Violation,
  type ViolationKind,
} from '../../runtime-sim/violations.js';
import { createStyle, type Style } from './style.js';
import { renderTable } from './table.js';

const TITLES: Record<ViolationKind, string> = {
  'cross-interpreter-object': 'Objects used by an interpreter that did not create them',
  'data-race': 'Data races (no common lock, no happens-before order)',
  'cross-allocator-free': "Objects freed into another interpreter's allocator",
  'config-error': 'Interpreter configs CPython refuses',
  'import-error': 'Extension modules CPython refuses to import',
  'forbidden-operation': "Operations the interpreter's config forbids",
};

export interface SimTextOptions {
  /** Most violations shown per kind before "... and N more"; default 20. */
  maxPerKind?: number;
  style?: Style;
}

const PLAIN = createStyle({ colour: false, symbols: false });

export function formatSimReportText(report: SimReport, opts: SimTextOptions = {}): string {
  const maxPerKind = Math.max(1, Math.floor(opts.maxPerKind ?? 20));
  const style = opts.style ?? PLAIN;
  const out: string[] = [];
  const total = report.violations.length;
  const kinds = countKinds(report.violations);
  out.push(
    report.ok
      ? style.green('OK: no isolation violation found')
      : style.red(
          `FAIL: ${total} violation${total === 1 ? '' : 's'} in ${kinds} kind${kinds === 1 ? '' : 's'}`,
        ),
  );
  for (const kind of VIOLATION_KINDS) {
    const list = report.violations.filter((v) => v.kind === kind);
    if (list.length === 0) continue;
    out.push('', style.bold(`${TITLES[kind]} [${kind}]: ${list.length}`));
    for (const v of list.slice(0, maxPerKind)) out.push(...violationLines(v, report.stats.runs));
    if (list.length > maxPerKind) out.push(`  ... and ${list.length - maxPerKind} more`);
  }
  const { runs, steps, objects, durationMs } = report.stats;
  out.push(
    '',
    style.dim(
      `Stats: ${runs} run${runs === 1 ? '' : 's'}, ${steps} steps, ${objects} objects, ${durationMs} ms`,
    ),
  );
  return `${out.join('\n')}\n`;
}

function countKinds(violations: readonly Violation[]): number {
  return new Set(violations.map((v) => v.kind)).size;
}

function violationLines(v: Violation, runs: number): string[] {
  const lines = [`  - ${v.component}  (${v.interpreters.join(', ')}; seen in ${v.count}/${runs} runs)`];
  if (v.exception) lines.push(`      ${v.exception}: ${v.message}`);
  else if (v.status) lines.push(`      PyStatus from ${v.status.func}(): ${v.status.message}`);
  else lines.push(`      ${v.message}`);
  // CPython's chain: each exception the one above was raised during.
  for (let cause = v.cause; cause; cause = cause.cause) {
    lines.push(`      during ${cause.exception}: ${cause.message}`);
  }
  for (const s of v.steps) {
    lines.push(`      at ${s.interpreter} ${s.index < 0 ? '(creation)' : `#${s.index}`} ${s.op}`);
  }
  return lines;
}

/** A stress-mode report: lost reference-count updates per component, then the throughput. */
export function formatStressReportText(report: StressReport, opts: { style?: Style } = {}): string {
  const style = opts.style ?? PLAIN;
  const out: string[] = [];
  out.push(
    report.ok
      ? style.green(`OK: no update lost (${report.updates} updates)`)
      : style.red(
          `FAIL: ${report.lostUpdates} of ${report.updates} updates lost (${percent(report.lostUpdates, report.updates)})`,
        ),
  );
  const header = { component: 'component', placement: 'placement', updates: 'updates', lost: 'lost' };
  const rows = [
    header,
    ...report.components.map((c) => ({ ...c, updates: String(c.updates), lost: String(c.lost) })),
  ];
  out.push(
    '',
    ...renderTable(
      rows,
      [
        { text: (r) => r.component, style: (t, r) => (r === header ? style.bold(t) : t) },
        { text: (r) => r.placement },
        { text: (r) => r.updates, align: 'right' },
        {
          text: (r) => r.lost,
          align: 'right',
          style: (t, r) => (r !== header && r.lost !== '0' ? style.red(t) : t),
        },
      ],
      Number.POSITIVE_INFINITY,
    ),
  );
  const passes = Object.entries(report.passes)
    .map(([name, n]) => `${name} ${n}`)
    .join(', ');
  out.push(
    '',
    `Stress: ${report.interpreters} interpreters on ${report.workers} worker${report.workers === 1 ? '' : 's'}, ${report.elapsedMs} ms, ${(report.updatesPerSecond / 1e6).toFixed(1)} M updates/s; passes: ${passes}`,
  );
  return `${out.join('\n')}\n`;
}

function percent(part: number, whole: number): string {
  return whole === 0 ? '0%' : `${((part / whole) * 100).toFixed(1)}%`;
}
