// An issue's details, shown when it is clicked in the graph or the table: status and
// actions, plan figures, claims, checks, blockers, what it blocks, its latest
// verdict and its history.
import { getHistory } from './api.js';
import { h, safeHref } from './dom.js';
import { formatDays, formatTime, STATUS_LABELS } from './format.js';

/**
 * @typedef {import('./api.js').Issue} Issue
 * @typedef {import('./api.js').Plan} Plan
 * @typedef {import('./api.js').AuditEvent} AuditEvent
 * @typedef {import('./api.js').IssueValidation} IssueValidation
 */

/**
 * The audit events about one issue: the issue itself and the edges it is on (`issue<-blocker`).
 * @param {AuditEvent[]} events
 * @param {string} key
 * @returns {AuditEvent[]}
 */
export function historyOf(events, key) {
  return events.filter(
    (e) =>
      e.target === key ||
      e.target?.startsWith(`${key}<-`) === true ||
      e.target?.endsWith(`<-${key}`) === true,
  );
}

/**
 * What an update changed, field by field: `status: open → done`.
 * @param {unknown} before
 * @param {unknown} after
 * @returns {string[]}
 */
export function describeChange(before, after) {
  if (typeof before !== 'object' || before === null || typeof after !== 'object' || after === null) return [];
  const a = /** @type {Record<string, unknown>} */ (before);
  const b = /** @type {Record<string, unknown>} */ (after);
  const skip = new Set(['revision', 'updatedAt', 'createdAt']);
  /** @param {unknown} v */
  const show = (v) => (typeof v === 'string' ? v : (JSON.stringify(v) ?? '—'));
  return [...new Set([...Object.keys(a), ...Object.keys(b)])]
    .filter((k) => !skip.has(k) && JSON.stringify(a[k]) !== JSON.stringify(b[k]))
    .map((k) => `${k}: ${truncateText(show(a[k]), 60)} → ${truncateText(show(b[k]), 60)}`);
}

/** @param {string} text @param {number} max */
const truncateText = (text, max) => (text.length <= max ? text : `${text.slice(0, max - 1)}…`);

/**
 * @param {{ issue: Issue, byKey: Map<string, Issue>, plan: Plan, verdict: IssueValidation | null,
 *   history: AuditEvent[] | null, busy: boolean }} data
 * @param {{ onSelect: (key: string) => void, onSetStatus: (key: string, status: import('./api.js').IssueStatus) => void,
 *   onClose: () => void }} handlers
 */
export function renderIssuePanel(data, handlers) {
  const { issue, byKey, plan, verdict, history } = data;
  const ready = plan.ready.includes(issue.key);
  const blocked = plan.blocked.find((b) => b.key === issue.key);
  const schedule = plan.schedule[issue.key];
  const critical = plan.criticalPath.keys.includes(issue.key);
  const finished = issue.status === 'done' || issue.status === 'wont_do';
  const href = safeHref(issue.url);

  /** @param {string} key */
  const keyButton = (key) =>
    h('button', { type: 'button', class: 'link mono', on: { click: () => handlers.onSelect(key) } }, key);
  /** @param {string} key */
  const keyLink = (key) => {
    const other = byKey.get(key);
    return h(
      'li',
      null,
      keyButton(key),
      ' ',
      other
        ? h('span', { class: `status status-${other.status}` }, STATUS_LABELS[other.status] ?? other.status)
        : null,
      ' ',
      other ? h('span', { class: 'muted' }, other.title) : null,
    );
  };

  return h(
    'div',
    { class: 'panel-body', 'data-issue': issue.key },
    h(
      'div',
      { class: 'panel-head' },
      h('h2', null, h('span', { class: 'mono' }, issue.key)),
      h(
        'button',
        { type: 'button', class: 'icon', 'aria-label': 'Close details', on: { click: handlers.onClose } },
        '×',
      ),
    ),
    h('p', { class: 'panel-title' }, issue.title),
    h(
      'div',
      { class: 'chips' },
      h('span', { class: `status status-${issue.status}` }, STATUS_LABELS[issue.status] ?? issue.status),
      ready ? h('span', { class: 'tag tag-ready' }, 'ready now') : null,
      blocked ? h('span', { class: 'tag tag-blocked' }, 'blocked') : null,
      critical ? h('span', { class: 'tag tag-critical' }, 'critical path') : null,
      verdict ? h('span', { class: `verdict verdict-${verdict.verdict}` }, verdict.verdict) : null,
      issue.labels.map((l) => h('span', { class: 'tag' }, l)),
    ),
    h(
      'div',
      { class: 'actions' },
      finished
        ? h(
            'button',
            {
              type: 'button',
              'data-action': 'reopen',
              disabled: data.busy,
              on: { click: () => handlers.onSetStatus(issue.key, 'open') },
            },
            'Reopen',
          )
        : h(
            'button',
            {
              type: 'button',
              class: 'primary',
              'data-action': 'done',
              disabled: data.busy,
              on: { click: () => handlers.onSetStatus(issue.key, 'done') },
            },
            'Mark done',
          ),
      href ? h('a', { href, target: '_blank', rel: 'noopener noreferrer' }, 'Open tracker ↗') : null,
    ),
    h(
      'dl',
      { class: 'facts' },
      h('dt', null, 'Estimate'),
      h(
        'dd',
        null,
        issue.estimateDays === null ? 'not estimated (project default)' : formatDays(issue.estimateDays),
      ),
      issue.parent ? [h('dt', null, 'Parent'), h('dd', null, keyButton(issue.parent))] : null,
      schedule
        ? [
            h('dt', null, 'Schedule'),
            h(
              'dd',
              null,
              `start day ${round(schedule.earliestStart)}–${round(schedule.latestStart)}, finish day ${round(schedule.earliestFinish)}–${round(schedule.latestFinish)}, slack ${formatDays(schedule.slack)}`,
            ),
          ]
        : null,
    ),
    issue.body ? h('p', { class: 'issue-body' }, issue.body) : null,
    section(
      'Blocked by',
      issue.blockedBy.length === 0
        ? h('p', { class: 'muted' }, 'Nothing.')
        : h('ul', { class: 'keys' }, issue.blockedBy.map(keyLink)),
    ),
    blocked && blocked.rootBlockers.length > 0
      ? section('Waiting on (ready upstream)', h('ul', { class: 'keys' }, blocked.rootBlockers.map(keyLink)))
      : null,
    section(
      'Blocks',
      issue.blocks.length === 0
        ? h('p', { class: 'muted' }, 'Nothing.')
        : h('ul', { class: 'keys' }, issue.blocks.map(keyLink)),
    ),
    section(
      'Claims',
      issue.claims.length === 0
        ? h('p', { class: 'muted' }, 'No claims.')
        : h(
            'ul',
            { class: 'claims' },
            issue.claims.map((c) =>
              h(
                'li',
                null,
                h('span', { class: 'mono' }, c.component),
                ' → ',
                h('span', { class: 'placement' }, c.placement),
              ),
            ),
          ),
    ),
    section(
      'Checks',
      issue.checks.length === 0
        ? h('p', { class: 'muted' }, 'No checks.')
        : h(
            'ul',
            null,
            issue.checks.map((c) =>
              h(
                'li',
                null,
                h('strong', null, c.name),
                ' ',
                h(
                  'span',
                  { class: 'muted' },
                  'workload' in c ? `workload ${c.workload}` : `program of ${c.program.length} operations`,
                ),
              ),
            ),
          ),
    ),
    verdict && verdict.violations.length > 0
      ? section(
          'Violations found',
          h(
            'ul',
            { class: 'violations' },
            verdict.violations.map((v) =>
              h(
                'li',
                null,
                h('span', { class: 'mono' }, v.component),
                ' ',
                h('span', { class: 'muted' }, `${v.kind} (${v.check})`),
                h('div', null, v.message),
              ),
            ),
          ),
          verdict.fixedBy.length > 0 ? h('p', null, 'Fixed by: ', verdict.fixedBy.join(', ')) : null,
        )
      : null,
    section(
      'History',
      history === null
        ? h('p', { class: 'muted' }, 'Loading…')
        : history.length === 0
          ? h('p', { class: 'muted' }, 'No recorded changes.')
          : h(
              'ol',
              { class: 'history' },
              history.map((e) =>
                h(
                  'li',
                  null,
                  h(
                    'div',
                    null,
                    h('strong', null, e.action),
                    ' by ',
                    e.actor,
                    ' ',
                    h('span', { class: 'muted' }, formatTime(e.at)),
                  ),
                  e.target && e.target !== issue.key ? h('div', { class: 'mono muted' }, e.target) : null,
                  describeChange(e.before, e.after).map((line) => h('div', { class: 'change' }, line)),
                ),
              ),
            ),
    ),
  );
}

