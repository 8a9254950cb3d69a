// An issue's details, shown when it is clicked in the graph or the table: status and
// actions (done, start, edit, what-if, delete), focus on the graph, plan figures, claims,
// checks, blockers (add and remove), what it blocks, its latest verdict and its history (page by page,
// as the API gives it). The panel also holds the editor (issue-editor.js) while an issue is edited or
// created, and says so when the issue it was asked for is not in the project (deleted elsewhere).
import { ApiError, getDeletion, getHistoryPage, sameVersion } from './api.js';
import { h, safeHref } from './dom.js';
import { formatActor, formatDays, formatTime, plural, STATUS_LABELS, verdictWord } from './format.js';
import { markSaving, renderIssueEditor } from './issue-editor.js';

/**
 * @typedef {import('./api.js').Issue} Issue
 * @typedef {import('./api.js').Plan} Plan
 * @typedef {import('./api.js').AuditEvent} AuditEvent
 * @typedef {import('./api.js').IssueValidation} IssueValidation
 */

/**
 * Whether the service refused the cursor the page asked a list's next page with (a 400 naming it).
 * @param {unknown} error
 */
function cursorRefused(error) {
  const problem = /** @type {{ errors?: unknown }} */ (
    error instanceof ApiError ? (error.problem ?? {}) : {}
  );
  return (
    error instanceof ApiError &&
    error.status === 400 &&
    Array.isArray(problem.errors) &&
    problem.errors.some((e) => e?.path === 'querystring.cursor')
  );
}

/**
 * The history shown: the pages read so far, newest first; `nextCursor` reads the next (older) page, null
 * once the oldest is shown; `loadingOlder` while it is read.
 * @typedef {{ items: AuditEvent[], nextCursor: string | null, loadingOlder: boolean }} HistoryShown
 */

/** Events per page of an issue's history (the API's default page). */
export const HISTORY_PAGE = 50;

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
 * @typedef {{ onSelect: (key: string) => void, onSetStatus: (key: string, status: import('./api.js').IssueStatus) => void,
 *   onClose: () => void, onEdit?: () => void, onDelete?: () => void, onToggleWhatIf?: () => void,
 *   onFocus?: (mode: import('./url-state.js').FocusMode) => void, onAddBlocker?: (blocker: string) => void,
 *   onRemoveBlocker?: (blocker: string) => void, onOlderHistory?: () => void }} PanelHandlers
 */

