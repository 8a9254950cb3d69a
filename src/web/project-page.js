// The project page's controller: lays out the page, reads the project (project-data.js), hands each
// snapshot to the views (one module each: stats, the graph and table tabs, the details panel,
// the validation, progress by parent), and carries out what the user asks (select, change a
// status, validate). Refreshes after the user's own writes and on other clients' (server-sent events).
import * as api from './api.js';
import { h, replaceChildren } from './dom.js';
import { createGraphPane } from './graph-pane.js';
import { createIssuePanelView } from './issue-panel.js';
import { prewarmLayout } from './layout.js';
import { subscribeToChanges } from './live.js';
import { createParentsView } from './parents-view.js';
import { createRefresher, fetchSnapshot } from './project-data.js';
import { createStatsView } from './stats-view.js';
import { createTableView, toRows } from './table-view.js';
import { createValidationSection, goalBanner } from './validation-view.js';
import { reportWriteError } from './write-errors.js';

/**
 * @typedef {import('./project-data.js').Snapshot} Snapshot
 * @typedef {{ toast: (message: string, kind?: 'info' | 'error') => void, setLive: (on: boolean) => void,
 *   setCrumb: (name: string) => void }} Shell
 * @typedef {{ update: (snap: Snapshot, options: { keepView: boolean }) => void }} View
 * @typedef {{ id: string, label: string, create: (pane: HTMLElement, actions: PageActions) => View }} Tab
 * @typedef {{ select: (key: string | null) => void }} PageActions
 */

/**
 * The workspace's tabs, in order: each is one view module. The first is shown on arrival.
 * @type {Tab[]}
 */
const TABS = [
  {
    id: 'graph',
    label: 'Dependency graph',
    create: (pane, actions) => createGraphPane(pane, { onSelect: actions.select }),
  },
  {
    id: 'table',
    label: 'Table',
    create: (pane, actions) => {
      const table = createTableView(pane, { onSelect: actions.select });
      return { update: (snap) => table.update(toRows(snap.issues, snap.plan, snap.validation.run)) };
    },
  },
];

/**
 * @param {HTMLElement} root
 * @param {string} slug
 * @param {Shell} shell
 */