/** @param {number} n */
const round = (n) => Math.round(n * 10) / 10;

/**
 * @param {string} title
 * @param {...import('./dom.js').Child} content
 */
function section(title, ...content) {
  return h('section', { class: 'panel-section' }, h('h3', null, title), content);
}

/**
 * The details panel beside the graph: the selected issue, with its history loaded on selection.
 * @param {HTMLElement} panel
 * @param {{ slug: string, onSelect: (key: string | null) => void,
 *   onSetStatus: (key: string, status: import('./api.js').IssueStatus) => void,
 *   onResize: () => void }} handlers
 */
export function createIssuePanelView(panel, handlers) {
  /** @type {import('./project-data.js').Snapshot | null} */
  let snap = null;
  /** @type {string | null} */
  let selected = null;
  /** @type {AuditEvent[] | null} */
  let history = null;
  let busy = false;

  function draw() {
    const issue = selected === null ? undefined : snap?.byKey.get(selected);
    const wasHidden = panel.hidden;
    if (snap === null || issue === undefined) {
      panel.hidden = true;
      panel.replaceChildren();
      if (!wasHidden) handlers.onResize();
      return;
    }
    panel.hidden = false;
    if (wasHidden) handlers.onResize();
    panel.replaceChildren(
      renderIssuePanel(
        {
          issue,
          byKey: snap.byKey,
          plan: snap.plan,
          verdict: snap.validation.run?.issues.find((v) => v.key === issue.key) ?? null,
          history,
          busy,
        },
        {
          onSelect: handlers.onSelect,
          onSetStatus: handlers.onSetStatus,
          onClose: () => handlers.onSelect(null),
        },
      ),
    );
  }

  /** @param {string} key */
  async function loadHistory(key) {
    try {
      const events = await getHistory(handlers.slug);
      if (selected === key) history = historyOf(events, key);
    } catch {
      if (selected === key) history = [];
    }
    if (selected === key) draw();
  }

  return {
    /** @param {import('./project-data.js').Snapshot} next */
    update(next) {
      snap = next;
      draw();
    },
    /** @param {string | null} key */
    select(key) {
      selected = key;
      history = null;
      draw();
      if (key !== null) void loadHistory(key);
    },
    /** Reloads the selected issue's history (after a write). */
    reloadHistory() {
      if (selected !== null) void loadHistory(selected);
    },
    /** @param {boolean} value a write is under way: its buttons are disabled */
    setBusy(value) {
      busy = value;
      draw();
    },
  };
}
