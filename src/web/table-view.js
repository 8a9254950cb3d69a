// The issues as a table (a list of cards on a phone): filter by status, label and text; sort by
// any column; the filter and sort live in the page's URL.
// The filtering and sorting are pure functions (tested without a browser).
import { h, keepingFocus, replaceChildren } from './dom.js';
import { formatDays, STATUS_LABELS, verdictWord } from './format.js';

/**
 * @typedef {{ key: string, title: string, status: string, estimateDays: number | null, parent: string | null,
 *   labels: string[], state: 'ready' | 'blocked' | 'finished', blockedBy: string[], slack: number | null,
 *   critical: boolean, verdict: string | null }} Row
 * @typedef {{ status: string, label: string, text: string }} Filter
 * @typedef {{ column: keyof Row, descending: boolean }} Sort
 */

/**
 * @param {import('./api.js').Issue[]} issues
 * @param {import('./api.js').Plan} plan
 * @param {import('./api.js').ValidationRun | null} validation
 * @returns {Row[]}
 */
export function toRows(issues, plan, validation) {
  const ready = new Set(plan.ready);
  const blocked = new Map(plan.blocked.map((b) => [b.key, b.blockedBy]));
  const critical = new Set(plan.criticalPath.keys);
  const verdicts = new Map((validation?.issues ?? []).map((v) => [v.key, v.verdict]));
  return issues.map((issue) => ({
    key: issue.key,
    title: issue.title,
    status: issue.status,
    estimateDays: issue.estimateDays,
    parent: issue.parent,
    labels: issue.labels,
    state: ready.has(issue.key) ? 'ready' : blocked.has(issue.key) ? 'blocked' : 'finished',
    blockedBy: blocked.get(issue.key) ?? [],
    slack: plan.schedule[issue.key]?.slack ?? null,
    critical: critical.has(issue.key),
    verdict: verdicts.get(issue.key) ?? null,
  }));
}

/**
 * Rows matching every part of the filter: status ('' = any; also 'ready' or 'blocked' for the plan's sets),
 * label ('' = any), text (case-insensitive, in key, title or labels).
 * @param {Row[]} rows
 * @param {Filter} filter
 * @returns {Row[]}
 */
export function filterRows(rows, filter) {
  const text = filter.text.trim().toLowerCase();
  return rows.filter(
    (row) =>
      (filter.status === '' ||
        row.status === filter.status ||
        (filter.status === 'ready' && row.state === 'ready') ||
        (filter.status === 'blocked' && row.state === 'blocked')) &&
      (filter.label === '' || row.labels.includes(filter.label)) &&
      (text === '' ||
        row.key.toLowerCase().includes(text) ||
        row.title.toLowerCase().includes(text) ||
        row.labels.some((l) => l.toLowerCase().includes(text))),
  );
}

/** Text in the user's order, numbers in it by value (bpo-9 before bpo-10); made once (localeCompare makes one per call). */
const collator = new Intl.Collator(undefined, { numeric: true });

/** @param {unknown} a @param {unknown} b */
function compare(a, b) {
  // Missing values sort last whatever the direction.
  if (a === null || a === undefined) return b === null || b === undefined ? 0 : 1;
  if (b === null || b === undefined) return -1;
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  if (typeof a === 'boolean' && typeof b === 'boolean') return Number(b) - Number(a);
  return collator.compare(String(a), String(b));
}

/**
 * A stable sort by one column, ties by key.
 * @param {Row[]} rows
 * @param {Sort} sort
 * @returns {Row[]}
 */
export function sortRows(rows, sort) {
  return [...rows].sort((a, b) => {
    const x = a[sort.column];
    const y = b[sort.column];
    const missing = x === null || x === undefined || y === null || y === undefined;
    const c = missing ? compare(x, y) : sort.descending ? compare(y, x) : compare(x, y);
    return c !== 0 ? c : compare(a.key, b.key);
  });
}

/**
 * Rows drawn at a time: every row of a 5,000-issue project took seconds to draw at each key typed in
 * the search (and at each live update); more are drawn on request.
 */
export const ROWS_PER_PAGE = 200;

/** @type {{ column: keyof Row, label: string }[]} */
const COLUMNS = [
  { column: 'key', label: 'Key' },
  { column: 'title', label: 'Title' },
  { column: 'status', label: 'Status' },
  { column: 'state', label: 'Plan' },
  { column: 'estimateDays', label: 'Estimate' },
  { column: 'slack', label: 'Slack' },
  { column: 'parent', label: 'Parent' },
  { column: 'verdict', label: 'Verdict' },
];

/**
 * @param {HTMLElement} container
 * @param {{ onSelect: (key: string) => void, onChange?: (query: Filter & { sort: string, descending: boolean }) => void }} handlers
 *   onChange: the user changed the filter or the sort (the page keeps it in the URL)
 */
