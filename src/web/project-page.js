// The project page's controller: lays out the page, reads the project (project-data.js), keeps
// what the user looks at in the URL (url-state.js), hands each snapshot (or its what-if variant)
// to the views, one module each: stats, "what's next", the live feed, the graph, table and timeline
// tabs, the details panel and editor, the validation, the burn-up, progress by parent. The forecast
// (its P85 date in the header, the timeline, the burn-up, criticality in "what's next") is read
// after the rest, so that it never holds up the first graph. It carries out what the user asks
// through the API (edit, create, delete, dependencies, validate) and refreshes after the user's own
// writes and on other clients' (server-sent events).
import * as api from './api.js';
import { createBurnUpView } from './burnup-view.js';
import { h, replaceChildren } from './dom.js';
import { createFeedView, FEED_SIZE, newlyUnblocked } from './feed-view.js';
import { forecastHeadline, plural } from './format.js';
import { createGraphPane } from './graph-pane.js';
import { createIssuePanelView } from './issue-panel.js';
import { ELK_MAX_NODES, prewarmLayout } from './layout.js';
import { subscribeToChanges } from './live.js';
import { createParentsView } from './parents-view.js';
import { createRefresher, fetchSnapshot } from './project-data.js';
import { createReadyView } from './ready-view.js';
import { createStatsView } from './stats-view.js';
import { createTableView, toRows } from './table-view.js';
import { createTimelineView } from './timeline-view.js';
import { formatState, parseState, withoutMissingIssues } from './url-state.js';
import { createValidationSection, goalBanner } from './validation-view.js';
import { askForTokenIfRefused, reportWriteError } from './write-errors.js';

/**
 * @typedef {import('./project-data.js').Snapshot} Snapshot
 * @typedef {import('./url-state.js').PageState} PageState
 * @typedef {{ toast: (message: string, kind?: 'info' | 'error') => void, setLive: (status: import('./live.js').StreamStatus) => void,
 *   setCrumb: (name: string) => void, pin: (banner: HTMLElement) => void }} Shell
 * @typedef {{ update: (snap: Snapshot, options: { keepView: boolean, state: PageState }) => void,
 *   setState?: (state: PageState) => void }} TabView
 * @typedef {{ id: string, label: string, create: (pane: HTMLElement, actions: PageActions) => TabView }} Tab
 * @typedef {{ select: (key: string | null, options?: { centre?: boolean }) => void,
 *   navigate: (patch: Partial<PageState>) => void }} PageActions
 */

/**
 * The workspace's tabs, in order: each is one view module that gets the page's snapshot and
 * state. The first is shown when the URL names none.
 * @type {Tab[]}
 */
const TABS = [
  { id: 'graph', label: 'Dependency graph', create: (pane, actions) => createGraphPane(pane, actions) },
  {
    id: 'table',
    label: 'Table',
    create: (pane, actions) => {
      const table = createTableView(pane, {
        onSelect: (key) => actions.select(key),
        onChange: (query) => actions.navigate(query),
      });
      /** Rows are built only while the tab shows (a 1,000-row table costs the first graph ~100 ms). */
      /** @type {Snapshot | null} */
      let pending = null;
      const flush = () => {
        if (pending === null || pane.hidden) return;
        table.update(toRows(pending.issues, pending.plan, pending.validation.run));
        pending = null;
      };
      return {
        update(snap, { state }) {
          table.setQuery(state);
          pending = snap;
          flush();
        },
        setState(state) {
          table.setQuery(state);
          flush();
        },
      };
    },
  },
  {
    id: 'timeline',
    label: 'Timeline',
    create: (pane, actions) => {
      const timeline = createTimelineView(pane, { onSelect: (key) => actions.select(key) });
      /** Drawn while the tab shows (its width sets the scale) and once the forecast has arrived. */
      /** @type {Snapshot | null} */
      let pending = null;
      const flush = () => {
        if (pending === null || pane.hidden) return;
        if (pending.forecast !== null)
          timeline.update(pending.forecast, pending.issues, {
            today: today(),
            projectStart: pending.project.start,
          });
        else if (pending.forecastProblem !== null) timeline.unavailable(pending.forecastProblem.detail);
        else return; // the forecast is on its way
        pending = null;
      };
      return {
        update(snap) {
          pending = snap;
          flush();
        },
        setState: flush,
      };
    },
  },
];
const TAB_IDS = TABS.map((t) => t.id);