export async function showProjectPage(root, slug, shell) {
  prewarmLayout();
  /** @type {Snapshot | null} */
  let snap = null;
  let validating = false;

  // Page skeleton: static words here, data filled in by the views.
  const title = h('h1', null, slug);
  const description = h('p', { class: 'lead' });
  const goal = h('div', { class: 'goal-slot' });
  const stats = h('div', { class: 'stats' });
  const validateButton = h(
    'button',
    { type: 'button', 'data-action': 'validate', hidden: true },
    'Run validation',
  );
  const panel = h('aside', { class: 'panel', hidden: true, 'aria-label': 'Issue details' });
  const validationSection = h('section', { class: 'card validation-section', hidden: true });
  const parentsSection = h('section', { class: 'card parents-section', hidden: true });
  const tabButtons = TABS.map((tab, i) =>
    h(
      'button',
      { type: 'button', role: 'tab', 'aria-selected': String(i === 0), 'data-tab': tab.id },
      tab.label,
    ),
  );
  const panes = TABS.map((tab, i) => h('div', { class: `${tab.id}-pane`, hidden: i !== 0 }));

  replaceChildren(
    root,
    h('section', { class: 'hero' }, h('div', null, title, description), goal, stats),
    h(
      'section',
      { class: 'card workspace' },
      h(
        'div',
        { class: 'tabs', role: 'tablist' },
        tabButtons,
        h('span', { class: 'spacer' }),
        validateButton,
      ),
      h('div', { class: 'workspace-body' }, h('div', { class: 'workspace-main' }, panes), panel),
    ),
    validationSection,
    parentsSection,
  );

  /** @type {PageActions} */
  const actions = { select };
  const tabViews = TABS.map((tab, i) => tab.create(/** @type {HTMLElement} */ (panes[i]), actions));
  const graphPane = /** @type {ReturnType<typeof createGraphPane>} */ (tabViews[0]);
  const statsView = createStatsView(stats);
  const details = createIssuePanelView(panel, {
    slug,
    onSelect: select,
    onSetStatus: setStatus,
    onResize: () => graphPane.refit(),
  });
  const validationView = createValidationSection(validationSection, {
    onSelect: select,
    onRun: () => validate(),
  });
  const parentsView = createParentsView(parentsSection, { onSelect: select });

  /** @param {string} id */
  function showTab(id) {
    TABS.forEach((tab, i) => {
      tabButtons[i]?.setAttribute('aria-selected', String(tab.id === id));
      /** @type {HTMLElement} */ (panes[i]).hidden = tab.id !== id;
    });
  }
  TABS.forEach((tab, i) => {
    tabButtons[i]?.addEventListener('click', () => showTab(tab.id));
  });
  validateButton.addEventListener('click', () => validate());

  /** @param {string | null} key */
  function select(key) {
    graphPane.select(key);
    details.select(key);
    if (key !== null) graphPane.reveal(key);
  }

  /**
   * @param {string} key
   * @param {api.IssueStatus} status
   */
  async function setStatus(key, status) {
    details.setBusy(true);
    try {
      await api.setIssueStatus(slug, key, status, snap?.byKey.get(key)?.revision);
      shell.toast(status === 'done' ? `${key} marked done.` : `${key} reopened.`);
      await refresh({ revalidate: true });
      details.reloadHistory();
    } catch (error) {
      if (reportWriteError(error, key, shell) === 'conflict') await refresh({});
    } finally {
      details.setBusy(false);
    }
  }

  /** @param {{ quiet?: boolean }} [options] quiet: no message on failure (an automatic run) */
  async function validate(options = {}) {
    if (validating) return;
    validating = true;
    validateButton.disabled = true;
    validateButton.textContent = 'Validating…';
    try {
      const run = await api.runValidation(slug);
      if (snap !== null) snap.validation = { available: true, run };
      drawAll(true);
    } catch (error) {
      if (!options.quiet) {
        shell.toast(`Validation failed: ${error instanceof Error ? error.message : String(error)}`, 'error');
      }
    } finally {
      validating = false;
      validateButton.disabled = false;
      validateButton.textContent = 'Run validation';
    }
  }

  const refresh = createRefresher(
    () => fetchSnapshot(slug),
    (next) => {
      snap = next;
      drawAll(true);
    },
    () => validate(),
  );

  /** @param {boolean} keepView */
  function drawAll(keepView) {
    if (snap === null) return;
    const { project, validation } = snap;
    shell.setCrumb(project.name);
    document.title = `${project.name} · isoplan`;
    title.textContent = project.name;
    description.textContent = project.description;
    replaceChildren(goal, goalBanner(validation.run, { ...validation, revision: project.revision }));
    validateButton.hidden = !validation.available;
    statsView.update(snap);
    for (const view of tabViews) view.update(snap, { keepView });
    details.update(snap);
    validationView.update(snap);
    parentsView.update(snap);
  }

  try {
    snap = await fetchSnapshot(slug);
    performance.mark('isoplan:data');
  } catch (error) {
    replaceChildren(
      root,
      h(
        'section',
        { class: 'card' },
        h('h1', null, 'Project not available'),
        h('p', null, error instanceof Error ? error.message : String(error)),
        h('a', { href: '/' }, '← All projects'),
      ),
    );
    return;
  }
  drawAll(false);
  // A project never validated: validate once, so the goal's status is there at first sight.
  // Harmless to repeat: the service answers the stored run for an unchanged project.
  if (snap.validation.available && snap.validation.run === null) void validate({ quiet: true });
  subscribeToChanges(slug, () => void refresh({}).catch(() => {}), shell.setLive);
}
