import { describe, expect, it } from 'vitest';
import { safeHref } from '../../src/web/dom.js';
import { describeChange } from '../../src/web/issue-panel.js';

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
