// Zoom and pan arithmetic for the graph: a view is a translation (x, y) and a scale k
// applied to the drawing, screen = drawing · k + (x, y). Pure.

/** @typedef {{ x: number, y: number, k: number }} View */

export const MIN_SCALE = 0.05;
export const MAX_SCALE = 4;

/** @param {number} k */
const clampScale = (k) => Math.min(MAX_SCALE, Math.max(MIN_SCALE, k));

/**
 * Zooms by `factor` keeping the drawing point under the screen point (px, py) in place.
 * @param {View} view
 * @param {number} factor
 * @param {number} px
 * @param {number} py
 * @returns {View}
 */
export function zoomAt(view, factor, px, py) {
  const k = clampScale(view.k * factor);
  const ratio = k / view.k;
  return { k, x: px - (px - view.x) * ratio, y: py - (py - view.y) * ratio };
}

/**
 * @param {View} view
 * @param {number} dx
 * @param {number} dy
 * @returns {View}
 */
export function panBy(view, dx, dy) {
  return { k: view.k, x: view.x + dx, y: view.y + dy };
}

/**
 * The view that shows the whole drawing centred in the viewport, never magnified beyond 1.
 * @param {number} width drawing width
 * @param {number} height drawing height
 * @param {number} viewWidth
 * @param {number} viewHeight
 * @returns {View}
 */
export function fitView(width, height, viewWidth, viewHeight) {
  if (width <= 0 || height <= 0 || viewWidth <= 0 || viewHeight <= 0) return { x: 0, y: 0, k: 1 };
  const k = clampScale(Math.min(1, viewWidth / width, viewHeight / height));
  return { k, x: (viewWidth - width * k) / 2, y: (viewHeight - height * k) / 2 };
}

/**
 * The view that brings the drawing point (cx, cy) to the viewport's centre at scale k.
 * @param {number} cx
 * @param {number} cy
 * @param {number} k
 * @param {number} viewWidth
 * @param {number} viewHeight
 * @returns {View}
 */
export function centreOn(cx, cy, k, viewWidth, viewHeight) {
  return { k, x: viewWidth / 2 - cx * k, y: viewHeight / 2 - cy * k };
}

/** @param {View} view */
export const toTransform = (view) =>
  `translate(${view.x.toFixed(1)} ${view.y.toFixed(1)}) scale(${view.k.toFixed(4)})`;
