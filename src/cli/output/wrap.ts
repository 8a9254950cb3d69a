// Text wrapped at words to a terminal's width, the one home of wrapping for the CLI's prose (the help's
// Environment, the reasons of `isoplan next`, the forecast's summary and notes, an issue's description).
// A word is any piece that must not be cut (a date, `(20 d)`, a key): a word longer than the line keeps a
// line of its own, uncut. A word may carry spaces to align a column (`key.padEnd(n)`); a line never starts
// or ends with them. Widths are terminal columns (text-width.ts). In a pipe the width is Infinity and
// nothing wraps, so that a line stays whole for grep and for pasting. Pure.
import { columnsOf } from './text-width.js';

/**
 * `words` on lines of at most `width` columns, each after `indent` — the first after `first` when given
 * (a hanging indent: `  note: ` then `    `). Infinity: one line.
 */
export function wrapped(words: readonly string[], indent: string, width: number, first = indent): string {
  const lines: string[] = [];
  let line = '';
  let lead = first;
  for (const word of words) {
    if (word === '') continue;
    if (line !== '' && columnsOf(lead) + columnsOf(line) + 1 + columnsOf(word) > width) {
      lines.push((lead + line).trimEnd());
      lead = indent;
      line = word.trimStart();
    } else line = line === '' ? word : `${line} ${word}`;
  }
  return [...lines, (lead + line).trimEnd()].join('\n');
}

/** `text` split at its spaces and wrapped as `wrapped` does; each of its own lines wraps on its own. */
export function wrappedText(text: string, indent: string, width: number, first = indent): string {
  return text
    .split('\n')
    .map((line, i) => wrapped(line.split(' '), indent, width, i === 0 ? first : indent))
    .join('\n');
}
