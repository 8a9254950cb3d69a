import { describe, expect, it } from 'vitest';
import { DEFAULT_STATE, formatState, parseState, withoutMissingIssues } from '../../src/web/url-state.js';

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

  it('drops issues the project no longer holds from the focus, the folding and the what-if set, and leaves the selection', () => {
    const holds = (key: string) => key !== 'gone';
    const state = {
      ...DEFAULT_STATE,
      issue: 'gone',
      focus: 'gone',
      focusMode: 'upstream' as const,
      fold: ['p', 'gone'],
      whatIf: ['a', 'gone'],
    };
    expect(formatState(withoutMissingIssues(state, holds))).toBe('?issue=gone&fold=p&whatif=a');
    expect(
      formatState(withoutMissingIssues({ ...DEFAULT_STATE, fold: { except: ['gone', 'q'] } }, holds)),
    ).toBe('?unfold=q');
    // A list left empty says its folding as the graph does: none folded, or every parent.
    expect(formatState(withoutMissingIssues({ ...DEFAULT_STATE, fold: ['gone'] }, holds))).toBe('?fold=none');
    expect(formatState(withoutMissingIssues({ ...DEFAULT_STATE, fold: { except: ['gone'] } }, holds))).toBe(
      '?fold=all',
    );
    const kept = { ...DEFAULT_STATE, focus: 'a', fold: { except: ['q'] }, whatIf: ['a'] };
    expect(withoutMissingIssues(kept, holds)).toBe(kept);
  });
});
