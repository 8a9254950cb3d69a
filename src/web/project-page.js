// The project page: the goal's status, progress, what is ready, the critical path,
// the dependency graph (or the table), an issue's details, and the latest validation.
// Refreshes after the user's own writes and on other clients' (server-sent events).
import * as api from './api.js';
import { h, replaceChildren } from './dom.js';
import { formatDays, formatPercent, plural } from './format.js';
import { buildGraph, parentKeys } from './graph-model.js';
import { createGraphView } from './graph-view.js';
import { historyOf, renderIssuePanel } from './issue-panel.js';
import { prewarmLayout } from './layout.js';
import { subscribeToChanges } from './live.js';
import { applyBarWidths, progressFigures, statusBar } from './progress-view.js';
import { createTableView, toRows } from './table-view.js';
import { goalBanner, renderValidation } from './validation-view.js';

/**
 * @typedef {{ project: api.Project, issues: api.Issue[], byKey: Map<string, api.Issue>, plan: api.Plan,
 *   validation: { available: boolean, run: api.ValidationRun | null } }} Snapshot
 */

/** Parents listed before "more". */
const PARENTS_SHOWN = 12;

/** Marks the first graph on screen (for the 1k-issue measurement), once per page load. */
const metrics = /** @type {{ firstGraphMs: number | null, layoutEngine: string | null }} */ ({
  firstGraphMs: null,
  layoutEngine: null,
});
/** @type {any} */ (window).isoplanMetrics = metrics;

/**
 * @param {HTMLElement} root
 * @param {string} slug
 * @param {{ toast: (message: string, kind?: 'info' | 'error') => void, setLive: (on: boolean) => void,
 *   setCrumb: (name: string) => void }} shell
 */
