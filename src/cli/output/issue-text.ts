// How the CLI shows issues in text: a status mark (a symbol on a terminal, the status word elsewhere) and
// tables of issues with their titles beside their keys. Pure.
import type { Issue } from '../backend/backend.js';
import { type Style, widthOf } from './style.js';
import { type Column, renderTable } from './table.js';
import { wrappedText } from './wrap.js';

type Status = Issue['status'];

const SYMBOLS: Record<Status, string> = { open: '○', in_progress: '◐', done: '✓', wont_do: '✗' };

/** `✓` on a terminal, `done` elsewhere. */
function markText(style: Style, status: Status): string {
  return style.symbols ? SYMBOLS[status] : status;
}

/** `text` in the status's colour. */
function inStatusColour(style: Style, status: Status, text: string): string {
  switch (status) {
    case 'done':
      return style.green(text);
    case 'in_progress':
      return style.yellow(text);
    case 'wont_do':
      return style.dim(text);
    default:
      return text;
  }
}

/** `✓` (green) on a terminal, `done` elsewhere. */
export function statusMark(style: Style, status: Status): string {
  return inStatusColour(style, status, markText(style, status));
}

/** `12 d`, `0.5 d`, or `-` without an estimate. */
export function days(value: number | null): string {
  return value === null ? '-' : `${Math.round(value * 100) / 100} d`;
}

export interface IssueRow {
  key: string;
  title: string;
  status: Status;
  /** Further columns after the title, e.g. an estimate or what the issue waits on. */
  extra?: string[];
}

/**
 * One line per issue: mark, key, title (cut to fit `width`), then the extra columns; an issue whose key
 * is too long for the row takes two lines.
 */
export function issueTable(rows: readonly IssueRow[], style: Style, width: number): string[] {
  const extras = Math.max(0, ...rows.map((r) => r.extra?.length ?? 0));
  const columns: Column<IssueRow>[] = [
    { text: (r) => markText(style, r.status), style: (t, r) => inStatusColour(style, r.status, t) },
    // A key is never cut: one too long for the row goes on a line of its own (table.ts).
    { text: (r) => r.key, style: (t) => style.bold(t), ownLine: true },
    { text: (r) => r.title, flexible: true, minWidth: 16 },
  ];
  for (let i = 0; i < extras; i++) {
    columns.push({ text: (r) => r.extra?.[i] ?? '', style: (t) => style.dim(t), flexible: true });
  }
  return renderTable(rows, columns, width);
}

/**
 * An issue named in a line of its own — `✓ finished KEY  Title` (`lead` before the key, `finished`) — the
 * title beside the key when both fit `width`, else wrapped under it (wrap.ts): nothing is cut.
 */
export function issueHeading(
  style: Style,
  issue: { key: string; title: string; status: Status },
  width: number,
  lead = '',
): string {
  const head = `${statusMark(style, issue.status)} ${lead === '' ? '' : `${lead} `}${style.bold(issue.key)}`;
  if (widthOf(head) + 2 + widthOf(issue.title) <= width) return `${head}  ${issue.title}`;
  return `${head}\n${wrappedText(issue.title, '  ', width)}`;
}