/**
 * @param {{ issue: Issue, byKey: Map<string, Issue>, plan: Plan, verdict: IssueValidation | null,
 *   history: HistoryShown | null, busy: boolean, whatIf?: boolean, focus?: string | null }} data
 * @param {PanelHandlers} handlers
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
      // Focusable from the script: where the keyboard lands when an issue opens.
      h('h2', { tabindex: '-1', 'data-panel-heading': '' }, h('span', { class: 'mono' }, issue.key)),
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
      verdict
        ? h(
            'span',
            {
              class: `verdict verdict-${verdict.verdict === 'verified' && issue.status !== 'done' ? 'pass' : verdict.verdict}`,
            },
            verdictWord({ verdict: verdict.verdict, status: issue.status }),
          )
        : null,
      data.whatIf ? h('span', { class: 'tag tag-whatif' }, 'what-if: done') : null,
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
      issue.status === 'open'
        ? h(
            'button',
            {
              type: 'button',
              'data-action': 'start',
              disabled: data.busy,
              on: { click: () => handlers.onSetStatus(issue.key, 'in_progress') },
            },
            'Start (in progress)',
          )
        : null,
      handlers.onEdit
        ? h(
            'button',
            { type: 'button', 'data-action': 'edit', disabled: data.busy, on: { click: handlers.onEdit } },
            'Edit',
          )
        : null,
      handlers.onToggleWhatIf && !finished
        ? h(
            'button',
            {
              type: 'button',
              'data-action': 'what-if',
              'aria-pressed': String(data.whatIf === true),
              title: 'See the plan as if this issue were done; nothing is written',
              on: { click: handlers.onToggleWhatIf },
            },
            data.whatIf ? 'What-if: done ✓' : 'What-if: done',
          )
        : null,
      handlers.onDelete
        ? h(
            'button',
            {
              type: 'button',
              class: 'danger',
              'data-action': 'delete',
              disabled: data.busy,
              on: { click: handlers.onDelete },
            },
            'Delete…',
          )
        : null,
      href ? h('a', { href, target: '_blank', rel: 'noopener noreferrer' }, 'Open tracker ↗') : null,
      data.busy ? h('span', { class: 'muted saving', role: 'status' }, 'Saving…') : null,
    ),
    handlers.onFocus
      ? h(
          'div',
          { class: 'focus-row', role: 'group', 'aria-label': 'Focus the graph on this issue' },
          h('span', { class: 'muted' }, 'Graph: '),
          /** @type {[import('./url-state.js').FocusMode, string][]} */ ([
            ['both', 'Blockers & blocked'],
            ['upstream', 'Upstream'],
            ['downstream', 'Downstream'],
            ['goal', 'Path to the goal'],
          ]).map(([mode, label]) =>
            h(
              'button',
              {
                type: 'button',
                class: 'chip-button',
                'data-focus-mode': mode,
                'aria-pressed': String(data.focus === mode),
                on: { click: () => handlers.onFocus?.(mode) },
              },
              label,
            ),
          ),
        )
      : null,
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
        : h(
            'ul',
            { class: 'keys' },
            issue.blockedBy.map((key) => {
              const li = keyLink(key);
              if (handlers.onRemoveBlocker) {
                li.append(
                  h(
                    'button',
                    {
                      type: 'button',
                      class: 'icon remove',
                      'data-remove-blocker': key,
                      'aria-label': `Remove the dependency on ${key}`,
                      title: `${issue.key} no longer waits for ${key}`,
                      disabled: data.busy,
                      on: { click: () => handlers.onRemoveBlocker?.(key) },
                    },
                    '×',
                  ),
                );
              }
              return li;
            }),
          ),
      handlers.onAddBlocker ? addBlockerForm(issue, byKey, data.busy, handlers.onAddBlocker) : null,
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
    section('History', historyList(issue.key, history, handlers.onOlderHistory)),
  );
}

/**
 * An issue's history as read so far, with how much of it that is and, while there is more, a button
 * for the next (older) page.
 * @param {string} key
 * @param {HistoryShown | null} history
 * @param {(() => void) | undefined} onOlder
 */
function historyList(key, history, onOlder) {
  if (history === null) return h('p', { class: 'muted' }, 'Loading…');
  const { items, nextCursor } = history;
  if (items.length === 0) return h('p', { class: 'muted' }, 'No recorded changes.');
  return [
    h(
      'ol',
      { class: 'history' },
      items.map((e) =>
        h(
          // Focusable from the script: where the keyboard lands in the page of events it asked for.
          'li',
          { tabindex: '-1', 'data-event': String(e.id) },
          h(
            'div',
            null,
            h('strong', null, e.action),
            ' by ',
            formatActor(e),
            ' ',
            h('span', { class: 'muted' }, formatTime(e.at)),
          ),
          e.target && e.target !== key ? h('div', { class: 'mono muted' }, e.target) : null,
          describeChange(e.before, e.after).map((line) => h('div', { class: 'change' }, line)),
        ),
      ),
    ),
    h(
      'p',
      { class: 'muted history-count', role: 'status', 'data-history-count': '' },
      nextCursor === null
        ? `${plural(items.length, 'event')}, the whole history.`
        : `The latest ${plural(items.length, 'event')}; older ones are not shown yet.`,
    ),
    nextCursor !== null && onOlder
      ? h(
          'button',
          {
            type: 'button',
            'data-action': 'older-history',
            disabled: history.loadingOlder,
            on: { click: onOlder },
          },
          history.loadingOlder ? 'Loading older events…' : 'Show older events',
        )
      : null,
  ];
}

/** @param {number} n */
const round = (n) => Math.round(n * 10) / 10;

/**
 * "Add a blocker": a key (suggested from the project's keys) and a button.
 * @param {Issue} issue
 * @param {Map<string, Issue>} byKey
 * @param {boolean} busy
 * @param {(blocker: string) => void} onAdd
 */
