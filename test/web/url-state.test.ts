import { describe, expect, it } from 'vitest';
import { DEFAULT_STATE, formatState, parseState } from '../../src/web/url-state.js';

const TABS = ['graph', 'table'];

describe('the page state in the URL', () => {
  it('is empty for the default view', () => {
    expect(formatState(DEFAULT_STATE)).toBe('');
    expect(parseState('', TABS)).toEqual(DEFAULT_STATE);
  });

  it('round-trips every view, filter, selection, focus, folding and what-if', () => {
    const state = {
      tab: 'table',
      issue: 'bpo-40255',
      focus: 'ext-ctypes',
      focusMode: 'goal' as const,
      fold: ['a', 'b'],
      status: 'ready',
      label: '3.9',
      text: 'gil & co',
      sort: 'slack',
      descending: true,
      whatIf: ['x', 'y'],
    };
    expect(parseState(formatState(state), TABS)).toEqual(state);
  });

  it('says a folding of every parent but a few by those few (a large project opened at one issue)', () => {
    const state = { ...DEFAULT_STATE, fold: { except: ['gen-495'] } };
    expect(formatState(state)).toBe('?unfold=gen-495');
    expect(parseState(formatState(state), TABS)).toEqual(state);
  });

  it('keeps keys with characters that mean something in a URL', () => {
    const state = { ...DEFAULT_STATE, issue: 'a&b=c?#d', whatIf: ['<img>', 'q%20'] };
    expect(parseState(formatState(state), TABS)).toEqual(state);
  });

  it('falls back to the defaults for an unknown tab or focus mode', () => {
    const state = parseState('?view=nope&focus=a&mode=sideways', TABS);
    expect(state.tab).toBe('graph');
    expect(state.focusMode).toBe('both');
    expect(state.focus).toBe('a');
  });
});
