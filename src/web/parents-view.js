// Progress by parent issue: each parent's sub-issues by status, the first few listed, the rest
// behind "more".
import { h, replaceChildren } from './dom.js';
import { formatPercent } from './format.js';
import { applyBarWidths, statusBar } from './progress-view.js';

/** Parents listed before "more". */
const PARENTS_SHOWN = 12;

/**
 * @param {HTMLElement} section
 * @param {{ onSelect: (key: string) => void }} handlers
 */
export function createParentsView(section, handlers) {
  return {
    /** @param {import('./project-data.js').Snapshot} snap */
    update(snap) {
      const parents = Object.entries(snap.plan.progress.byParent ?? {}).sort(([a], [b]) =>
        a.localeCompare(b, undefined, { numeric: true }),
      );
      section.hidden = parents.length === 0;
      /** @param {[string, import('./api.js').ProgressSummary][]} list */
      const parentList = (list) =>
        h(
          'ul',
          { class: 'parents' },
          list.map(([key, p]) =>
            h(
              'li',
              null,
              h(
                'button',
                { type: 'button', class: 'link mono', on: { click: () => handlers.onSelect(key) } },
                key,
              ),
              h('span', { class: 'parent-title' }, snap.byKey.get(key)?.title ?? ''),
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
        section,
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
      applyBarWidths(section);
    },
  };
}