export function createTableView(container, handlers) {
  /** @type {Row[]} */
  let rows = [];
  /** @type {Filter} */
  const filter = { status: '', label: '', text: '' };
  /** @type {Sort} */
  const sort = { column: 'key', descending: false };
  /** How many of the matching rows are drawn: a page, and one more per "Show more". */
  let limit = ROWS_PER_PAGE;
  const changed = () => handlers.onChange?.({ ...filter, sort: sort.column, descending: sort.descending });

  const statusSelect = h(
    'select',
    { 'aria-label': 'Filter by status', 'data-filter': 'status' },
    h('option', { value: '' }, 'Any status'),
    h('option', { value: 'ready' }, 'Ready now'),
    h('option', { value: 'blocked' }, 'Blocked'),
    Object.entries(STATUS_LABELS).map(([value, label]) => h('option', { value }, label)),
  );
  const labelSelect = h('select', { 'aria-label': 'Filter by label', 'data-filter': 'label' });
  const textInput = h('input', {
    type: 'search',
    placeholder: 'Search key, title, label…',
    'aria-label': 'Search',
  });
  const count = h('span', { class: 'muted', 'data-table-count': '' });
  const thead = h('thead');
  const tbody = h('tbody');
  const more = h('button', {
    type: 'button',
    class: 'table-more',
    hidden: true,
    on: {
      click: () => {
        limit += ROWS_PER_PAGE;
        draw();
      },
    },
  });
  container.append(
    h('div', { class: 'table-controls' }, statusSelect, labelSelect, textInput, count),
    h('div', { class: 'table-scroll' }, h('table', { class: 'issues' }, thead, tbody), more),
  );
  /** The filter or sort changed: its matches are drawn from the first page again. */
  const refilter = () => {
    limit = ROWS_PER_PAGE;
    draw();
  };

  statusSelect.addEventListener('change', () => {
    filter.status = statusSelect.value;
    refilter();
    changed();
  });
  labelSelect.addEventListener('change', () => {
    filter.label = labelSelect.value;
    refilter();
    changed();
  });
  textInput.addEventListener('input', () => {
    filter.text = textInput.value;
    refilter();
  });
  // The text goes to the URL once typing pauses, not at every key.
  textInput.addEventListener('change', changed);

  function drawHead() {
    thead.replaceChildren(
      h(
        'tr',
        null,
        COLUMNS.map(({ column, label }) =>
          h(
            'th',
            { 'aria-sort': sort.column === column ? (sort.descending ? 'descending' : 'ascending') : null },
            h(
              'button',
              {
                type: 'button',
                class: 'sort',
                on: {
                  click: () => {
                    sort.descending = sort.column === column ? !sort.descending : false;
                    sort.column = column;
                    refilter();
                    changed();
                  },
                },
              },
              label,
              sort.column === column ? (sort.descending ? ' ▼' : ' ▲') : '',
            ),
          ),
        ),
      ),
    );
  }

  function draw() {
    drawHead();
    const matching = sortRows(filterRows(rows, filter), sort);
    const shown = matching.slice(0, limit);
    count.textContent =
      `${matching.length} of ${rows.length} issues` +
      (shown.length < matching.length ? `, the first ${shown.length} shown` : '');
    const next = Math.min(ROWS_PER_PAGE, matching.length - shown.length);
    more.hidden = next === 0;
    more.textContent = `Show ${next} more`;
    keepingFocus(tbody, 'data-row', () =>
      tbody.replaceChildren(
        ...shown.map((row) =>
          h(
            'tr',
            {
              'data-row': row.key,
              tabindex: '0',
              on: {
                click: () => handlers.onSelect(row.key),
                keydown: (e) => {
                  if (/** @type {KeyboardEvent} */ (e).key === 'Enter') handlers.onSelect(row.key);
                },
              },
            },
            h(
              'td',
              { class: 'mono' },
              row.key,
              row.critical
                ? h('span', { class: 'tag tag-critical', title: 'On the critical path' }, 'critical')
                : null,
            ),
            h(
              'td',
              null,
              row.title,
              row.labels.map((l) => h('span', { class: 'tag' }, l)),
            ),
            h(
              'td',
              null,
              h('span', { class: `status status-${row.status}` }, STATUS_LABELS[row.status] ?? row.status),
            ),
            h(
              'td',
              null,
              row.state === 'ready'
                ? h('span', { class: 'tag tag-ready' }, 'ready')
                : row.state === 'blocked'
                  ? h('span', { class: 'muted' }, `blocked by ${row.blockedBy.join(', ')}`)
                  : '',
            ),
            h('td', { class: 'num' }, row.estimateDays === null ? '—' : formatDays(row.estimateDays)),
            h('td', { class: 'num' }, row.slack === null ? '' : formatDays(row.slack)),
            h('td', { class: 'mono' }, row.parent ?? ''),
            h(
              'td',
              null,
              row.verdict
                ? h(
                    'span',
                    {
                      class: `verdict verdict-${row.verdict === 'verified' && row.status !== 'done' ? 'pass' : row.verdict}`,
                    },
                    verdictWord(row),
                  )
                : '',
            ),
          ),
        ),
      ),
    );
    // On a phone the rows are cards: each cell names its column (CSS shows data-label).
    for (const tr of tbody.children) {
      [...tr.children].forEach((td, i) => {
        td.setAttribute('data-label', COLUMNS[i]?.label ?? '');
      });
    }
  }

  return {
    /**
     * The filter and sort from the URL.
     * @param {Filter & { sort: string, descending: boolean }} query
     */
    setQuery(query) {
      const before = JSON.stringify({ ...filter, ...sort });
      filter.status = query.status;
      filter.label = query.label;
      filter.text = query.text;
      sort.column = COLUMNS.some((c) => c.column === query.sort)
        ? /** @type {keyof Row} */ (query.sort)
        : 'key';
      sort.descending = query.descending;
      if (JSON.stringify({ ...filter, ...sort }) !== before) limit = ROWS_PER_PAGE;
      statusSelect.value = filter.status;
      textInput.value = filter.text;
      if (rows.length > 0) {
        labelSelect.value = filter.label;
        draw();
      }
    },
    /** @param {Row[]} next */
    update(next) {
      rows = next;
      const labels = [...new Set(rows.flatMap((r) => r.labels))].sort();
      if (!labels.includes(filter.label)) filter.label = '';
      replaceChildren(
        labelSelect,
        h('option', { value: '' }, 'Any label'),
        labels.map((l) => h('option', { value: l }, l)),
      );
      labelSelect.value = filter.label;
      draw();
    },
  };
}
