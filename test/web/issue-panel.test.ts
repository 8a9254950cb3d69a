import { describe, expect, it } from 'vitest';
import { safeHref } from '../../src/web/dom.js';
import { describeChange, historyOf } from '../../src/web/issue-panel.js';

const event = (id: number, target: string | null) => ({
  id,
  actor: 'x',
  action: 'a',
  target,
  before: null,
  after: null,
  at: '',
});

describe('historyOf', () => {
  it('keeps the events about the issue and the edges it is on, not those of similar keys', () => {
    const events = [
      event(1, 'bpo-1'),
      event(2, 'bpo-1<-bpo-2'),
      event(3, 'bpo-3<-bpo-1'),
      event(4, 'bpo-10'),
      event(5, 'bpo-10<-bpo-11'),
      event(6, null),
    ];
    expect(historyOf(events, 'bpo-1').map((e) => e.id)).toEqual([1, 2, 3]);
  });
});

describe('describeChange', () => {
  it('lists the fields that changed, without bookkeeping fields', () => {
    expect(
      describeChange(
        { status: 'open', title: 'T', revision: 1 },
        { status: 'done', title: 'T', revision: 2 },
      ),
    ).toEqual(['status: open → done']);
  });
  it('says nothing for a creation or a removal', () => {
    expect(describeChange(null, { status: 'open' })).toEqual([]);
  });
});

describe('safeHref', () => {
  it('keeps http and https links', () => {
    expect(safeHref('https://bugs.python.org/issue40512')).toBe('https://bugs.python.org/issue40512');
  });
  it.each([
    'javascript:alert(1)',
    'JavaScript:alert(1)',
    'data:text/html,<script>',
    'vbscript:x',
    '/relative',
    '',
    null,
  ])('refuses %s', (url) => {
    expect(safeHref(url)).toBeNull();
  });
});
