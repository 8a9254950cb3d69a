// Aligned columns that fit the terminal: each column as wide as its widest cell; when the row is too wide,
// the flexible columns (titles) give up width first and their cells end in `…`; then a column that is
// never cut but may leave its row (a key: `ownLine`) narrows, and a cell of it wider than what is left
// goes on a line of its own, its row going on under it on the next line, so that one long key neither
// pushes every row past the terminal nor is cut. Styles are applied after measuring, so escape
// sequences never shift a column. Pure.
import { widthOf } from './style.js';
import { clusters, columnsOf } from './text-width.js';

export interface Column<Row> {
  /** The cell's text (unstyled). */
  text(row: Row): string;
  /** Colours or weight for the cell; receives the padded or truncated text. */
  style?(text: string, row: Row): string;
  align?: 'left' | 'right';
  /** May be truncated to fit the width; never below `minWidth` (default 12). */
  flexible?: boolean;
  minWidth?: number;
  /**
   * Never cut: when the row cannot fit even with the flexible columns at their minimum, the column is as
   * wide as its widest cell that fits, and a wider cell is printed on a line of its own, the rest of its
   * row on the next line (at most one such column a table).
   */
  ownLine?: boolean;
}

const GAP = '  ';

/** Cuts `text` to `width` columns, marking the cut with `…`, never inside a character (text-width.ts). */
export function truncate(text: string, width: number): string {
  if (columnsOf(text) <= width) return text;
  if (width <= 1) return '…'.slice(0, width);
  let kept = '';
  let used = 0;
  for (const cluster of clusters(text)) {
    if (used + cluster.width > width - 1) break;
    kept += cluster.text;
    used += cluster.width;
  }
  return `${kept.trimEnd()}…`;
}

/** One line per row; `width` is the terminal's (Infinity in a pipe: nothing is cut). */
export function renderTable<Row>(
  rows: readonly Row[],
  columns: readonly Column<Row>[],
  width: number,
): string[] {
  // Trailing blanks would be trimmed from a line's end unstyled but kept inside a style: none at all.
  const cells = rows.map((row) => columns.map((column) => column.text(row).trimEnd()));
  const widths = columns.map((_, i) => Math.max(0, ...cells.map((r) => widthOf(r[i]!))));
  const gaps = GAP.length * (columns.length - 1);
  // The column that may leave its row is as wide as its widest cell that fits beside the others at their
  // narrowest; its wider cells take a line of their own.
  const own = columns.findIndex((column) => column.ownLine === true);
  if (own >= 0) {
    const others = columns.reduce(
      (sum, c, i) =>
        i === own ? sum : sum + (c.flexible ? Math.min(widths[i]!, c.minWidth ?? 12) : widths[i]!),
      0,
    );
    const room = width - others - gaps;
    if (widths[own]! > room)
      widths[own] = Math.max(0, ...cells.map((r) => widthOf(r[own]!)).filter((w) => w <= room));
  }
  let excess = widths.reduce((a, b) => a + b, 0) + gaps - width;
  // The widest flexible column gives up width first, down to the next widest (or its minimum), so that
  // flexible columns end up about equally wide.
  while (excess > 0) {
    const shrinkable = columns
      .map((column, i) => ({ i, min: column.minWidth ?? 12, flexible: column.flexible === true }))
      .filter((c) => c.flexible && widths[c.i]! > c.min)
      .sort((a, b) => widths[b.i]! - widths[a.i]!);
    const widest = shrinkable[0];
    if (widest === undefined) break;
    const next = shrinkable[1] === undefined ? 0 : widths[shrinkable[1].i]!;
    const floor = Math.max(widest.min, next === widths[widest.i] ? next - 1 : next);
    const give = Math.max(1, Math.min(excess, widths[widest.i]! - floor));
    widths[widest.i]! -= give;
    excess -= give;
  }
  const last = columns.length - 1;
  /** The row's cells from the first to `upTo`, those up to `blank` (if any) left empty. */
  const line = (row: Row, r: number, upTo: number, blank: number) =>
    columns
      .slice(0, upTo + 1)
      .map((column, i) => {
        const whole = i === own && i === upTo && blank < 0;
        const text = i <= blank ? '' : whole ? cells[r]![i]! : truncate(cells[r]![i]!, widths[i]!);
        const pad = ' '.repeat(Math.max(0, widths[i]! - widthOf(text)));
        const styled = column.style && text !== '' ? column.style(text, row) : text;
        if (column.align === 'right') return pad + styled;
        return i === last ? styled : styled + pad;
      })
      .join(GAP)
      .trimEnd();
  return rows.flatMap((row, r) => {
    if (own >= 0 && widthOf(cells[r]![own]!) > widths[own]!)
      return [line(row, r, own, -1), line(row, r, last, own)];
    return [line(row, r, last, -1)];
  });
}