export async function showProjectPage(root, slug, shell) {
  prewarmLayout();
  /** @type {Snapshot | null} */
  let snap = null;
  /** @type {Set<string>} */
  let collapsed = new Set();
  /** @type {string | null} */
  let selected = null;
  /** @type {api.AuditEvent[] | null} */
  let history = null;
  let busy = false;
  let validating = false;
  let firstGraph = true;

  // Page skeleton: static words here, data filled in by draw().
  const title = h('h1', null, slug);
  const description = h('p', { class: 'lead' });
  const goal = h('div', { class: 'goal-slot' });
  const stats = h('div', { class: 'stats' });
  const graphTab = h(
    'button',
    { type: 'button', role: 'tab', 'aria-selected': 'true', 'data-tab': 'graph' },
    'Dependency graph',
  );
  const tableTab = h(
    'button',
    { type: 'button', role: 'tab', 'aria-selected': 'false', 'data-tab': 'table' },
    'Table',
  );
  const validateButton = h(
    'button',
    { type: 'button', 'data-action': 'validate', hidden: true },
    'Run validation',
  );
  const graphInfo = h('span', { class: 'muted graph-info' });
  const graphPane = h('div', { class: 'graph-pane' });
  const tablePane = h('div', { class: 'table-pane', hidden: true });
  const panel = h('aside', { class: 'panel', hidden: true, 'aria-label': 'Issue details' });
  const validationSection = h('section', { class: 'card validation-section', hidden: true });
  const parentsSection = h('section', { class: 'card parents-section', hidden: true });

  const toolbar = h(
    'div',
    { class: 'toolbar' },
    h(
      'button',
      { type: 'button', title: 'Zoom in', 'aria-label': 'Zoom in', on: { click: () => graph.zoom(1.25) } },
      '+',
    ),
    h(
      'button',
      { type: 'button', title: 'Zoom out', 'aria-label': 'Zoom out', on: { click: () => graph.zoom(0.8) } },
      '−',
    ),
    h('button', { type: 'button', title: 'Fit the whole graph', on: { click: () => graph.fit() } }, 'Fit'),
    h(
      'button',
      {
        type: 'button',
        'data-action': 'fold-all',
        title: 'Fold every parent’s sub-issues into it',
        on: { click: () => setCollapsed(parentKeys(snap?.issues ?? [])) },
      },
      'Fold parents',
    ),
    h(
      'button',
      { type: 'button', 'data-action': 'unfold-all', on: { click: () => setCollapsed(new Set()) } },
      'Unfold all',
    ),
    graphInfo,
  );
  graphPane.append(toolbar, legend());
  const graphHost = h('div', { class: 'graph-host' });
  graphPane.append(graphHost);

  replaceChildren(
    root,
    h('section', { class: 'hero' }, h('div', null, title, description), goal, stats),
    h(
      'section',
      { class: 'card workspace' },
      h(
        'div',
        { class: 'tabs', role: 'tablist' },
        graphTab,
        tableTab,
        h('span', { class: 'spacer' }),
        validateButton,
      ),
      h(
        'div',
        { class: 'workspace-body' },
        h('div', { class: 'workspace-main' }, graphPane, tablePane),
        panel,
      ),
    ),
    validationSection,
    parentsSection,
  );

  const graph = createGraphView(graphHost, { onSelect: select, onToggle: toggle });
  const table = createTableView(tablePane, { onSelect: select });

  /** @param {'graph' | 'table'} tab */
  function showTab(tab) {
    graphTab.setAttribute('aria-selected', String(tab === 'graph'));
    tableTab.setAttribute('aria-selected', String(tab === 'table'));
    graphPane.hidden = tab !== 'graph';
    tablePane.hidden = tab !== 'table';
  }
  graphTab.addEventListener('click', () => showTab('graph'));
  tableTab.addEventListener('click', () => showTab('table'));
  validateButton.addEventListener('click', () => validate());

  /** @param {Set<string>} next */
  function setCollapsed(next) {
    collapsed = next;
    void drawGraph(false);
  }
  /** @param {string} key */
  function toggle(key) {
    const next = new Set(collapsed);
    if (next.has(key)) next.delete(key);
    else next.add(key);
    collapsed = next;
    void drawGraph(true);
  }
  /** @param {string | null} key */
  function select(key) {
    selected = key;
    history = null;
    const rep =
      key === null
        ? null
        : (buildGraph(snap?.issues ?? [], /** @type {api.Plan} */ (snap?.plan), collapsed).representative.get(
            key,
          ) ?? key);
    graph.select(rep);
    drawPanel();
    if (rep !== null) graph.reveal(rep);
    if (key !== null) void loadHistory(key);
  }

  /** @param {string} key */
  async function loadHistory(key) {
    try {
      const events = await api.getHistory(slug);
      if (selected === key) {
        history = historyOf(events, key);
        drawPanel();
      }
    } catch {
      if (selected === key) {
        history = [];
        drawPanel();
      }
    }
  }

  /**
   * @param {string} key
   * @param {api.IssueStatus} status
   */
  async function setStatus(key, status) {
    busy = true;
    drawPanel();
    try {
      await api.setIssueStatus(slug, key, status, snap?.byKey.get(key)?.revision);
      shell.toast(status === 'done' ? `${key} marked done.` : `${key} reopened.`);
      await refresh({ revalidate: true });
      if (selected === key) void loadHistory(key);
    } catch (error) {
      if (error instanceof api.ApiError && error.status === 412) {
        shell.toast(
          `${key} was changed by someone else meanwhile. The page now shows the latest state; try again.`,
          'error',
        );
        await refresh({});
      } else if (error instanceof api.ApiError && error.status === 401) {
        const value = window.prompt('This service needs an API token for changes. Token:');
        if (value) api.token.set(value.trim());
      } else {
        shell.toast(
          `Could not change ${key}: ${error instanceof Error ? error.message : String(error)}`,
          'error',
        );
      }
    } finally {
      busy = false;
      drawPanel();
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

  /** @returns {Promise<Snapshot>} */
  async function fetchSnapshot() {
    const [project, issues, plan, validation] = await Promise.all([
      api.getProject(slug),
      api.listIssues(slug),
      api.getPlan(slug),
      api.latestValidation(slug).catch(() => ({ available: false, run: null })),
    ]);
    return { project, issues, byKey: new Map(issues.map((i) => [i.key, i])), plan, validation };
  }

  let refreshing = /** @type {Promise<void> | null} */ (null);
  let again = false;
  /** @param {{ revalidate?: boolean }} options */
  async function refresh(options) {
    if (refreshing !== null) {
      again = true;
      return refreshing;
    }
    refreshing = (async () => {
      // Only the first round validates: the validation's own change event must not start another.
      let revalidate = options.revalidate === true;
      do {
        again = false;
        const next = await fetchSnapshot();
        snap = next;
        drawAll(true);
        if (revalidate && next.validation.available && next.validation.run !== null) await validate();
        revalidate = false;
      } while (again);
    })().finally(() => {
      refreshing = null;
    });
    return refreshing;
  }

  /** @param {boolean} keepView */
  async function drawGraph(keepView) {
    if (snap === null) return;
    const verdicts = new Map((snap.validation.run?.issues ?? []).map((v) => [v.key, v.verdict]));
    const model = buildGraph(snap.issues, snap.plan, collapsed, verdicts);
    const result = await graph.render(model, { keepView: keepView && !firstGraph });
    if (result === null) return;
    if (firstGraph) {
      firstGraph = false;
      performance.mark('isoplan:drawn');
      await new Promise((resolve) => requestAnimationFrame(resolve));
      metrics.firstGraphMs = performance.now();
      metrics.layoutEngine = result.engine;
      graph.svg.setAttribute('data-rendered', 'true');
    }
    graphInfo.textContent = `${plural(result.nodes, 'node')}, ${plural(result.edges, 'edge')} · drag to pan, wheel to zoom`;
    if (selected !== null) graph.select(model.representative.get(selected) ?? selected);
  }

  function drawPanel() {
    const issue = selected === null ? undefined : snap?.byKey.get(selected);
    const wasHidden = panel.hidden;
    if (snap === null || issue === undefined) {
      panel.hidden = true;
      panel.replaceChildren();
      if (!wasHidden) graph.refit();
      return;
    }
    panel.hidden = false;
    if (wasHidden) graph.refit();
    replaceChildren(
      panel,
      renderIssuePanel(
        {
          issue,
          byKey: snap.byKey,
          plan: snap.plan,
          verdict: snap.validation.run?.issues.find((v) => v.key === issue.key) ?? null,
          history,
          busy,
        },
        { onSelect: select, onSetStatus: setStatus, onClose: () => select(null) },
      ),
    );
  }

  /** @param {boolean} keepView */
  function drawAll(keepView) {
    if (snap === null) return;
    const { project, plan, validation, issues } = snap;
    shell.setCrumb(project.name);
    document.title = `${project.name} · isoplan`;
    title.textContent = project.name;
    description.textContent = project.description;
    replaceChildren(goal, goalBanner(validation.run, { ...validation, revision: project.revision }));
    validateButton.hidden = !validation.available;
    for (const el of root.querySelectorAll('[data-legend="verdict"]')) {
      /** @type {HTMLElement} */ (el).hidden = validation.run === null;
    }

    const progress = plan.progress.project;
    const blockedCount = plan.blocked.length;
    replaceChildren(
      stats,
      h(
        'div',
        { class: 'stat stat-progress' },
        h('div', { class: 'stat-label' }, 'Progress'),
        progressFigures(progress),
        statusBar(progress),
        statusCaption(progress),
      ),
      h(
        'div',
        { class: 'stat', 'data-stat': 'ready' },
        h('div', { class: 'stat-label' }, 'Ready now'),
        h('div', { class: 'stat-value', 'data-ready-count': plan.ready.length }, String(plan.ready.length)),
        h(
          'div',
          { class: 'stat-detail', 'data-ready-keys': plan.ready.join(' ') },
          plan.ready.length > 0 ? truncateList(plan.ready, 6) : 'nothing: every open issue waits on another',
        ),
      ),
      h(
        'div',
        { class: 'stat' },
        h('div', { class: 'stat-label' }, 'Blocked'),
        h('div', { class: 'stat-value' }, String(blockedCount)),
        h(
          'div',
          { class: 'stat-detail' },
          `open issues waiting on others; ${plural(progress.counts.done + progress.counts.wont_do, 'issue')} finished`,
        ),
      ),
      h(
        'div',
        { class: 'stat' },
        h('div', { class: 'stat-label' }, 'Critical path'),
        h('div', { class: 'stat-value' }, formatDays(plan.criticalPath.lengthDays)),
        h(
          'div',
          { class: 'stat-detail' },
          plan.criticalPath.keys.length > 0
            ? truncateList(plan.criticalPath.keys, 5, ' → ')
            : 'nothing left to do',
        ),
      ),
    );
    applyBarWidths(stats);

    table.update(toRows(issues, plan, validation.run));
    void drawGraph(keepView);
    drawPanel();

    validationSection.hidden = !validation.available;
    if (validation.available) {
      replaceChildren(
        validationSection,
        h('h2', null, 'Latest validation'),
        validation.run === null
          ? h(
              'p',
              { class: 'muted' },
              'No validation yet. “Run validation” runs the simulator over the current state of the project.',
            )
          : renderValidation(validation.run, {
              onSelect: select,
              revision: project.revision,
              onRun: () => validate(),
            }),
      );
    }

    const parents = Object.entries(plan.progress.byParent ?? {}).sort(([a], [b]) =>
      a.localeCompare(b, undefined, { numeric: true }),
    );
    parentsSection.hidden = parents.length === 0;
    /** @param {[string, api.ProgressSummary][]} list */
    const parentList = (list) =>
      h(
        'ul',
        { class: 'parents' },
        list.map(([key, p]) =>
          h(
            'li',
            null,
            h('button', { type: 'button', class: 'link mono', on: { click: () => select(key) } }, key),
            h('span', { class: 'parent-title' }, snap?.byKey.get(key)?.title ?? ''),
            h(
              'span',
              { class: 'parent-figure' },
              `${formatPercent(p.percentByCount)} · ${p.finished}/${p.total}`,
            ),
            statusBar(p, key),
          ),
        ),
      );
    replaceChildren(
      parentsSection,
      h('h2', null, 'Progress by parent issue'),
      parentList(parents.slice(0, PARENTS_SHOWN)),
      parents.length > PARENTS_SHOWN
        ? h(
            'details',
            null,
            h('summary', null, `${parents.length - PARENTS_SHOWN} more parents`),
            parentList(parents.slice(PARENTS_SHOWN)),
          )
        : null,
    );
    applyBarWidths(parentsSection);
  }

  try {
    snap = await fetchSnapshot();
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

/**
 * @param {string[]} keys
 * @param {number} max
 * @param {string} [sep]
 */
function truncateList(keys, max, sep = ', ') {
  return keys.length <= max
    ? keys.join(sep)
    : `${keys.slice(0, max).join(sep)}${sep}… (+${keys.length - max})`;
}

/** @param {api.ProgressSummary} p */
function statusCaption(p) {
  /** @param {string} cls @param {number} n @param {string} word */
  const part = (cls, n, word) =>
    h('span', null, h('span', { class: `dot ${cls}`, 'aria-hidden': 'true' }), `${n} ${word}`);
  return h(
    'div',
    { class: 'caption' },
    part('seg-done', p.counts.done, 'done'),
    part('seg-wont_do', p.counts.wont_do, "won't do"),
    part('seg-in_progress', p.counts.in_progress, 'in progress'),
    part('seg-open', p.counts.open, 'open'),
  );
}

function legend() {
  /** @param {string} cls @param {string} label @param {string} [hint] */
  const item = (cls, label, hint) =>
    h('li', { title: hint ?? label }, h('span', { class: `swatch ${cls}`, 'aria-hidden': 'true' }), label);
  return h(
    'ul',
    { class: 'legend', 'aria-label': 'Legend' },
    item('sw-open', 'Open'),
    item('sw-in_progress', 'In progress'),
    item('sw-done', 'Done'),
    item('sw-wont_do', "Won't do"),
    item('sw-ready', 'Ready now', 'Open, and every blocker is finished: can start today'),
    item('sw-critical', 'Critical path', 'The chain of open issues that sets the earliest finish'),
    item(
      'sw-edge',
      'Blocks →',
      'An arrow goes from a blocker to the issue it blocks; hover a node to see its blockers',
    ),
    item('sw-folded', 'Folded parent', 'A parent whose sub-issues are folded into it'),
    h(
      'li',
      { 'data-legend': 'verdict', title: 'Latest validation: its checks run clean' },
      h('span', { class: 'mark mark-verified', 'aria-hidden': 'true' }, '✓'),
      'Verified',
    ),
    h(
      'li',
      { 'data-legend': 'verdict', title: 'Latest validation: its checks find violations' },
      h('span', { class: 'mark mark-failing', 'aria-hidden': 'true' }, '!'),
      'Failing',
    ),
  );
}