function addBlockerForm(issue, byKey, busy, onAdd) {
  const input = h('input', {
    id: 'add-blocker',
    list: 'add-blocker-keys',
    placeholder: 'issue key',
    autocomplete: 'off',
    spellcheck: 'false',
  });
  const form = h(
    'form',
    { class: 'add-blocker', 'data-add-blocker': issue.key },
    h('label', { for: 'add-blocker' }, 'Blocked by also'),
    input,
    h(
      'datalist',
      { id: 'add-blocker-keys' },
      [...byKey.keys()]
        .filter((k) => k !== issue.key && !issue.blockedBy.includes(k))
        .slice(0, 2000)
        .map((k) => h('option', { value: k })),
    ),
    h('button', { type: 'submit', disabled: busy }, 'Add'),
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const key = input.value.trim();
    if (key !== '') onAdd(key);
  });
  return form;
}

/**
 * @param {string} title
 * @param {...import('./dom.js').Child} content
 */
function section(title, ...content) {
  return h('section', { class: 'panel-section' }, h('h3', null, title), content);
}

/**
 * What the panel says when the issue it was asked for is not in the project: deleted (by whom and when,
 * from its `issue.delete` event once read; undefined until then), or never there (a wrong link: null).
 * @param {{ key: string, event: AuditEvent | null | undefined }} gone
 * @param {() => void} onClose
 */
export function renderGoneNotice(gone, onClose) {
  const { key, event } = gone;
  const before = /** @type {{ title?: unknown } | null} */ (event?.before ?? null);
  const title = typeof before?.title === 'string' ? before.title : null;
  return h(
    'div',
    { class: 'panel-body', 'data-gone': key },
    h(
      'div',
      { class: 'panel-head' },
      h('h2', { tabindex: '-1', 'data-panel-heading': '' }, h('span', { class: 'mono' }, key)),
      h(
        'button',
        { type: 'button', class: 'icon', 'aria-label': 'Close details', on: { click: onClose } },
        '×',
      ),
    ),
    title === null ? null : h('p', { class: 'panel-title' }, title),
    h(
      'p',
      { class: 'gone-notice', role: 'status' },
      event === undefined
        ? `${key} is not in this project any more.`
        : event === null
          ? `There is no issue ${key} in this project: it was removed, or the link is wrong.`
          : `${key} was deleted by ${formatActor(event)} on ${formatTime(event.at)}.`,
    ),
  );
}

/**
 * The details panel beside the graph: the selected issue (its history loaded on selection), or the
 * editor while it is edited, or a new issue's form. Asked for an issue the project does not hold (deleted
 * by another client, a stale link), it says so and hands the key to `onGone`, which drops it from the URL.
 * @param {HTMLElement} panel
 * @param {{ slug: string, onSelect: (key: string | null) => void,
 *   onSetStatus: (key: string, status: import('./api.js').IssueStatus) => void,
 *   onSave: (key: string, patch: import('./issue-editor.js').IssuePatch, base: Issue) => Promise<boolean>,
 *   onCreate: (issue: import('./issue-editor.js').IssueCreate) => Promise<boolean>,
 *   onDelete: (key: string) => void, onToggleWhatIf: (key: string) => void,
 *   onFocus: (key: string, mode: import('./url-state.js').FocusMode) => void,
 *   onAddBlocker: (key: string, blocker: string) => void, onRemoveBlocker: (key: string, blocker: string) => void,
 *   onGone: (key: string) => void, onHistoryFailed: (error: unknown) => void, onResize: () => void }} handlers
 */
