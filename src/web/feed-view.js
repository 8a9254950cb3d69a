// The live feed: who changed what, newest first, from the project's audit trail and the event stream's
// `issue.unblocked` events; and the issues a change just unblocked, announced (politely) to screen readers
// and shown on top: by name, with the blockers whose finishing freed them, when the stream said so (GitHub
// closed an issue), else from the difference between two plans (another client's write).
import { h, replaceChildren } from './dom.js';
import { formatActor, formatTime } from './format.js';
import { describeChange } from './issue-panel.js';

/** @typedef {import('./live.js').UnblockedEvent} UnblockedEvent */

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

  /** @type {import('./api.js').AuditEvent[]} the audit events shown last, newest first */
  let audit = [];
  /** @type {UnblockedEvent[]} the stream's unblocked events since the page opened, newest first */
  let streamed = [];
  /** @type {UnblockedEvent[]} the announcement on top when the stream made it: one change's events (one `at`) */
  let announced = [];
  /** Keys the stream announced since the last plan refresh: that refresh does not announce them again. */
  let sinceRefresh = new Set();

  /** @param {import('./api.js').AuditEvent} e */
  const auditItem = (e) => {
    const target = e.target ?? '';
    const edge = target.includes('<-') ? target.split('<-') : null;
    const changes = describeChange(e.before, e.after);
    return h(
      'li',
      { 'data-event': e.id },
      h('strong', { class: 'actor' }, formatActor(e)),
      ' ',
      h('span', { class: 'action' }, e.action.replace('.', ' ')),
      ' ',
      edge !== null
        ? [keyButton(/** @type {string} */ (edge[0])), ' ← ', keyButton(/** @type {string} */ (edge[1]))]
        : target
          ? keyButton(target)
          : null,
      changes.length > 0 && changes.length <= 3 ? h('div', { class: 'change' }, changes.join('; ')) : null,
      h('div', { class: 'muted when' }, formatTime(e.at)),
    );
  };

  /** @param {UnblockedEvent} e */
  const unblockedItem = (e) =>
    h(
      'li',
      { 'data-unblocked-event': e.issue },
      h('span', { class: 'action' }, 'unblocked'),
      ' ',
      keyButton(e.issue),
      h('div', { class: 'change' }, `${e.title}: ${finishedText(e.finishedBlockers)}`),
      h('div', { class: 'muted when' }, formatTime(e.at)),
    );

  function draw() {
    const items = [
      ...audit.map((e) => ({ at: Date.parse(e.at), node: () => auditItem(e) })),
      ...streamed.map((e) => ({ at: Date.parse(e.at), node: () => unblockedItem(e) })),
    ].sort((a, b) => b.at - a.at);
    replaceChildren(
      list,
      items.length === 0
        ? h('li', { class: 'muted' }, 'No changes recorded yet.')
        : items.slice(0, FEED_SIZE).map((item) => item.node()),
    );
  }

  return {
    /** @param {import('./api.js').AuditEvent[]} events newest first */
    update(events) {
      audit = events;
      draw();
    },
    /** @param {UnblockedEvent} event an issue the stream says was just unblocked */
    unblocked(event) {
      streamed = [event, ...streamed.filter((e) => e.issue !== event.issue || e.at !== event.at)].slice(
        0,
        FEED_SIZE,
      );
      // The events of one change share its time: they are announced together.
      announced = [...announced.filter((e) => e.at === event.at && e.issue !== event.issue), event];
      sinceRefresh.add(event.issue);
      replaceChildren(
        announcer,
        h('strong', null, 'Now unblocked: '),
        announced
          .slice(0, 8)
          .map((e, i) =>
            h(
              'span',
              { 'data-unblocked-issue': e.issue },
              i > 0 ? '; ' : '',
              keyButton(e.issue),
              ` ${e.title} (${finishedText(e.finishedBlockers)})`,
            ),
          ),
        announced.length > 8 ? ` and ${announced.length - 8} more` : '',
      );
      draw();
    },
    /**
     * Announces the issues a change just unblocked, but those the stream announced since the last call.
     * @param {string[]} keys
     * @returns {string[]} the keys announced
     */
    announce(keys) {
      const fresh = keys.filter((k) => !sinceRefresh.has(k));
      sinceRefresh = new Set();
      if (fresh.length === 0) return fresh;
      announced = [];
      replaceChildren(
        announcer,
        h('strong', null, 'Now unblocked: '),
        fresh.slice(0, 8).map((k, i) => [i > 0 ? ', ' : '', keyButton(k)]),
        fresh.length > 8 ? ` and ${fresh.length - 8} more` : '',
      );
      return fresh;
    },
  };
}

/** @param {string[]} blockers */
function finishedText(blockers) {
  return blockers.length === 1
    ? `its last open blocker ${blockers[0]} was finished`
    : `its last open blockers ${blockers.join(', ')} were finished`;
}
