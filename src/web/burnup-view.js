// The burn-up chart: scope and done over time from the project's history, by count or by estimate, with
// the forecast's cone from today to the P50-P95 dates (P85 marked). SVG built with dom.js.

import { burnUpModel } from './burnup-model.js';
import { h, replaceChildren, s } from './dom.js';

/**
 * @typedef {import('./burnup-model.js').BurnUpPoint} BurnUpPoint
 * @typedef {import('./burnup-model.js').Quantiles} Quantiles
 * @typedef {import('./burnup-model.js').BurnUpMode} BurnUpMode
 * @typedef {{ quantiles: Quantiles, history: { burnUp: BurnUpPoint[], summary: string } }} BurnUpForecast
 */

const HEIGHT = 220;

/** @param {HTMLElement} container */
export function createBurnUpView(container) {
  /** @type {BurnUpMode} */
  let mode = 'count';
  /** @type {{ forecast: BurnUpForecast, today: string } | null} */
  let last = null;
  const modeButtons = /** @type {const} */ ([
    ['count', 'By count'],
    ['days', 'By estimate'],
  ]).map(([value, label]) =>
    h(
      'button',
      {
        type: 'button',
        'data-mode': value,
        'aria-pressed': String(value === mode),
        on: {
          click: () => {
            mode = value;
            for (const b of modeButtons) b.setAttribute('aria-pressed', String(b.dataset.mode === mode));
            render();
          },
        },
      },
      label,
    ),
  );
  const chartSlot = h('div', { class: 'burnup-chart' });
  const summary = h('p', { class: 'muted burnup-summary' });
  replaceChildren(
    container,
    h(
      'div',
      { class: 'burnup-head' },
      h('h2', null, 'Burn-up'),
      h('div', { class: 'segmented' }, modeButtons),
    ),
    chartSlot,
    summary,
  );

  function render() {
    if (last === null) return;
    const { forecast, today } = last;
    const width = Math.max(280, chartSlot.clientWidth || 600);
    const model = burnUpModel(forecast.history.burnUp, forecast.quantiles, {
      today,
      mode,
      width,
      height: HEIGHT,
    });
    const path = (/** @type {{ x: number, y: number }[]} */ points) =>
      points.map((p, i) => `${i === 0 ? 'M' : 'L'}${p.x.toFixed(1)},${p.y.toFixed(1)}`).join(' ');
    const { margin } = model;
    const bottom = HEIGHT - margin.bottom;
    const unit = mode === 'count' ? 'issues' : 'estimate-days';
    const q = forecast.quantiles;
    replaceChildren(
      chartSlot,
      s(
        'svg',
        {
          class: 'burnup',
          width,
          height: HEIGHT,
          viewBox: `0 0 ${width} ${HEIGHT}`,
          role: 'img',
          'aria-label': `Burn-up by ${mode === 'count' ? 'count' : 'estimate'}: done and scope over time, forecast to finish between ${q.p50.date} (P50) and ${q.p95.date} (P95), P85 ${q.p85.date}`,
        },
        model.yTicks.map((t) =>
          s(
            'g',
            { class: 'burnup-grid' },
            s('line', { x1: margin.left, x2: width - margin.right, y1: t.y, y2: t.y }),
            s('text', { x: margin.left - 6, y: t.y + 4, 'text-anchor': 'end' }, String(t.value)),
          ),
        ),
        model.xTicks.map((t) =>
          s('text', { class: 'burnup-date', x: t.x, y: HEIGHT - 8, 'text-anchor': 'middle' }, t.label),
        ),
        s('path', { class: 'burnup-cone', d: `${path(model.cone)} Z` }),
        ['p50', 'p85', 'p95'].map((name) =>
          s('path', {
            class: `burnup-line burnup-${name}`,
            d: path(model.lines[/** @type {'p50' | 'p85' | 'p95'} */ (name)]),
          }),
        ),
        s('path', { class: 'burnup-scope', d: path(model.scope) }),
        s('path', { class: 'burnup-done', d: path(model.done) }),
        s(
          'g',
          { class: 'burnup-today' },
          s('line', { x1: model.today, x2: model.today, y1: margin.top, y2: bottom }),
          s('text', { x: model.today + 3, y: margin.top + 10 }, 'today'),
        ),
        s('text', { class: 'burnup-unit', x: margin.left, y: margin.top - 2 }, unit),
      ),
      h(
        'p',
        { class: 'burnup-legend' },
        h('span', { class: 'key key-scope' }, 'scope'),
        h('span', { class: 'key key-done' }, 'done'),
        h('span', { class: 'key key-cone' }, `forecast P50 ${q.p50.date} – P95 ${q.p95.date}`),
        h('span', { class: 'key key-p85' }, `P85 ${q.p85.date}`),
      ),
    );
    summary.textContent = forecast.history.summary;
  }

  return {
    /**
     * @param {BurnUpForecast} forecast
     * @param {string} today ISO date
     */
    update(forecast, today) {
      last = { forecast, today };
      render();
    },
  };
}