export function createIssuePanelView(panel, handlers) {
  /** @type {import('./project-data.js').Snapshot | null} */
  let snap = null;
  /** @type {string | null} */
  let selected = null;
  /** @type {HistoryShown | null} */
  let history = null;
  /** Counts the history reads: an answer to an older one (another issue, a reload since) is dropped. */
  let historyAsked = 0;
  /** The issue asked for that the project does not hold, while the panel says so. */
  /** @type {{ key: string, event: AuditEvent | null | undefined } | null} */
  let gone = null;
  let busy = false;
  /** @type {'details' | 'edit' | 'create'} */
  let mode = 'details';
  /** @type {{ whatIf: string[], focus: string | null, focusMode: string }} */
  let marks = { whatIf: [], focus: null, focusMode: 'both' };
  /**
   * The edit under way: the issue as the editor opened on it (a save is checked against that version,
   * not against what the live stream shows since), and the changes typed over it once a save was refused.
   * @type {{ base: Issue, draft: import('./issue-editor.js').IssuePatch, restored?: boolean } | null}
   */
  let edit = null;
  /**
   * Edits left with changes typed (for another issue, a new one), by key: offered again when that issue is edited
   * (its save is checked against the issue as the edit began on it); Save or Cancel ends one.
   * @type {Map<string, { base: Issue, draft: import('./issue-editor.js').IssuePatch, restored?: boolean }>}
   */
  const drafts = new Map();

  function draw() {
    const issue = selected === null ? undefined : snap?.byKey.get(selected);
    const wasHidden = panel.hidden;
    if (snap !== null && selected !== null && issue === undefined && mode === 'details') {
      gone = { key: selected, event: undefined };
      selected = null;
      history = null;
      handlers.onGone(gone.key);
      void lookUpDeletion(gone.key);
    }
    if (snap !== null && gone !== null && selected === null && mode === 'details') {
      const inside = panel.contains(document.activeElement);
      panel.hidden = false;
      if (wasHidden) handlers.onResize();
      panel.replaceChildren(renderGoneNotice(gone, () => handlers.onSelect(null)));
      if (inside) /** @type {HTMLElement | null} */ (panel.querySelector('[data-panel-heading]'))?.focus();
      return;
    }
    if (snap === null || (issue === undefined && mode !== 'create')) {
      panel.hidden = true;
      panel.replaceChildren();
      if (!wasHidden) handlers.onResize();
      return;
    }
    panel.hidden = false;
    if (wasHidden) handlers.onResize();
    if (mode !== 'details') {
      if (mode === 'edit' && edit?.base.key !== issue?.key) {
        const kept = issue === undefined ? undefined : drafts.get(issue.key);
        if (kept !== undefined) drafts.delete(kept.base.key);
        edit = kept ?? (issue ? { base: issue, draft: {} } : null);
      }
      const editing = mode === 'edit' ? edit : null;
      panel.replaceChildren(
        renderIssueEditor(
          {
            issue: editing?.base ?? null,
            draft: editing?.draft,
            restored: editing?.restored,
            keys: [...snap.byKey.keys()],
            busy,
          },
          {
            onChange: (patch) => {
              if (editing !== null) editing.draft = patch;
            },
            onSave: async (patch) => {
              if (editing === null) return;
              if (await handlers.onSave(editing.base.key, patch, editing.base)) setMode('details');
              else rebase(editing.base.key, patch);
            },
            onCreate: async (created) => {
              if (await handlers.onCreate(created)) mode = 'details';
            },
            onCancel: () => {
              // A new issue's form closes the panel; an edit goes back to its issue (or to the notice
              // that it was deleted meanwhile).
              const creating = mode === 'create';
              setMode('details');
              if (creating && selected === null) handlers.onSelect(null);
            },
          },
        ),
      );
      // The caret after what the field holds (a browser puts it before): typing goes on the end of the
      // title, or of an edit brought back, not in front of it.
      const first = /** @type {HTMLInputElement | null} */ (panel.querySelector('input'));
      first?.focus();
      first?.setSelectionRange(first.value.length, first.value.length);
      return;
    }
    const shown = /** @type {Issue} */ (issue);
    // A redraw (history arrived, another client's change) keeps what is being typed, and the focus.
    const typing = /** @type {HTMLInputElement | null} */ (panel.querySelector('#add-blocker'));
    const kept =
      typing !== null && panel.querySelector(`[data-issue="${CSS.escape(shown.key)}"]`) !== null
        ? typing.value
        : '';
    const refocus = typing !== null && document.activeElement === typing;
    // A redraw keeps the keyboard in the panel: on the same action when it is still there, else on
    // the heading (the editor closed, "Mark done" became "Reopen").
    const inside = panel.contains(document.activeElement) ? document.activeElement : null;
    const action = inside?.getAttribute('data-action') ?? null;
    panel.replaceChildren(
      renderIssuePanel(
        {
          issue: shown,
          byKey: snap.byKey,
          plan: snap.plan,
          verdict: snap.validation.run?.issues.find((v) => v.key === shown.key) ?? null,
          history,
          busy,
          whatIf: marks.whatIf.includes(shown.key),
          focus: marks.focus === shown.key ? /** @type {any} */ (marks.focusMode) : null,
        },
        {
          onSelect: handlers.onSelect,
          onSetStatus: handlers.onSetStatus,
          onClose: () => handlers.onSelect(null),
          onEdit: () => setMode('edit'),
          onDelete: () => handlers.onDelete(shown.key),
          onToggleWhatIf: () => handlers.onToggleWhatIf(shown.key),
          onFocus: (focusMode) => handlers.onFocus(shown.key, focusMode),
          onAddBlocker: (blocker) => handlers.onAddBlocker(shown.key, blocker),
          onRemoveBlocker: (blocker) => handlers.onRemoveBlocker(shown.key, blocker),
          onOlderHistory: () => void loadOlderHistory(shown.key),
        },
      ),
    );
    const input = /** @type {HTMLInputElement | null} */ (panel.querySelector('#add-blocker'));
    if (input !== null && kept !== '') input.value = kept;
    if (input !== null && refocus) input.focus();
    else if (inside !== null) {
      const same = action === null ? null : panel.querySelector(`[data-action="${CSS.escape(action)}"]`);
      /** @type {HTMLElement | null} */ (same ?? panel.querySelector('[data-panel-heading]'))?.focus();
    }
  }

  /**
   * The edit under way, when something was typed, kept for when its issue is edited again: the user turns
   * to something else (another issue, a new one) without saving or cancelling it.
   */
  function keepDraft() {
    if (mode === 'edit' && edit !== null && Object.keys(edit.draft).length > 0)
      drafts.set(edit.base.key, { ...edit, restored: true });
  }

  /** @param {'details' | 'edit' | 'create'} next */
  function setMode(next) {
    mode = next;
    edit = null;
    draw();
  }

  /**
   * After a refused save: when the issue changed meanwhile (a conflict), the editor starts again from
   * its latest state with what the user changed over it; otherwise the form stays as typed.
   * @param {string} key
   * @param {import('./issue-editor.js').IssuePatch} patch
   */
  function rebase(key, patch) {
    const latest = snap?.byKey.get(key);
    if (mode !== 'edit' || edit === null || latest === undefined || sameVersion(latest, edit.base)) return;
    edit = { base: latest, draft: patch };
    draw();
  }

  /**
   * Reads the issue's latest history: one page, or as many events as are shown already (a reload after
   * a change keeps the older pages the user asked for).
   * @param {string} key
   */
  async function loadHistory(key) {
    const asked = ++historyAsked;
    const limit = Math.min(500, Math.max(HISTORY_PAGE, history?.items.length ?? 0));
    try {
      const page = await getHistoryPage(handlers.slug, { limit, issue: key });
      if (asked === historyAsked) history = { ...page, loadingOlder: false };
    } catch {
      // What is shown stays; an older page this read superseded is no longer loading (its answer is
      // dropped), so it can be asked for again.
      if (asked === historyAsked)
        history =
          history === null
            ? { items: [], nextCursor: null, loadingOlder: false }
            : { ...history, loadingOlder: false };
    }
    if (asked === historyAsked && selected === key && mode === 'details') draw();
  }

  /**
   * The issue's latest `count` events (fewer when its history is shorter), read page by page from the start.
   * @param {string} key
   * @param {number} count
   * @returns {Promise<HistoryShown>}
   */
  async function historyFromStart(key, count) {
    /** @type {AuditEvent[]} */
    const items = [];
    /** @type {string | null} */
    let cursor = null;
    do {
      const page = await getHistoryPage(handlers.slug, {
        limit: Math.min(500, count - items.length),
        issue: key,
        cursor,
      });
      items.push(...page.items);
      cursor = page.nextCursor;
    } while (cursor !== null && items.length < count);
    return { items, nextCursor: cursor, loadingOlder: false };
  }

  /**
   * Reads the next (older) page of the history shown and adds it; the keyboard moves to its first event.
   * A cursor the service refuses (one the page got before the service was upgraded or its database
   * restored) does not leave the user stuck behind an error: the history is read again from the start, as
   * far as what was shown and a page more.
   * @param {string} key
   */
  async function loadOlderHistory(key) {
    if (history === null || history.nextCursor === null || history.loadingOlder) return;
    const asked = ++historyAsked;
    const { items, nextCursor } = history;
    history = { ...history, loadingOlder: true };
    draw();
    /** @type {AuditEvent | undefined} */
    let first;
    try {
      let read;
      try {
        const page = await getHistoryPage(handlers.slug, {
          limit: HISTORY_PAGE,
          issue: key,
          cursor: nextCursor,
        });
        read = { items: [...items, ...page.items], nextCursor: page.nextCursor, loadingOlder: false };
      } catch (error) {
        if (!cursorRefused(error)) throw error;
        read = await historyFromStart(key, items.length + HISTORY_PAGE);
      }
      if (asked !== historyAsked) return;
      history = read;
      // The newest of the events older than those shown (read again from the start, newer ones come first).
      const oldest = items[items.length - 1]?.id ?? Number.POSITIVE_INFINITY;
      first = read.items.find((e) => e.id < oldest);
    } catch (error) {
      if (asked !== historyAsked) return;
      history = { items, nextCursor, loadingOlder: false };
      handlers.onHistoryFailed(error);
    }
    if (selected !== key || mode !== 'details') return;
    draw();
    if (first !== undefined)
      /** @type {HTMLElement | null} */ (panel.querySelector(`[data-event="${first.id}"]`))?.focus();
  }

  /**
   * Finds who deleted the issue the panel was asked for, and when (its `issue.delete` event).
   * @param {string} key
   */
  async function lookUpDeletion(key) {
    /** @type {AuditEvent | null} */
    let event = null;
    try {
      event = await getDeletion(handlers.slug, key);
    } catch {
      // the notice stands without who and when
      return;
    }
    if (gone?.key !== key) return;
    gone = { key, event };
    if (selected === null && mode === 'details') draw();
  }

  /** Closes the notice that the issue asked for is gone. */
  function dismissNotice() {
    if (gone === null) return;
    gone = null;
    draw();
  }

  return {
    /** @param {import('./project-data.js').Snapshot} next */
    update(next) {
      // Another client's change (or the user's own) to the issue shown: its history has a new event.
      const before = selected === null ? undefined : snap?.byKey.get(selected);
      const after = selected === null ? undefined : next.byKey.get(selected);
      snap = next;
      if (mode === 'details') draw();
      if (before !== undefined && after !== undefined && !sameVersion(before, after) && selected !== null)
        void loadHistory(selected);
    },
    /**
     * @param {string | null} key
     * @param {{ whatIf: string[], focus: string | null, focusMode: string }} [nextMarks]
     */
    select(key, nextMarks = marks) {
      const changed = key !== selected;
      marks = nextMarks;
      if (changed) {
        keepDraft();
        selected = key;
        history = null;
        gone = null;
        if (mode === 'edit' || key !== null) mode = 'details';
        draw();
        if (key !== null) void loadHistory(key);
      } else if (mode === 'details') draw();
    },
    /** Moves the keyboard focus to the issue shown (its heading). */
    focus() {
      /** @type {HTMLElement | null} */ (panel.querySelector('[data-panel-heading]'))?.focus();
    },
    /** Opens the form for a new issue. */
    create() {
      keepDraft();
      setMode('create');
    },
    /** Closes the notice that an issue asked for is gone (the user closed the panel). */
    dismissNotice,
    /** Whether the panel says that an issue asked for is gone. */
    get showsNotice() {
      return gone !== null;
    },
    /**
     * A write is under way: its buttons are disabled (no second submit while a slow server answers), and
     * the panel says it is saving. The editor's form is left as typed: only its Save button changes.
     * @param {boolean} value
     */
    setBusy(value) {
      busy = value;
      if (mode === 'details') draw();
      else markSaving(panel, value);
    },
    /** Whether the editor is open (the page then leaves the panel alone on refresh). */
    get editing() {
      return mode !== 'details';
    },
  };
}
