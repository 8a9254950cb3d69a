// Progress bars: a bar split by status, and the figures by count and by estimate.
import { h } from './dom.js';
import { formatDays, formatPercent } from './format.js';

/** @typedef {import('./api.js').ProgressSummary} ProgressSummary */

const SEGMENTS = /** @type {const} */ ([
  ['done', 'done'],
  ['wont_do', "won't do"],
  ['in_progress', 'in progress'],
  ['open', 'open'],
]);

/**
 * A bar with one segment per status, widths by count.
 * @param {ProgressSummary} p
 * @param {string} [label]
 */
export function statusBar(p, label = 'Progress by status') {
  const total = Math.max(1, p.total);
  const text = SEGMENTS.map(([k, word]) => `${p.counts[k]} ${word}`).join(', ');
  return h(
    'div',
    { class: 'bar', role: 'img', 'aria-label': `${label}: ${text}`, title: text },
    SEGMENTS.filter(([k]) => p.counts[k] > 0).map(([k]) =>
      h('span', { class: `bar-seg seg-${k}`, 'data-width': Math.round((p.counts[k] / total) * 1000) / 10 }),
    ),
  );
}

/**
 * A bar filled to a percent.
 * @param {number | null} percent
 * @param {string} label
 */
export function percentBar(percent, label) {
  return h(
    'div',
    { class: 'bar', role: 'img', 'aria-label': `${label}: ${formatPercent(percent)}` },
    h('span', { class: 'bar-seg seg-done', 'data-width': Math.round((percent ?? 0) * 10) / 10 }),
  );
}

/**
 * Widths are data attributes turned into geometry here: the CSP forbids inline style
 * attributes, but the CSSOM (element.style) stays allowed.
 * @param {ParentNode} root
 */
export function applyBarWidths(root) {
  for (const el of root.querySelectorAll('[data-width]')) {
    /** @type {HTMLElement} */ (el).style.width = `${el.getAttribute('data-width')}%`;
  }
}

/** @param {ProgressSummary} p */
export function progressFigures(p) {
  return h(
    'div',
    { class: 'figures' },
    h(
      'div',
      { class: 'figure' },
      h('div', { class: 'figure-value', 'data-figure': 'by-count' }, formatPercent(p.percentByCount)),
      h('div', { class: 'figure-label' }, `by count: ${p.finished} of ${p.total} issues finished`),
      percentBar(p.percentByCount, 'Finished by count'),
    ),
    h(
      'div',
      { class: 'figure' },
      h('div', { class: 'figure-value', 'data-figure': 'by-estimate' }, formatPercent(p.percentByEstimate)),
      h(
        'div',
        { class: 'figure-label' },
        `by estimate: ${formatDays(p.finishedEstimateDays)} of ${formatDays(p.estimateDays)} done`,
      ),
      percentBar(p.percentByEstimate, 'Finished by estimate'),
    ),
  );
}
