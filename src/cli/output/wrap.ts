// Text wrapped at words to a terminal's width, each line after an indent (the help's Environment, the
// reasons of `isoplan next`). A word longer than the line keeps a line of its own, uncut. Pure.

/** `words` on lines of at most `width` characters, each after `indent` (Infinity: one line). */
export function wrapped(words: readonly string[], indent: string, width: number): string {
  const lines: string[] = [];
  let line = '';
  for (const word of words) {
    if (line !== '' && indent.length + line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else line = line === '' ? word : `${line} ${word}`;
  }
  return [...lines, line].map((l) => indent + l).join('\n');
}
