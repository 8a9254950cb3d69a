// The form that creates an issue or edits one: title, body, status (in progress included),
// estimate, labels and parent. It answers only what changed (an edit) or the new issue (a
// create); the page sends it through the API. Pure DOM: no request here.
import { h } from './dom.js';
import { STATUS_LABELS } from './format.js';

/**
 * @typedef {import('./api.js').Issue} Issue
 * @typedef {import('./api.js').Schemas['IssuePatch']} IssuePatch
 * @typedef {import('./api.js').Schemas['IssueCreate']} IssueCreate
 */

/**
 * Labels as typed: comma-separated, trimmed, empty ones dropped, each once.
 * @param {string} text
 * @returns {string[]}
 */
export function parseLabels(text) {
  return [
    ...new Set(
      text
        .split(',')
        .map((l) => l.trim())
        .filter(Boolean),
    ),
  ];
}

/**
 * An estimate as typed: blank is none; otherwise a number of days (a problem message when not).
 * @param {string} text
 * @returns {{ value: number | null } | { problem: string }}
 */
export function parseEstimate(text) {
  const t = text.trim();
  if (t === '') return { value: null };
  const n = Number(t);
  return Number.isFinite(n) && n >= 0
    ? { value: n }
    : { problem: 'The estimate is a number of days (0 or more).' };
}

/**
 * The fields of `next` that differ from `issue`.
 * @param {Issue} issue
 * @param {Required<Pick<IssuePatch, 'title' | 'body' | 'status' | 'estimateDays' | 'labels' | 'parent'>>} next
 * @returns {IssuePatch}
 */
export function changedFields(issue, next) {
  /** @type {IssuePatch} */
  const patch = {};
  if (next.title !== issue.title) patch.title = next.title;
  if (next.body !== issue.body) patch.body = next.body;
  if (next.status !== issue.status) patch.status = next.status;
  if (next.estimateDays !== issue.estimateDays) patch.estimateDays = next.estimateDays;
  if (JSON.stringify(next.labels) !== JSON.stringify(issue.labels)) patch.labels = next.labels;
  if (next.parent !== issue.parent) patch.parent = next.parent;
  return patch;
}

/**
 * The editor's submit button while a save is under way (disabled: no second submit) and after it; the
 * form around it is left as typed.
 * @param {HTMLElement} root where the editor is
 * @param {boolean} busy
 */
export function markSaving(root, busy) {
  const save = /** @type {HTMLButtonElement | null} */ (root.querySelector('[data-action="save"]'));
  if (save === null) return;
  save.disabled = busy;
  save.textContent = saveLabel(save.closest('[data-editor]')?.getAttribute('data-editor') === 'create', busy);
}

/** @param {boolean} creating @param {boolean} busy */
const saveLabel = (creating, busy) => (busy ? 'Saving…' : creating ? 'Create issue' : 'Save');

/**
 * @param {{ issue: Issue | null, draft?: IssuePatch, restored?: boolean, keys: string[], busy: boolean }} data
 *   the issue the edit starts from (null: a new one), and the changes already typed over it (kept across a
 *   conflict: the editor then starts from the latest state, with what the user changed; or kept while the
 *   user looked at another issue: `restored`, which the editor says)
 * @param {{ onSave: (patch: IssuePatch) => void, onCreate: (issue: IssueCreate) => void,
 *   onCancel: () => void, onChange?: (patch: IssuePatch) => void }} handlers onChange: an edit's changes
 *   as typed, at each keystroke
 */