/**
 * Runs `then` once the page's first graph is drawn (graph-pane.js marks it `isoplan:drawn`).
 * @param {number} since when this page started (marks of an earlier page do not count)
 * @param {() => void} then
 */
function afterFirstGraph(since, then) {
  const drawn = () => performance.getEntriesByName('isoplan:drawn').some((e) => e.startTime >= since);
  if (drawn()) {
    then();
    return;
  }
  const observer = new PerformanceObserver(() => {
    if (!drawn()) return;
    observer.disconnect();
    then();
  });
  observer.observe({ type: 'mark' });
}

/**
 * Beyond this many open issues the page asks FEWER_TRIALS (the header's title says how many): the
 * service runs a forecast on its event loop, and the default would hold it for seconds on every change.
 */
const LARGE_FORECAST = 500;
const FEWER_TRIALS = 1000;

/** The forecast badge's words for a forecast whose dates would pass the last ISO date. */
const PAST_CALENDAR = 'runs past 9999-12-31';

/**
 * Why there is no forecast: past the calendar (the 422 `forecast-beyond-calendar`), in the badge's words,
 * or not available (any other failure); with the service's detail.
 * @param {unknown} error
 * @returns {import('./project-data.js').ForecastProblem}
 */
function forecastProblemOf(error) {
  const detail = error instanceof Error ? error.message : String(error);
  const problem = /** @type {{ type?: unknown } | null} */ (
    error instanceof api.ApiError ? error.problem : null
  );
  const past = typeof problem?.type === 'string' && problem.type.endsWith('/forecast-beyond-calendar');
  return { headline: past ? PAST_CALENDAR : 'not available', detail };
}

/** Today as an ISO date, as the service counts days (UTC). */
const today = () => new Date().toISOString().slice(0, 10);

/**
 * Calls `then` just after each UTC midnight: the service's today moves the forecast (work starts today)
 * even when nothing is written, and a wall screen is left open for days.
 * @param {() => void} then
 */
function onEachUtcDay(then) {
  const day = 86_400_000;
  const now = Date.now();
  setTimeout(
    () => {
      then();
      onEachUtcDay(then);
    },
    (Math.floor(now / day) + 1) * day - now + 1_000,
  );
}

/**
 * @param {HTMLElement} root
 * @param {string} slug
 * @param {Shell} shell
 */
