// Aligned columns that fit the terminal: each column as wide as its widest cell; when the row is too wide,
// the flexible columns (titles) give up width first and their cells end in `…`. Styles are applied
// after measuring, so escape sequences never shift a column. Pure.
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
  let excess = widths.reduce((a, b) => a + b, 0) + GAP.length * (columns.length - 1) - width;
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
  return rows.map((row, r) =>
    columns
      .map((column, i) => {
        const text = truncate(cells[r]![i]!, widths[i]!);
        const pad = ' '.repeat(Math.max(0, widths[i]! - widthOf(text)));
        const styled = column.style ? column.style(text, row) : text;
        if (column.align === 'right') return pad + styled;
        return i === last ? styled : styled + pad;
      })
      .join(GAP)
      .trimEnd(),
  );
}
