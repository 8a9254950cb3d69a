import { setImmediate as nextTurn } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { joinedLookups } from '../../src/store/joined-lookups.js';

/** A lookup answering the value of `state` at the moment it starts, after a pause; counts its runs. */
function counted(state: Map<string, number>) {
  const started: string[] = [];
  const lookup = async (key: string) => {
    started.push(key);
    const value = state.get(key);
    if (value === undefined) throw new Error(`no ${key}`);
    await nextTurn();
    return value;
  };
  return { lookup, started };
}

describe('joinedLookups', () => {
  it('runs one lookup for the callers that ask for a key in the same turn', async () => {
    const { lookup, started } = counted(new Map([['a', 1]]));
    const look = joinedLookups(lookup);
    expect(await Promise.all([look('a'), look('a'), look('a')])).toEqual([1, 1, 1]);
    expect(started).toEqual(['a']);
  });

  it('looks different keys up apart', async () => {
    const { lookup, started } = counted(
      new Map([
        ['a', 1],
        ['b', 2],
      ]),
    );
    const look = joinedLookups(lookup);
    expect(await Promise.all([look('a'), look('b')])).toEqual([1, 2]);
    expect(started).toEqual(['a', 'b']);
  });

  it('never answers a caller from a lookup that started before it asked: it sees what changed since', async () => {
    const state = new Map([['a', 1]]);
    const { lookup, started } = counted(state);
    const look = joinedLookups(lookup);
    const first = look('a');
    await nextTurn(); // the lookup has started (and read 1), not finished
    expect(started).toEqual(['a']);
    state.set('a', 2); // a commit after it read
    const second = look('a');
    expect(await first).toBe(1);
    expect(await second).toBe(2);
    expect(started).toEqual(['a', 'a']);
  });

  it('fails every caller of a failed lookup, and looks up afresh on the next call', async () => {
    const state = new Map<string, number>();
    const look = joinedLookups(counted(state).lookup);
    const failed = await Promise.allSettled([look('a'), look('a')]);
    expect(failed.map((result) => result.status)).toEqual(['rejected', 'rejected']);
    state.set('a', 3);
    expect(await look('a')).toBe(3);
  });
});