export async function showProjectPage(root, slug, shell) {
  const pageStart = performance.now();
  /** @type {Snapshot | null} */
  let snap = null;
  /** @type {PageState} */
  let state = parseState(location.search, TAB_IDS);
  /** The plan as if state.whatIf were done (null: no what-if). */
  /** @type {import('./api.js').Plan | null} */
  let whatIfPlan = null;
  let validating = false;

  // Page skeleton: static words here, data filled in by the views.
  const title = h('h1', null, slug);
  const description = h('p', { class: 'lead' });
  const headline = h('p', { class: 'forecast-headline', 'data-forecast-headline': '', hidden: true });
  const goal = h('div', { class: 'goal-slot' });
  const stats = h('div', { class: 'stats' });
  const validateButton = h(
    'button',
    { type: 'button', 'data-action': 'validate', hidden: true },
    'Run validation',
  );
  const newButton = h('button', { type: 'button', 'data-action': 'new-issue' }, '+ New issue');
  const whatIfBanner = h('div', {
    class: 'whatif-banner',
    role: 'status',
    hidden: true,
    'data-whatif-banner': '',
  });
  const panel = h('aside', { class: 'panel', hidden: true, 'aria-label': 'Issue details' });
  const readySection = h('section', { class: 'card ready-section', 'aria-label': "What's next" });
  const feedSection = h('section', { class: 'card feed-section', 'aria-label': 'Recent changes' });
  const validationSection = h('section', { class: 'card validation-section', hidden: true });
  const parentsSection = h('section', { class: 'card parents-section', hidden: true });
  const burnUpSection = h('section', { class: 'card burnup-section', 'aria-label': 'Burn-up', hidden: true });
  const confirmDialog = h('dialog', { class: 'confirm', 'aria-labelledby': 'confirm-title' });
  const tabButtons = TABS.map((tab) =>
    h(
      'button',
      {
        type: 'button',
        role: 'tab',
        'aria-selected': String(tab.id === state.tab),
        'data-tab': tab.id,
        id: `tab-${tab.id}`,
      },
      tab.label,
    ),
  );
  const panes = TABS.map((tab) =>
    h('div', {
      class: `${tab.id}-pane`,
      role: 'tabpanel',
      'aria-labelledby': `tab-${tab.id}`,
      hidden: tab.id !== state.tab,
    }),
  );

  replaceChildren(
    root,
    h('section', { class: 'hero' }, h('div', null, title, description, headline), goal),
    // What's next first, the figures after it: the question a lead opens the page with, above the fold
    // on a phone too (test/web/dashboard-forecast.test.ts).
    h('div', { class: 'side-by-side' }, readySection, feedSection),
    stats,
    h(
      'section',
      { class: 'card workspace' },
      h(
        'div',
        { class: 'tabs' },
        h('div', { role: 'tablist', class: 'tablist', 'aria-label': 'Views' }, tabButtons),
        h('span', { class: 'spacer' }),
        newButton,
        validateButton,
      ),
      h('div', { class: 'workspace-body' }, h('div', { class: 'workspace-main' }, panes), panel),
    ),
    burnUpSection,
    validationSection,
    parentsSection,
    confirmDialog,
  );

  // Every figure on the page is the what-if plan's while it plays: the banner saying so stays in view.
  shell.pin(whatIfBanner);

  /** @type {PageActions} */
  const actions = { select, navigate };
  const tabViews = TABS.map((tab, i) => tab.create(/** @type {HTMLElement} */ (panes[i]), actions));
  const graphPane = /** @type {ReturnType<typeof createGraphPane>} */ (tabViews[TAB_IDS.indexOf('graph')]);
  const timelineTab = /** @type {TabView} */ (tabViews[TAB_IDS.indexOf('timeline')]);
  const burnUpView = createBurnUpView(burnUpSection);
  const statsView = createStatsView(stats);
  const readyView = createReadyView(readySection, { onSelect: (key) => select(key, { centre: true }) });
  const feedView = createFeedView(feedSection, { onSelect: (key) => select(key, { centre: true }) });
  const details = createIssuePanelView(panel, {
    slug,
    onSelect: (key) => select(key),
    onSetStatus: setStatus,
    onSave: saveIssue,
    onCreate: createIssue,
    onDelete: confirmDelete,
    onToggleWhatIf: (key) =>
      navigate({
        whatIf: state.whatIf.includes(key) ? state.whatIf.filter((k) => k !== key) : [...state.whatIf, key],
      }),
    onFocus: (key, mode) =>
      navigate(
        state.focus === key && state.focusMode === mode ? { focus: null } : { focus: key, focusMode: mode },
      ),
    onAddBlocker: addBlocker,
    onRemoveBlocker: removeBlocker,
    onGone: forgetMissing,
    onHistoryFailed: (error) =>
      shell.toast(
        `Could not read older events: ${error instanceof Error ? error.message : String(error)}`,
        'error',
      ),
    onResize: () => graphPane.refit(),
  });
  const validationView = createValidationSection(validationSection, {
    onSelect: (key) => select(key),
    onRun: () => validate(),
  });
  const parentsView = createParentsView(parentsSection, { onSelect: (key) => select(key) });

  tabButtons.forEach((button, i) => {
    button.addEventListener('click', () => navigate({ tab: /** @type {Tab} */ (TABS[i]).id }));
    button.addEventListener('keydown', (event) => {
      // Arrow keys move between tabs (WAI-ARIA tabs pattern).
      if (event.key !== 'ArrowRight' && event.key !== 'ArrowLeft') return;
      const next = TABS[(i + (event.key === 'ArrowRight' ? 1 : TABS.length - 1)) % TABS.length];
      if (next === undefined) return;
      navigate({ tab: next.id });
      tabButtons[TAB_IDS.indexOf(next.id)]?.focus();
    });
  });
  validateButton.addEventListener('click', () => validate());
  newButton.addEventListener('click', () => details.create());
  document.addEventListener('keydown', (event) => {
    if (event.key !== 'Escape' || confirmDialog.open || !root.isConnected) return;
    if (state.issue !== null || details.showsNotice) select(null);
    else if (state.focus !== null) navigate({ focus: null });
  });
  window.addEventListener('popstate', () => {
    applyState(parseState(location.search, TAB_IDS));
  });

  /** The snapshot the views show: the real one, or its what-if variant. */
  function shown() {
    const real = /** @type {Snapshot} */ (snap);
    return whatIfPlan === null ? real : { ...real, plan: whatIfPlan };
  }

  /**
   * A new state, pushed to the history (back/forward return to the one before).
   * @param {Partial<PageState>} patch
   */
  function navigate(patch) {
    const next = { ...state, ...patch };
    const url = `${location.pathname}${formatState(next)}`;
    if (url !== `${location.pathname}${location.search}`) history.pushState(null, '', url);
    applyState(next);
  }

  /** @param {PageState} next */
  function applyState(next) {
    const prev = state;
    state = next;
    TABS.forEach((tab, i) => {
      tabButtons[i]?.setAttribute('aria-selected', String(tab.id === next.tab));
      tabButtons[i]?.setAttribute('tabindex', tab.id === next.tab ? '0' : '-1');
      /** @type {HTMLElement} */ (panes[i]).hidden = tab.id !== next.tab;
    });
    if (prev.tab !== next.tab && next.tab === 'graph') graphPane.refit();
    if (snap === null) return;
    if (prev.issue !== next.issue) graphPane.showCycle([]);
    if (prev.whatIf.join(' ') !== next.whatIf.join(' ')) {
      void loadWhatIf().then(() => drawAll(true));
      return;
    }
    for (const view of tabViews) view.setState?.(next);
    details.select(next.issue, next);
  }

  /** Asks the API for the what-if plan (nothing is written); unknown keys are dropped first. */
  async function loadWhatIf() {
    const keys = state.whatIf.filter((k) => snap?.byKey.has(k));
    if (keys.length === 0) {
      whatIfPlan = null;
      return;
    }
    try {
      whatIfPlan = await api.whatIf(slug, keys);
    } catch (error) {
      whatIfPlan = null;
      shell.toast(`What-if failed: ${error instanceof Error ? error.message : String(error)}`, 'error');
    }
  }

  /**
   * @param {string | null} key
   * @param {{ centre?: boolean }} [options] centre: bring it to the middle of the graph (search)
   */
  function select(key, options = {}) {
    const noticed = details.showsNotice;
    details.dismissNotice();
    const fold = key === null ? null : graphPane.foldRevealing(key);
    const before = state.issue;
    // The keyboard follows: an issue opened from a view (a row, a node; their view is drawn again) puts
    // the focus in its panel, and closing the panel puts it back where the issue was opened from.
    const from = document.activeElement;
    const fromView = from !== null && panes.some((pane) => pane.contains(from));
    const fromPanel = from === null || from === document.body || panel.contains(from);
    navigate(fold === null ? { issue: key } : { issue: key, fold });
    if (key !== null && fromView && !options.centre) details.focus();
    if (key === null && (before !== null || noticed) && fromPanel) focusIssueInView(before);
    // After a change of folding the graph is laid out again: the pane reveals it once drawn.
    if (key !== null) graphPane.reveal(key, options.centre);
    // On a phone the panel is below the graph: bring it on screen.
    if (key !== null && window.matchMedia('(max-width: 700px)').matches) {
      requestAnimationFrame(() => panel.scrollIntoView({ block: 'start' }));
    }
  }

  /**
   * Issues in the URL that the project does not hold (deleted by another client, a stale link) leave it in
   * place (replaceState: back does not return to them, a reload does not ask for them again): from the
   * focus, the folding and the what-if set as soon as a snapshot shows them gone, and `key`, the selected
   * issue, once the panel has said so.
   * @param {string | null} [key]
   */
  function forgetMissing(key = null) {
    const byKey = snap?.byKey;
    if (byKey === undefined) return;
    let next = withoutMissingIssues(state, (k) => byKey.has(k));
    if (key !== null && next.issue === key) next = { ...next, issue: null };
    if (next === state) return;
    state = next;
    history.replaceState(null, '', `${location.pathname}${formatState(state)}`);
  }

  /**
   * Focuses the row, node or Timeline bar that stands for `key` in the tab shown, or else (none, or no
   * key: the issue is gone) the tab.
   * @param {string | null} key
   */
  function focusIssueInView(key) {
    const pane = panes[TAB_IDS.indexOf(state.tab)];
    const k = CSS.escape(key ?? '');
    const target = /** @type {HTMLElement | SVGElement | null | undefined} */ (
      key === null ? null : pane?.querySelector(`[data-row="${k}"], svg [data-key="${k}"]`)
    );
    (target ?? tabButtons[TAB_IDS.indexOf(state.tab)])?.focus();
  }

  /**
   * Runs a write with the panel's buttons disabled; refreshes after it (and after a conflict).
   * @param {string} key
   * @param {() => Promise<unknown>} write
   * @param {string} done the message once written
   * @param {number} [revision] the issue's revision the write was decided on (a conflict names the
   *   changes since): the page's, unless said
   * @returns {Promise<boolean>} whether it was written
   */
  async function write(key, write, done, revision = snap?.byKey.get(key)?.revision) {
    details.setBusy(true);
    try {
      await write();
      graphPane.showCycle([]);
      shell.toast(done);
      await refresh({ revalidate: true });
      return true;
    } catch (error) {
      const outcome = await reportWriteError(error, {
        slug,
        key,
        revision,
        shell,
      });
      if (outcome.kind === 'conflict' || outcome.kind === 'gone') await refresh({});
      if (outcome.kind === 'cycle') {
        if (state.tab !== 'graph') navigate({ tab: 'graph' });
        graphPane.showCycle(outcome.cycle);
      }
      return false;
    } finally {
      details.setBusy(false);
    }
  }

  /**
   * @param {string} key
   * @param {api.IssueStatus} status
   */
  function setStatus(key, status) {
    const words = {
      done: 'marked done',
      open: 'reopened',
      in_progress: 'started',
      wont_do: "marked won't do",
    };
    return write(
      key,
      () => api.setIssueStatus(slug, key, status, snap?.byKey.get(key)),
      `${key} ${words[status]}.`,
    );
  }

  /**
   * @param {string} key
   * @param {import('./issue-editor.js').IssuePatch} patch
   * @param {api.IssueVersion} base the issue as the edit was made on it
   */
  function saveIssue(key, patch, base) {
    if (Object.keys(patch).length === 0) return Promise.resolve(true);
    return write(key, () => api.patchIssue(slug, key, patch, base), `${key} saved.`, base.revision);
  }

  /** @param {import('./issue-editor.js').IssueCreate} issue */
  async function createIssue(issue) {
    const ok = await write(issue.key, () => api.createIssue(slug, issue), `${issue.key} created.`);
    if (ok) select(issue.key, { centre: true });
    return ok;
  }

  /** @param {string} key @param {string} blocker */
  function addBlocker(key, blocker) {
    return write(key, () => api.addBlocker(slug, key, blocker), `${key} is now blocked by ${blocker}.`);
  }

  /** @param {string} key @param {string} blocker */
  function removeBlocker(key, blocker) {
    return write(key, () => api.removeBlocker(slug, key, blocker), `${key} no longer waits for ${blocker}.`);
  }

  /** Asks before deleting: the issue and its dependencies go. @param {string} key */
  function confirmDelete(key) {
    const issue = snap?.byKey.get(key);
    if (issue === undefined) return;
    const edges = issue.blockedBy.length + issue.blocks.length;
    const cancel = h(
      'button',
      { type: 'button', 'data-action': 'cancel-delete', on: { click: () => confirmDialog.close() } },
      'Cancel',
    );
    replaceChildren(
      confirmDialog,
      h('h2', { id: 'confirm-title' }, 'Delete ', h('span', { class: 'mono' }, key), '?'),
      h('p', null, issue.title),
      h(
        'p',
        { class: 'muted' },
        `This removes the issue and its ${plural(edges, 'dependency', 'dependencies')}. It cannot be undone here.`,
      ),
      h(
        'div',
        { class: 'actions' },
        h(
          'button',
          {
            type: 'button',
            class: 'danger',
            'data-action': 'confirm-delete',
            on: {
              click: async () => {
                confirmDialog.close();
                if (await write(key, () => api.deleteIssue(slug, key, issue), `${key} deleted.`))
                  select(null);
              },
            },
          },
          `Delete ${key}`,
        ),
        cancel,
      ),
    );
    confirmDialog.showModal();
    cancel.focus();
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
      if (!options.quiet && !askForTokenIfRefused(error)) {
        shell.toast(`Validation failed: ${error instanceof Error ? error.message : String(error)}`, 'error');
      }
    } finally {
      validating = false;
      validateButton.disabled = false;
      validateButton.textContent = 'Run validation';
    }
  }

  async function loadFeed() {
    try {
      feedView.update(await api.getHistory(slug, FEED_SIZE));
    } catch {
      // the feed is a convenience: the page works without it
    }
  }

  /** The forecast of the snapshot shown; a later snapshot's answer wins over an earlier one's. */
  let forecastAsked = 0;
  async function loadForecast() {
    const asked = ++forecastAsked;
    const of = snap;
    try {
      const progress = of?.plan.progress.project;
      const open = progress === undefined ? 0 : progress.total - progress.finished;
      const forecast = await api.getForecast(slug, open > LARGE_FORECAST ? FEWER_TRIALS : undefined);
      if (asked !== forecastAsked || of === null) return;
      of.forecast = forecast;
      of.forecastProblem = null;
      if (snap !== of) return;
      drawForecast();
      readyView.update(shown());
      timelineTab.update(shown(), { keepView: true, state });
    } catch (error) {
      // The forecast is a view of the plan: the page works without it, and says why it has none. A
      // forecast past the calendar replaces the last one (it will not come back at this revision); after
      // another failure (the service busy, the network) the last one stays.
      const problem = forecastProblemOf(error);
      if (asked !== forecastAsked || of === null) return;
      if (of.forecast !== null && problem.headline !== PAST_CALENDAR) return;
      of.forecast = null;
      of.forecastProblem = problem;
      if (snap !== of) return;
      drawForecast();
      timelineTab.update(shown(), { keepView: true, state });
    }
  }

  /** The header's P85 date and the burn-up (the timeline and "what's next" draw from the snapshot). */
  function drawForecast() {
    const forecast = snap?.forecast ?? null;
    const problem = forecast === null ? (snap?.forecastProblem ?? null) : null;
    headline.hidden = forecast === null && problem === null;
    burnUpSection.hidden = forecast === null;
    if (problem !== null) {
      headline.textContent = `Forecast: ${problem.headline}`;
      headline.title = problem.detail;
    }
    if (forecast === null) return;
    headline.textContent = `Forecast: ${forecastHeadline(forecast)}`;
    headline.title =
      forecast.levelled.schedule.length === 0
        ? 'Every issue is done or won’t do'
        : `P50 ${forecast.quantiles.p50.date}, P85 ${forecast.quantiles.p85.date}, P95 ${forecast.quantiles.p95.date} ` +
          `(${forecast.trials.toLocaleString('en-US')} trials)`;
    burnUpView.update(forecast, today());
  }

  const refresh = createRefresher(
    async () => {
      const next = await fetchSnapshot(slug);
      const before = snap;
      // Until the new forecast arrives, the last one stays (a change moves it a little, not away).
      next.forecast = before?.forecast ?? null;
      next.forecastProblem = before?.forecastProblem ?? null;
      snap = next;
      await loadWhatIf();
      if (before !== null) {
        // Those the event stream announced already are not announced twice.
        const unblocked = feedView.announce(
          newlyUnblocked(before.plan.ready, next.plan.ready, new Set(before.plan.blocked.map((b) => b.key))),
        );
        if (unblocked.length > 0)
          shell.toast(
            `Now unblocked: ${unblocked.slice(0, 5).join(', ')}${unblocked.length > 5 ? ', …' : ''}`,
          );
      }
      void loadFeed();
      void loadForecast();
      return next;
    },
    () => {
      forgetMissing();
      drawAll(true);
    },
    () => validate(),
  );

  /** @param {boolean} keepView */
  function drawAll(keepView) {
    if (snap === null) return;
    const { project, validation } = snap;
    const view = shown();
    shell.setCrumb(project.name);
    document.title = `${project.name} · isoplan`;
    title.textContent = project.name;
    description.textContent = project.description;
    replaceChildren(
      goal,
      goalBanner(validation.run, {
        ...validation,
        revision: project.revision,
        hasGoal: project.goal.length > 0,
      }),
    );
    validateButton.hidden = !validation.available;
    whatIfBanner.hidden = whatIfPlan === null;
    if (whatIfPlan !== null) {
      const keys = state.whatIf.filter((k) => snap?.byKey.has(k));
      replaceChildren(
        whatIfBanner,
        h('strong', null, 'What-if: '),
        `${plural(keys.length, 'issue')} taken as done (`,
        h('span', { class: 'mono' }, keys.join(', ')),
        `). The figures, the graph and the table show that plan: critical path ${Math.round(whatIfPlan.criticalPath.lengthDays * 10) / 10} days instead of ${Math.round(snap.plan.criticalPath.lengthDays * 10) / 10}. Nothing is written. `,
        h(
          'button',
          { type: 'button', 'data-action': 'clear-what-if', on: { click: () => navigate({ whatIf: [] }) } },
          'Clear what-if',
        ),
      );
    }
    statsView.update(view);
    readyView.update(view);
    for (const tab of tabViews) tab.update(view, { keepView, state });
    details.update(view);
    details.select(state.issue, state);
    validationView.update(snap);
    parentsView.update(snap);
    drawForecast();
  }

  try {
    // elkjs lays out small graphs: start its worker while the rest arrives (a large project never
    // needs it, and compiling it would compete with the first render).
    snap = await fetchSnapshot(slug, {
      onPlan: (plan) => {
        if (plan.progress.project.total <= ELK_MAX_NODES) prewarmLayout();
      },
    });
    await loadWhatIf();
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
  if (state.issue !== null) {
    graphPane.reveal(state.issue);
    // A link to an issue (or a reload with one open) shows it: its panel is below the page's figures
    // (~1,070 px down at 1440x900, ~2,770 on a phone), where the user landing at the top never saw it.
    requestAnimationFrame(() => panel.scrollIntoView({ block: 'start' }));
  }
  void loadFeed();
  // The forecast runs its trials on the service: asked once the first graph is drawn, so that on a
  // large project it never competes with the page's first data and layout.
  afterFirstGraph(pageStart, () => void loadForecast());
  // A project never validated: validate once, so the goal's status is there at first sight.
  // Harmless to repeat: the service answers the stored run for an unchanged project.
  if (snap.validation.available && snap.validation.run === null) void validate({ quiet: true });
  onEachUtcDay(() => void refresh({}).catch(() => {}));
  subscribeToChanges(slug, {
    onChange: () => void refresh({}).catch(() => {}),
    onStatus: shell.setLive,
    onUnblocked: (event) => {
      feedView.unblocked(event);
      shell.toast(`Now unblocked: ${event.issue} ${event.title}`);
    },
  });
}
