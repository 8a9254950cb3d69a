// The live feed: who changed what, newest first, from the project's audit trail; and the issues
// a change just unblocked, announced (politely) to screen readers and shown on top.
import { h, replaceChildren } from './dom.js';
import { formatTime } from './format.js';
import { describeChange } from './issue-panel.js';

/** Events shown. */
export const FEED_SIZE = 12;

/**
 * The open issues that are ready now and were not before (a newly unblocked issue).
 * @param {string[]} before the previous plan's ready keys
 * @param {string[]} after the new plan's ready keys
 * @param {Set<string>} blockedBefore the previous plan's blocked keys
 * @returns {string[]}
 */
export function newlyUnblocked(before, after, blockedBefore) {
  const was = new Set(before);
  return after.filter((key) => !was.has(key) && blockedBefore.has(key));
}

/**
 * @param {HTMLElement} section
 * @param {{ onSelect: (key: string) => void }} handlers
 */
export function createFeedView(section, handlers) {
  const announcer = h('div', {
    class: 'unblocked',
    role: 'status',
    'aria-live': 'polite',
    'data-unblocked': '',
  });
  const list = h('ol', { class: 'feed', 'aria-label': 'Recent changes, newest first' });
  section.append(h('h2', null, 'Recent changes'), announcer, list);

  /** @param {string} key */
  const keyButton = (key) =>
    h('button', { type: 'button', class: 'link mono', on: { click: () => handlers.onSelect(key) } }, key);

  return {
    /** @param {import('./api.js').AuditEvent[]} events newest first */
    update(events) {
      replaceChildren(
        list,
        events.length === 0
          ? h('li', { class: 'muted' }, 'No changes recorded yet.')
          : events.slice(0, FEED_SIZE).map((e) => {
              const target = e.target ?? '';
              const edge = target.includes('<-') ? target.split('<-') : null;
              const changes = describeChange(e.before, e.after);
              return h(
                'li',
                { 'data-event': e.id },
                h('strong', { class: 'actor' }, e.actor),
                ' ',
                h('span', { class: 'action' }, e.action.replace('.', ' ')),
                ' ',
                edge !== null
                  ? [
                      keyButton(/** @type {string} */ (edge[0])),
                      ' ← ',
                      keyButton(/** @type {string} */ (edge[1])),
                    ]
                  : target
                    ? keyButton(target)
                    : null,
                changes.length > 0 && changes.length <= 3
                  ? h('div', { class: 'change' }, changes.join('; '))
                  : null,
                h('div', { class: 'muted when' }, formatTime(e.at)),
              );
            }),
      );
    },
    /** @param {string[]} keys issues a change just unblocked */
    announce(keys) {
      if (keys.length === 0) return;
      replaceChildren(
        announcer,
        h('strong', null, 'Now unblocked: '),
        keys.slice(0, 8).map((k, i) => [i > 0 ? ', ' : '', keyButton(k)]),
        keys.length > 8 ? ` and ${keys.length - 8} more` : '',
      );
    },
  };
}
