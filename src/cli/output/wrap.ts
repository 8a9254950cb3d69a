// Text wrapped at words to a terminal's width, the one home of wrapping for the CLI's prose (the help's
// Environment, the reasons of `isoplan next`, the forecast's summary and notes, an issue's description).
// A word is any piece that must not be cut (a date, `(20 d)`, a key): a word longer than the line keeps a
// line of its own, uncut. A word may carry spaces to align a column (`key.padEnd(n)`); a line never starts
// or ends with them. Widths are terminal columns (text-width.ts), escape sequences (style.ts) taking none. In a pipe the width is Infinity and
// nothing wraps, so that a line stays whole for grep and for pasting. Pure.
import { widthOf as columnsOf } from './style.js';

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

/**
 * `text` split at its spaces and wrapped as `wrapped` does, each of its own lines on its own: a line that
 * fits is kept as it is (the spaces of a Markdown table or code), and one that does not goes on under its
 * own leading spaces (a list item's continuation stays in the item).
 */
export function wrappedText(text: string, indent: string, width: number, first = indent): string {
  return text
    .split('\n')
    .map((line, i) => {
      const lead = i === 0 ? first : indent;
      if (columnsOf(lead) + columnsOf(line) <= width) return (lead + line).trimEnd();
      const own = /^ */.exec(line)![0];
      return wrapped(line.slice(own.length).split(' '), indent + own, width, lead + own);
    })
    .join('\n');
}
