// Building DOM and SVG elements by hand. Every string becomes a text node (or an
// attribute value), never markup: text from the store is escaped by construction.
// There is deliberately no helper that takes HTML.

const SVG_NS = 'http://www.w3.org/2000/svg';

/**
 * @typedef {string | number | boolean | null | undefined | Node | Child[]} Child
 * @typedef {Record<string, string | number | boolean | null | undefined | EventListener | Record<string, EventListener>>} Attrs
 */

/**
 * @param {Element} el
 * @param {Attrs | null | undefined} attrs
 */
function applyAttrs(el, attrs) {
  if (!attrs) return;
  for (const [name, value] of Object.entries(attrs)) {
    if (value === null || value === undefined || value === false) continue;
    if (name === 'on') {
      for (const [type, listener] of Object.entries(/** @type {Record<string, EventListener>} */ (value))) {
        el.addEventListener(type, listener);
      }
      continue;
    }
    // Inline styles and inline handlers are refused by our CSP anyway; refuse them here too.
    if (name === 'style' || name.startsWith('on')) {
      throw new Error(`refusing attribute ${name}`);
    }
    el.setAttribute(name, value === true ? '' : String(value));
  }
}

/**
 * @param {Node} parent
 * @param {Child[]} children
 */
function append(parent, children) {
  for (const child of children) {
    if (child === null || child === undefined || child === false || child === true) continue;
    if (Array.isArray(child)) append(parent, child);
    else if (typeof child === 'object') parent.appendChild(child);
    else parent.appendChild(document.createTextNode(String(child)));
  }
}

/**
 * An HTML element: `h('a', { href, class: 'x' }, 'text', child)`.
 * @template {keyof HTMLElementTagNameMap} K
 * @param {K} tag
 * @param {Attrs | null} [attrs]
 * @param {...Child} children
 * @returns {HTMLElementTagNameMap[K]}
 */
export function h(tag, attrs, ...children) {
  const el = document.createElement(tag);
  applyAttrs(el, attrs);
  append(el, children);
  return el;
}

/**
 * An SVG element.
 * @param {string} tag
 * @param {Attrs | null} [attrs]
 * @param {...Child} children
 * @returns {SVGElement}
 */
export function s(tag, attrs, ...children) {
  const el = /** @type {SVGElement} */ (document.createElementNS(SVG_NS, tag));
  applyAttrs(el, attrs);
  append(el, children);
  return el;
}

/**
 * Replaces an element's children.
 * @param {Element} el
 * @param {...Child} children
 */
export function replaceChildren(el, ...children) {
  el.replaceChildren();
  append(el, children);
  return el;
}

/**
 * Runs `redraw`, which draws `container`'s elements anew, and keeps the keyboard where it was: a focused
 * element marked `attribute` (a row's `data-row`, a node's `data-key`) is focused again in its new
 * drawing. A live update draws a view again under the user; without this the focus fell to the page's
 * body and Tab started over.
 * @param {Element} container
 * @param {string} attribute
 * @param {() => void} redraw
 */
export function keepingFocus(container, attribute, redraw) {
  const focused = document.activeElement;
  const value =
    focused !== null && container.contains(focused)
      ? (focused.closest(`[${attribute}]`)?.getAttribute(attribute) ?? null)
      : null;
  redraw();
  if (value === null) return;
  const again = /** @type {HTMLElement | SVGElement | null} */ (
    container.querySelector(`[${attribute}="${CSS.escape(value)}"]`)
  );
  again?.focus({ preventScroll: true });
}

/**
 * A link target from the store, only when it is http(s): `javascript:` and friends become null.
 * @param {string | null | undefined} url
 * @returns {string | null}
 */
export function safeHref(url) {
  if (!url) return null;
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'http:' || parsed.protocol === 'https:' ? parsed.href : null;
  } catch {
    return null;
  }
}
