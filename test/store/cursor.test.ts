import { describe, expect, it } from 'vitest';
import {
  decodeIdCursor,
  decodeNumberCursor,
  decodeStringCursor,
  encodeCursor,
  toPage,
} from '../../src/store/cursor.js';

describe('pagination cursors', () => {
  it('give back the key they were made from, for the list that made them', () => {
    expect(decodeStringCursor('issues', encodeCursor('issues', 'bpo-39511'))).toBe('bpo-39511');
    expect(decodeNumberCursor('history', encodeCursor('history', 42))).toBe(42);
  });

  it("refuse another list's cursor, even one with a key of the right type", () => {
    expect(() => decodeStringCursor('projects', encodeCursor('issues', 'a'))).toThrow(
      'the cursor is not one this list returned',
    );
    expect(() => decodeNumberCursor('validations', encodeCursor('history', 3))).toThrow();
  });

  it('of a list within a kind give back their key only to the same selection', () => {
    const cursor = encodeCursor('issues', 'b', { project: 'left', status: ['open'] });
    expect(decodeStringCursor('issues', cursor, { project: 'left', status: ['open'] })).toBe('b');
    expect(() => decodeStringCursor('issues', cursor, { project: 'right', status: ['open'] })).toThrow(
      'the cursor is not one this list returned',
    );
    expect(() => decodeStringCursor('issues', cursor, { project: 'left' })).toThrow();
    expect(() => decodeStringCursor('issues', cursor)).toThrow();
    expect(() => decodeStringCursor('issues', encodeCursor('issues', 'b'), { project: 'left' })).toThrow();
  });

  it('of a list of ids, made before cursors named their list, give back their id where the list holds it', async () => {
    const unnamed = Buffer.from(JSON.stringify(['history', 7])).toString('base64url');
    const selection = { project: 'left', issue: null };
    const asked: number[] = [];
    const holds = (yes: boolean) => async (id: number) => {
      asked.push(id);
      return yes;
    };
    expect(await decodeIdCursor('history', unnamed, selection, holds(true))).toBe(7);
    await expect(decodeIdCursor('history', unnamed, selection, holds(false))).rejects.toThrow(
      'the cursor is not one this list returned',
    );
    await expect(decodeIdCursor('validations', unnamed, { project: 'left' }, holds(true))).rejects.toThrow();
    expect(asked).toEqual([7, 7]);
    // A cursor naming its list is taken without asking.
    expect(
      await decodeIdCursor('history', encodeCursor('history', 9, selection), selection, holds(false)),
    ).toBe(9);
    expect(asked).toEqual([7, 7]);
  });

  it('refuse garbage, wrong types and unsafe numbers', () => {
    for (const cursor of ['', 'zzz', encodeCursor('issues', 1)]) {
      expect(() => decodeStringCursor('issues', cursor)).toThrow();
    }
    expect(() => decodeNumberCursor('history', encodeCursor('history', 2 ** 60))).toThrow();
    expect(() => decodeNumberCursor('history', encodeCursor('history', 'x'))).toThrow();
  });

  it('refuse a key holding NUL (U+0000), which no list hands out and PostgreSQL cannot compare', () => {
    expect(() => decodeStringCursor('issues', encodeCursor('issues', 'a\u0000'))).toThrow(
      'the cursor is not one this list returned',
    );
  });

  it('refuse a key holding a lone surrogate, which no key can hold and each driver would compare as another', () => {
    expect(() => decodeStringCursor('issues', encodeCursor('issues', 'a\ud800'))).toThrow(
      'the cursor is not one this list returned',
    );
  });

  it('page: a next cursor only when an extra row came back', () => {
    expect(toPage([1, 2, 3], 2, 'history', (n) => n)).toEqual({
      items: [1, 2],
      nextCursor: encodeCursor('history', 2),
    });
    expect(toPage([1, 2], 2, 'history', (n) => n).nextCursor).toBeNull();
  });
});
