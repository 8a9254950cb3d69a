// "What's next", first on the project page: the ready issues ranked (priority, least slack, the work
// they hold up: the plan's rule), each with its reasons, the forecast's criticality among them; and the
// headline a lead is asked for, "with 3 people, P85 = <date>".
import { h, replaceChildren } from './dom.js';

/**
 * @typedef {{ key: string, reason: string, criticality: number, priority: string | null }} NextItem
 * @typedef {{ team: { name: string, capacity: number }[], quantiles: { p85: { date: string } },
 *   target: string | null }} HeadlineForecast
 */

/**
 * "with 3 people, P85 = 2025-08-07" (or the named people).
 * @param {HeadlineForecast} forecast
 */
export function forecastHeadline(forecast) {
  const { team } = forecast;
  const anonymous = team.every((p, i) => p.name === `person ${i + 1}` && p.capacity === 1);
  const who = anonymous
    ? `${team.length} ${team.length === 1 ? 'person' : 'people'}`
    : team.map((p) => p.name).join(', ');
  return `with ${who}, P85 = ${forecast.quantiles.p85.date}`;
}

/**
 * @param {HTMLElement} section
 * @param {{ onSelect: (key: string) => void }} actions
 */
export function createNextView(section, actions) {
  const list = h('ol', { class: 'next-list' });
  const empty = h(
    'p',
    { class: 'muted', hidden: true },
    'Nothing is ready: every open issue waits on another.',
  );
  replaceChildren(section, h('h2', null, "What's next"), list, empty);
  return {
    /**
     * @param {NextItem[]} items
     * @param {Map<string, { title: string }>} issues by key
     */
    update(items, issues) {
      empty.hidden = items.length > 0;
      replaceChildren(
        list,
        items.map((item) =>
          h(
            'li',
            { 'data-next': item.key },
            h(
              'button',
              { type: 'button', class: 'linkish', on: { click: () => actions.onSelect(item.key) } },
              h('span', { class: 'key' }, item.key),
              ' ',
              issues.get(item.key)?.title ?? '',
            ),
            h('div', { class: 'reason muted', 'data-reason': '' }, item.reason),
          ),
        ),
      );
    },
  };
}
