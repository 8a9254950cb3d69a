// The columns a terminal gives text: a user-perceived character (a grapheme cluster, Intl.Segmenter) takes
// two when it is East Asian wide or fullwidth (UAX #11: CJK, kana, hangul, fullwidth forms) or an emoji
// shown as one, none when it is only combining marks or format characters, else one. An issue title in
// any script then keeps its column, and one cut to fit never splits a character. Pure.

const graphemes = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

/** East Asian Wide (W) and Fullwidth (F) ranges of UAX #11, outside the emoji (matched on their own). */
const WIDE: ReadonlyArray<readonly [number, number]> = [
  [0x1100, 0x115f],
  [0x2329, 0x232a],
  [0x2e80, 0x303e],
  [0x3041, 0x33ff],
  [0x3400, 0x4dbf],
  [0x4e00, 0x9fff],
  [0xa000, 0xa4cf],
  [0xa960, 0xa97f],
  [0xac00, 0xd7a3],
  [0xf900, 0xfaff],
  [0xfe10, 0xfe19],
  [0xfe30, 0xfe6f],
  [0xff00, 0xff60],
  [0xffe0, 0xffe6],
  [0x16fe0, 0x18cff],
  [0x1b000, 0x1b2ff],
  [0x1f200, 0x1f2ff],
  [0x20000, 0x3fffd],
];

const EMOJI = /\p{Emoji_Presentation}|\p{Extended_Pictographic}\uFE0F/u;
/** Combining marks, format characters (ZWJ, variation selectors' neighbours) and controls: no column. */
const ZERO_WIDTH = /^[\p{M}\p{Cf}\p{Cc}]+$/u;

function isWide(codePoint: number): boolean {
  return WIDE.some(([from, to]) => codePoint >= from && codePoint <= to);
}

/** The columns of one grapheme cluster. */
function clusterWidth(cluster: string): number {
  if (ZERO_WIDTH.test(cluster)) return 0;
  if (EMOJI.test(cluster) || isWide(cluster.codePointAt(0)!)) return 2;
  return 1;
}

/** Each user-perceived character of `text` with its columns. */
export function* clusters(text: string): Generator<{ text: string; width: number }> {
  for (const { segment } of graphemes.segment(text)) yield { text: segment, width: clusterWidth(segment) };
}

/** The columns `text` (no escape sequences) takes on a terminal. */
export function columnsOf(text: string): number {
  // Printable ASCII, most keys and titles, is one column a character.
  if (/^[\x20-\x7e]*$/.test(text)) return text.length;
  let n = 0;
  for (const { width } of clusters(text)) n += width;
  return n;
}
