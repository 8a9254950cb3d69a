// The dashboard's entry: routes by location (`/` or `/projects/:project`) and holds
// the page shell (breadcrumb, live indicator, messages).
import { onReadRefused } from './api.js';
import { h, replaceChildren } from './dom.js';
import { showProjectList } from './project-list.js';
import { showProjectPage } from './project-page.js';
import { createToaster } from './toasts.js';
import { askForToken } from './write-errors.js';

// With ISOPLAN_PUBLIC_READ=0 the service refuses reads without a token: ask for one (kept for the tab),
// once per visit if the user declines (the page's reads run in parallel; each would ask).
let declined = false;
onReadRefused(() => {
  if (declined) return false;
  declined = !askForToken('This service needs an API token to show its data.');
  return !declined;
});

const main = /** @type {HTMLElement} */ (document.getElementById('main'));
const crumb = /** @type {HTMLElement} */ (document.getElementById('crumb'));
const live = /** @type {HTMLElement} */ (document.getElementById('live'));
const offline = /** @type {HTMLElement} */ (document.getElementById('offline'));
const shellTop = /** @type {HTMLElement} */ (document.getElementById('shell-top'));
// What the page brings into view (an issue's panel on a phone, a field the keyboard moves to) lands below
// the sticky header and banner, not under them: the window's scroll padding is their height.
new ResizeObserver(() =>
  document.documentElement.style.setProperty('--shell-height', `${shellTop.offsetHeight}px`),
).observe(shellTop);
const toaster = createToaster(
  /** @type {HTMLElement} */ (document.getElementById('toasts')),
  shellTop,
  '(max-width: 1000px)', // styles.css's narrow layout, where the messages take the width
);

const shell = {
  toast: toaster.toast,
  /**
   * The event stream's status: the indicator in the header, and while the server gives no answer at all
   * a banner saying so (the page shows what it last read, and cannot save); both go when it is back.
   * @param {import('./live.js').StreamStatus} status
   */
  setLive(status) {
    live.hidden = false;
    live.classList.toggle('live-on', status === 'live');
    live.classList.toggle('live-off', status === 'offline');
    live.textContent = { live: 'live', reconnecting: 'reconnecting…', offline: 'offline' }[status];
    live.title = {
      live: 'Changes made elsewhere show up here as they happen',
      reconnecting: 'Lost the live connection; retrying',
      offline: 'The server cannot be reached; retrying',
    }[status];
    offline.hidden = status !== 'offline';
  },
  /**
   * Keeps a banner of the page's own at the top of the window, below the header (and the offline banner):
   * one whose word holds for everything on the page, wherever the user is on it (the what-if).
   * @param {HTMLElement} banner
   */
  pin(banner) {
    shellTop.append(banner);
  },
  /** @param {string} name */
  setCrumb(name) {
    replaceChildren(crumb, h('a', { href: '/' }, 'Projects'), ' / ', h('span', null, name));
  },
};

async function route() {
  const path = location.pathname;
  const match = /^\/projects\/([^/]+)\/?$/.exec(path);
  try {
    if (path === '/' || path === '') {
      replaceChildren(crumb, h('span', null, 'Projects'));
      await showProjectList(main);
    } else if (match) {
      const slug = decodeURIComponent(/** @type {string} */ (match[1]));
      shell.setCrumb(slug);
      await showProjectPage(main, slug, shell);
    } else {
      replaceChildren(
        main,
        h('section', { class: 'card' }, h('h1', null, 'Not found'), h('a', { href: '/' }, '← All projects')),
      );
    }
  } catch (error) {
    replaceChildren(
      main,
      h(
        'section',
        { class: 'card' },
        h('h1', null, 'Something went wrong'),
        h('p', null, error instanceof Error ? error.message : String(error)),
      ),
    );
  }
}

void route();
