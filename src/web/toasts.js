// The page's messages ("saved", "could not change …"), shown for a few seconds in a corner of the window
// where they cover no control: an error stays 8 seconds, and over the editor's Save and Cancel it would
// stop the user from pressing either. The corner is chosen when a message comes, and again as the page
// scrolls or is resized while one is shown: the first of the candidates under which no control lies (the
// bottom right, the top right below the header, the bottom left, the top left; on a narrow screen the
// bottom or the top, full width), else the one over the fewest. No control at all is out of reach: a
// message covers some for a few seconds only where every corner would.
import { h } from './dom.js';

/** How long a message stays. */
const SHOWN_MS = { info: 4000, error: 8000 };
/** What a user presses or types in. */
const CONTROL =
  'a[href], button, input, select, textarea, summary, [tabindex]:not([tabindex="-1"]), [role="button"]';
/** The points looked at under a candidate place, this many pixels apart. */
const STEP = 12;
const WIDE = ['bottom-right', 'top-right', 'bottom-left', 'top-left'];
const NARROW = ['bottom', 'top'];

/**
 * @param {HTMLElement} container the messages' live region (`#toasts`)
 * @param {HTMLElement} header the sticky header (and the offline banner): a message at the top goes below it
 * @param {string} narrow the media query of the narrow layout (messages full width)
 */
export function createToaster(container, header, narrow) {
  let placing = false;

  /** The controls under the messages where they are now. */
  function controlsUnder() {
    const r = container.getBoundingClientRect();
    const found = new Set();
    for (let y = r.top + 2; y < r.bottom; y += STEP) {
      for (let x = r.left + 2; x < r.right; x += STEP) {
        const below = document.elementsFromPoint(x, y).find((e) => !container.contains(e));
        const control = below?.closest(CONTROL);
        if (control) found.add(control);
      }
    }
    return found.size;
  }

  function place() {
    if (container.childElementCount === 0) return;
    container.style.setProperty('--toasts-top', `${Math.max(0, header.getBoundingClientRect().bottom)}px`);
    const candidates = matchMedia(narrow).matches ? NARROW : WIDE;
    let best = /** @type {string} */ (candidates[0]);
    let fewest = Number.POSITIVE_INFINITY;
    for (const candidate of candidates) {
      container.dataset.place = candidate;
      const covered = controlsUnder();
      if (covered < fewest) [best, fewest] = [candidate, covered];
      if (covered === 0) break;
    }
    container.dataset.place = best;
  }

  /** Places the messages again at the next frame (once per frame, however many scroll events). */
  function placeSoon() {
    if (placing || container.childElementCount === 0) return;
    placing = true;
    requestAnimationFrame(() => {
      placing = false;
      place();
    });
  }
  // Capture: the panel and the table scroll by themselves too.
  addEventListener('scroll', placeSoon, { capture: true, passive: true });
  addEventListener('resize', placeSoon);

  return {
    /**
     * @param {string} message
     * @param {'info' | 'error'} [kind]
     */
    toast(message, kind = 'info') {
      const el = h(
        'div',
        { class: `toast toast-${kind}`, role: kind === 'error' ? 'alert' : 'status' },
        message,
      );
      container.append(el);
      place();
      setTimeout(() => {
        el.remove();
        place();
      }, SHOWN_MS[kind]);
    },
  };
}