export function renderIssueEditor(data, handlers) {
  const { issue } = data;
  const creating = issue === null;
  // What the fields show: the issue, with the typed changes over it.
  const shown = issue === null ? null : { ...issue, ...data.draft };
  const id = (/** @type {string} */ name) => `edit-${name}`;
  /** @param {string} name @param {string} label @param {HTMLElement} control @param {string} [hint] */
  const field = (name, label, control, hint) =>
    h(
      'div',
      { class: 'field' },
      h('label', { for: id(name) }, label),
      control,
      hint ? h('div', { class: 'hint muted', id: `${id(name)}-hint` }, hint) : null,
    );
  const keyInput = h('input', {
    id: id('key'),
    name: 'key',
    required: true,
    autocomplete: 'off',
    spellcheck: 'false',
  });
  const title = h('input', { id: id('title'), name: 'title', required: true, value: shown?.title ?? '' });
  const body = h('textarea', { id: id('body'), name: 'body', rows: 4 });
  body.value = shown?.body ?? '';
  const status = h(
    'select',
    { id: id('status'), name: 'status' },
    Object.entries(STATUS_LABELS).map(([value, label]) =>
      h('option', { value, selected: (shown?.status ?? 'open') === value }, label),
    ),
  );
  const estimate = h('input', {
    id: id('estimate'),
    name: 'estimate',
    inputmode: 'decimal',
    value: shown?.estimateDays ?? '',
    'aria-describedby': `${id('estimate')}-hint`,
  });
  const labels = h('input', {
    id: id('labels'),
    name: 'labels',
    value: (shown?.labels ?? []).join(', '),
    'aria-describedby': `${id('labels')}-hint`,
  });
  const parent = h('input', {
    id: id('parent'),
    name: 'parent',
    list: id('parent-keys'),
    value: shown?.parent ?? '',
    autocomplete: 'off',
    'aria-describedby': `${id('parent')}-hint`,
  });
  const keys = h(
    'datalist',
    { id: id('parent-keys') },
    data.keys
      .filter((k) => k !== issue?.key)
      .slice(0, 2000)
      .map((k) => h('option', { value: k })),
  );
  const problem = h('p', { class: 'form-problem', role: 'alert', hidden: true });

  const form = h(
    'form',
    { class: 'issue-editor', 'data-editor': creating ? 'create' : 'edit', novalidate: true },
    h('h2', null, creating ? 'New issue' : h('span', null, 'Edit ', h('span', { class: 'mono' }, issue.key))),
    data.restored
      ? h(
          'p',
          { class: 'hint muted', 'data-draft-note': '' },
          'Your unsaved changes are back: Save them, or Cancel to discard them.',
        )
      : null,
    creating ? field('key', 'Key', keyInput) : null,
    field('title', 'Title', title),
    field('body', 'Description', body),
    h(
      'div',
      { class: 'field-row' },
      field('status', 'Status', status),
      field('estimate', 'Estimate (days)', estimate, 'Blank: the project default'),
    ),
    field('labels', 'Labels', labels, 'Comma-separated'),
    field('parent', 'Parent issue', parent, 'A key, or blank for none'),
    keys,
    problem,
    h(
      'div',
      { class: 'actions' },
      h(
        'button',
        { type: 'submit', class: 'primary', disabled: data.busy, 'data-action': 'save' },
        saveLabel(creating, data.busy),
      ),
      h('button', { type: 'button', 'data-action': 'cancel', on: { click: handlers.onCancel } }, 'Cancel'),
    ),
  );
  /** The fields as typed (an estimate that is not a number: NaN, unlike any). */
  const typed = () => {
    const est = parseEstimate(estimate.value);
    return {
      title: title.value.trim(),
      body: body.value,
      status: /** @type {Issue['status']} */ (status.value),
      estimateDays: 'problem' in est ? Number.NaN : est.value,
      labels: parseLabels(labels.value),
      parent: parent.value.trim() === '' ? null : parent.value.trim(),
    };
  };
  /** Whether anything was typed that a cancel would lose: a change to the issue, or a new one's fields. */
  const hasChanges = () => {
    const next = typed();
    if (!creating) return Object.keys(changedFields(issue, next)).length > 0;
    return (
      keyInput.value.trim() !== '' ||
      next.title !== '' ||
      next.body !== '' ||
      next.status !== 'open' ||
      next.estimateDays !== null ||
      next.labels.length > 0 ||
      next.parent !== null
    );
  };
  const say = (/** @type {string} */ text, /** @type {HTMLElement | null} */ at) => {
    problem.textContent = text;
    problem.hidden = false;
    at?.focus();
  };
  const UNSAVED = 'Unsaved changes: Save them, or press Escape again (or Cancel) to discard them.';
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const est = parseEstimate(estimate.value);
    if (creating && keyInput.value.trim() === '') return say('Give the issue a key.', keyInput);
    if (title.value.trim() === '') return say('Give the issue a title.', title);
    if ('problem' in est) return say(est.problem, estimate);
    const next = { ...typed(), estimateDays: est.value };
    if (creating) handlers.onCreate({ key: keyInput.value.trim(), ...next });
    else handlers.onSave(changedFields(issue, next));
  });
  if (!creating && handlers.onChange !== undefined) {
    const { onChange } = handlers;
    // An estimate that is not a number yet is left out: the rest of what was typed is kept.
    const report = () => {
      const est = parseEstimate(estimate.value);
      onChange(
        changedFields(issue, { ...typed(), estimateDays: 'problem' in est ? issue.estimateDays : est.value }),
      );
    };
    form.addEventListener('input', report);
    form.addEventListener('change', report);
  }
  // Escape cancels, as Cancel does; with something typed, the first one only says what a second would
  // lose (an Escape by habit, to close a list of suggestions, must not throw an edit away). Typing after
  // it withdraws the warning: the next Escape asks again, as the user has not answered it but gone on.
  form.addEventListener('input', () => {
    if (problem.textContent !== UNSAVED) return;
    problem.textContent = '';
    problem.hidden = true;
  });
  form.addEventListener('keydown', (event) => {
    if (event.key !== 'Escape') return;
    event.stopPropagation();
    if (problem.textContent !== UNSAVED && hasChanges()) return say(UNSAVED, null);
    handlers.onCancel();
  });
  return form;
}
