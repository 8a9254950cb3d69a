// "What's next": the ready issues in the plan's ranking (priority, least slack, then what each
// unblocks; the rule is the server's, src/domain/plan/ready-ranking.ts), each with its reason and,
// once the forecast has arrived, its share of trials on the critical chain.
import { h, replaceChildren } from './dom.js';

/** Issues listed before "more". */
const SHOWN = 8;

/**
 * @param {HTMLElement} section
 * @param {{ onSelect: (key: string) => void }} handlers
 */
export function createReadyView(section, handlers) {
  return {
    /** @param {import('./project-data.js').Snapshot} snap */
    update(snap) {
      const ranking = snap.plan.readyRanking;
      const { forecast } = snap;
      /** @param {typeof ranking} list @param {number} offset */
      const items = (list, offset) =>
        list.map((r, i) =>
          h(
            'li',
            { 'data-ranked': r.key },
            h('span', { class: 'rank', 'aria-hidden': 'true' }, String(offset + i + 1)),
            h(
              'div',
              { class: 'ranked-body' },
              h(
                'div',
                null,
                h(
                  'button',
                  { type: 'button', class: 'link mono', on: { click: () => handlers.onSelect(r.key) } },
                  r.key,
                ),
                ' ',
                h('span', { class: 'ranked-title' }, snap.byKey.get(r.key)?.title ?? ''),
              ),
              h('div', { class: 'reason muted', 'data-reason': '' }, r.reason),
              forecast === null || forecast.trials === 0 || !(r.key in forecast.criticality)
                ? null
                : criticality(forecast.criticality[r.key] ?? 0, forecast.trials),
            ),
          ),
        );
      replaceChildren(
        section,
        h('h2', null, "What's next"),
        ranking.length === 0
          ? h('p', { class: 'muted' }, 'Nothing to start: nothing is open.')
          : h(
              'ol',
              { class: 'ranked', 'aria-label': 'Ready issues, most urgent first' },
              items(ranking.slice(0, SHOWN), 0),
            ),
        ranking.length > SHOWN
          ? h(
              'details',
              null,
              h('summary', null, `${ranking.length - SHOWN} more ready issues`),
              h('ol', { class: 'ranked', start: SHOWN + 1 }, items(ranking.slice(SHOWN), SHOWN)),
            )
          : null,
      );
    },
  };
}

/**
 * How often an issue set the end in the forecast's trials, as a bar and in words.
 * @param {number} share
 * @param {number} trials
 */
function criticality(share, trials) {
  const percent = Math.round(share * 100);
  const words =
    share === 0
      ? `on the critical chain in none of ${trials.toLocaleString('en-US')} trials`
      : `on the critical chain in ${percent === 0 ? '<1' : percent}% of trials`;
  return h(
    'div',
    { class: 'criticality', 'data-criticality': String(share) },
    h('meter', { min: 0, max: 1, value: share, 'aria-hidden': 'true' }),
    words,
  );
}
