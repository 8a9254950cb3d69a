// The figures at the top of a project: progress by status, what is ready now, what is blocked,
// the critical path.
import { h, replaceChildren } from './dom.js';
import { formatDays, plural } from './format.js';
import { applyBarWidths, progressFigures, statusBar } from './progress-view.js';

/**
 * "Ready now" when nothing is: an unfinished issue (open or in progress) whose blockers are all finished is
 * ready, and dependencies never form a cycle, so nothing ready means everything is finished (the ready
 * badge's `all done`).
 */
const NOTHING_READY = 'nothing: all done';

/** @typedef {import('./project-data.js').Snapshot} Snapshot */

/** @param {HTMLElement} container */
export function createStatsView(container) {
  return {
    /** @param {Snapshot} snap */
    update(snap) {
      const { plan } = snap;
      const progress = plan.progress.project;
      replaceChildren(
        container,
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
            plan.ready.length > 0 ? truncateList(plan.ready, 6) : NOTHING_READY,
          ),
        ),
        h(
          'div',
          { class: 'stat' },
          h('div', { class: 'stat-label' }, 'Blocked'),
          h('div', { class: 'stat-value' }, String(plan.blocked.length)),
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
      applyBarWidths(container);
    },
  };
}

/**
 * @param {string[]} keys
 * @param {number} max
 * @param {string} [sep]
 */
export function truncateList(keys, max, sep = ', ') {
  return keys.length <= max
    ? keys.join(sep)
    : `${keys.slice(0, max).join(sep)}${sep}… (+${keys.length - max})`;
}

/** @param {import('./api.js').ProgressSummary} p */
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
