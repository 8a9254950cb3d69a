import { describe, expect, it } from 'vitest';
import {
  LONE_SURROGATE_IN_TEXT,
  NUL_IN_TEXT,
  type TextProblem,
  textProblems,
} from '../../src/domain/storable-text.js';

/** The paths of the problems, each of them NUL. */
function pathsWithNul(value: unknown, max?: number): string[] {
  const problems: TextProblem[] = textProblems(value, max);
  for (const p of problems) expect(p.message).toBe(NUL_IN_TEXT);
  return problems.map((p) => p.path);
}

describe('textProblems', () => {
  it('names every string holding NUL, in document order, with its JSON path', () => {
    const value = { title: 'a\u0000', labels: ['ok', '\u0000'], issues: [{ key: 'k', body: 'x\u0000y' }] };
    expect(pathsWithNul(value)).toEqual(['title', 'labels[1]', 'issues[0].body']);
  });

  it('names a nested field before a later one of its parent, as they stand in the document', () => {
    expect(pathsWithNul({ a: { b: '\u0000' }, c: '\u0000' })).toEqual(['a.b', 'c']);
    expect(pathsWithNul([['\u0000'], '\u0000'])).toEqual(['[0][0]', '[1]']);
  });

  it('lists the first ones in document order when it stops at the number asked', () => {
    expect(pathsWithNul({ a: { b: '\u0000' }, c: '\u0000' }, 1)).toEqual(['a.b']);
  });

  it('names an object key holding NUL as the field that holds it', () => {
    expect(pathsWithNul({ 'na\u0000me': 'fine' })).toEqual(['na\u0000me']);
  });

  it("names the value itself as '' when it is such a string", () => {
    expect(pathsWithNul('\u0000')).toEqual(['']);
  });

  it('finds nothing in other text, numbers, booleans and null', () => {
    expect(pathsWithNul({ a: 'tab\there 💥 \u0001', b: [1, true, null, { c: 'ü' }] })).toEqual([]);
  });

  it('lists at most the number asked', () => {
    expect(
      pathsWithNul(
        Array.from({ length: 10 }, () => '\u0000'),
        3,
      ),
    ).toEqual(['[0]', '[1]', '[2]']);
  });

  it('walks nesting far deeper than a stack would allow', () => {
    let deep: unknown = '\u0000';
    for (let i = 0; i < 100_000; i++) deep = [deep];
    expect(pathsWithNul(deep)).toHaveLength(1);
  });

  it('names a lone surrogate, high or low, in a value or a key, apart from NUL', () => {
    expect(textProblems({ a: 'x\ud800', b: ['\udc00y'], 'k\ud83d': 1, c: '\u0000' })).toEqual([
      { path: 'a', message: LONE_SURROGATE_IN_TEXT },
      { path: 'b[0]', message: LONE_SURROGATE_IN_TEXT },
      { path: 'k\ud83d', message: LONE_SURROGATE_IN_TEXT },
      { path: 'c', message: NUL_IN_TEXT },
    ]);
  });

  it('leaves a surrogate pair (an emoji, a rare CJK character) alone', () => {
    expect(textProblems({ a: '\ud83d\udca5', b: '\u{20000}' })).toEqual([]);
  });
});
